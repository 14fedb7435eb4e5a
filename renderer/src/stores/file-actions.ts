// Runs in: the renderer. What the user does with photos' files: show one in the file manager,
// open it with the default app (both in the desktop app; a browser says so), move photos to
// the system's trash (asked first, told with its Undo, which brings the files back), and
// copy them to a folder (components/ExportDialog).
import type { PhotoInfo } from '../../../main/shared/api-contract';
import { api, isDesktopApp } from '../lib/api';
import { fileName, formatCount } from '../lib/format';
import { confirmFirst } from './confirm-store';
import { notifyEdit } from './history-store';
import { notify, succeeded, valueOrNotify } from './notices';
import { openDialog } from './view-store';

/** The file manager's name on this system, for "Show in Finder". */
export function fileManagerName(): string {
  const platform = navigator.platform.toLowerCase();
  return platform.startsWith('mac') ? 'Finder' : platform.startsWith('win') ? 'Explorer' : 'file manager';
}

/** Why an action is not offered here: the browser cannot reach the file manager or other apps. */
export const DESKTOP_ONLY_HINT = 'In the desktop app';

export async function showInFolder(photoId: string): Promise<void> {
  if (isDesktopApp()) succeeded(await api.photos.showInFolder(photoId), 'show the photo in its folder');
}

export async function openWithDefaultApp(photoId: string): Promise<void> {
  if (isDesktopApp()) succeeded(await api.photos.open(photoId), 'open the photo');
}

/** Moves the photos' files to the trash once the user says so; Undo brings them back. */
export async function moveToTrash(photos: readonly PhotoInfo[]): Promise<void> {
  if (photos.length === 0) return;
  const one = photos.length === 1 ? photos[0] : undefined;
  const asked = {
    title: one ? `Move “${fileName(one.path)}” to the Trash?` : `Move ${formatCount(photos.length, 'photo')} to the Trash?`,
    message: `The ${one ? 'file goes' : 'files go'} to your system's trash, where you can get ${one ? 'it' : 'them'} back, and ${one ? 'leaves' : 'leave'} the library with ${one ? 'its' : 'their'} tags and album places. You can undo this.`,
    confirm: 'Move to Trash',
  };
  if (!(await confirmFirst(asked))) return;
  const result = valueOrNotify(await api.photos.trash(photos.map((p) => p.id)), 'move the photos to the trash');
  if (!result) return;
  if (result.trashed > 0) notifyEdit(`Moved ${formatCount(result.trashed, 'photo')} to the Trash.`);
  for (const failed of result.failed) notify(`${fileName(failed.path)} stays where it is: ${failed.reason}`, 'error');
}

/** Opens the export dialog for an album's photos (a smart album's as it finds them now). */
export async function exportAlbum(album: { id: string; name: string }): Promise<void> {
  const ids = valueOrNotify(await api.albums.photos(album.id), `read the album ${album.name}`);
  if (ids && ids.length === 0) notify(`“${album.name}” has no photos to copy.`);
  else if (ids) exportPhotos(ids, `“${album.name}”`);
}

/** Opens the export dialog for these photos. */
export function exportPhotos(photoIds: readonly string[], what = formatCount(photoIds.length, 'photo')): void {
  if (photoIds.length > 0) openDialog({ kind: 'export', photoIds: [...photoIds], what });
}
