// Runs in: the renderer. Stars, favourites and quarter turns on the selection, from the keys
// (lib/mark-keys.ts), the context menu, the inspector and the viewer. Each is one edit in
// main, told with its Undo; the grid shows the change once main's photo change arrives.
import type { PhotoInfo } from '../../../main/shared/api-contract';
import { api } from '../lib/api';
import { formatCount } from '../lib/format';
import type { MarkCommand } from '../lib/mark-keys';
import { notifyEdit } from './history-store';
import { valueOrNotify } from './notices';

export async function ratePhotos(ids: readonly string[], stars: number): Promise<void> {
  const done = valueOrNotify(await api.photos.rate([...ids], stars), 'change the stars');
  if (!done || done.changed === 0) return;
  notifyEdit(stars === 0 ? `Took the stars from ${formatCount(done.changed, 'photo')}.` : `Gave ${formatCount(done.changed, 'photo')} ${formatCount(stars, 'star')}.`);
}

/** Favourites for the photos, or takes them out when every one is already a favourite. */
export async function toggleFavourite(photos: readonly PhotoInfo[]): Promise<void> {
  const favourite = !photos.every((p) => p.favourite);
  const done = valueOrNotify(await api.photos.favourite(photos.map((p) => p.id), favourite), 'change the favourites');
  if (!done || done.changed === 0) return;
  notifyEdit(`${favourite ? 'Added' : 'Removed'} ${formatCount(done.changed, 'photo')} ${favourite ? 'to' : 'from'} Favourites.`);
}

export async function rotatePhotos(ids: readonly string[], direction: 'left' | 'right'): Promise<void> {
  const done = valueOrNotify(await api.photos.rotate([...ids], direction), 'rotate');
  if (done && done.changed > 0) notifyEdit(`Rotated ${formatCount(done.changed, 'photo')} ${direction}.`);
}

/** Carries out a mark key on these photos. */
export function applyMark(command: MarkCommand, photos: readonly PhotoInfo[]): void {
  if (photos.length === 0) return;
  const ids = photos.map((p) => p.id);
  if (command.kind === 'rate') void ratePhotos(ids, command.stars);
  else if (command.kind === 'favourite') void toggleFavourite(photos);
  else void rotatePhotos(ids, command.direction);
}
