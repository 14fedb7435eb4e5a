// Runs in: the renderer. The user's albums for the sidebar and the "add to album" menus,
// and the calls that change them, each told with its Undo. Reloaded after each change, so
// the sidebar shows what main stored, not what the UI hoped it stored. Deleting asks first.
import type { AlbumInfo } from '../../../main/shared/api-contract';
import { api } from '../lib/api';
import { createStore } from '../lib/store';
import { confirmFirst } from './confirm-store';
import { formatCount } from '../lib/format';
import { notifyEdit } from './history-store';
import { notify, succeeded, valueOrNotify } from './notices';

export const albumsStore = createStore<AlbumInfo[]>([]);

export async function reloadAlbums(): Promise<void> {
  const albums = valueOrNotify(await api.albums.list(), 'list the albums');
  if (albums) albumsStore.set(albums);
}

export async function createAlbum(name: string, photoIds: string[] = []): Promise<AlbumInfo | null> {
  const album = valueOrNotify(await api.albums.createManual(name, photoIds), 'create the album');
  if (album) notifyEdit(`Created the album “${album.name}”${photoIds.length > 0 ? ` with ${formatCount(photoIds.length, 'photo')}` : ''}.`);
  await reloadAlbums();
  return album;
}

export async function addToAlbum(album: AlbumInfo, photoIds: string[]): Promise<void> {
  if (album.kind !== 'manual') {
    notify(`${album.name} is a smart album: it fills itself from its search.`, 'error');
    return;
  }
  const updated = valueOrNotify(await api.albums.addPhotos(album.id, photoIds), `add to ${album.name}`);
  if (updated) notifyEdit(`Added ${formatCount(photoIds.length, 'photo')} to ${album.name}.`);
  await reloadAlbums();
}

/** Takes photos out of a manual album; they stay in the library. */
export async function removeFromAlbum(albumId: string, photoIds: string[]): Promise<void> {
  const album = valueOrNotify(await api.albums.removePhotos(albumId, photoIds), 'remove from the album');
  if (album) notifyEdit(`Removed ${formatCount(photoIds.length, 'photo')} from ${album.name}; ${photoIds.length === 1 ? 'it stays' : 'they stay'} in your library.`);
  await reloadAlbums();
}

/** Moves photos, as a block, to position `index` of the order a manual album's other photos keep. */
export async function movePhotosInAlbum(albumId: string, photoIds: string[], index: number): Promise<void> {
  const album = valueOrNotify(await api.albums.movePhotos(albumId, photoIds, index), 'reorder the album');
  if (album) notifyEdit(`Moved ${photoIds.length === 1 ? 'the photo' : `${photoIds.length} photos`} to place ${index + 1} in ${album.name}.`);
  await reloadAlbums();
}

export async function renameAlbum(albumId: string, name: string): Promise<void> {
  if (valueOrNotify(await api.albums.rename(albumId, name), 'rename the album')) notifyEdit(`Renamed the album to “${name}”.`);
  await reloadAlbums();
}

/** Moves an album to position `index` of the albums' (the sidebar's) order. */
export async function moveAlbum(albumId: string, index: number): Promise<void> {
  // Main answers with every album in the order it stored: no second listing needed.
  const albums = valueOrNotify(await api.albums.move(albumId, index), 'move the album');
  if (albums) {
    albumsStore.set(albums);
    notifyEdit(`Moved the album “${albums[index]?.name ?? ''}” to place ${index + 1}.`);
  }
}

/** Deletes an album once the user says so; its photos stay in the library, and Undo brings it back. */
export async function deleteAlbum(album: AlbumInfo): Promise<void> {
  const photos = album.kind === 'manual' ? `${formatCount(album.count, 'photo')} stay in your library` : 'its photos stay in your library';
  if (!(await confirmFirst({ title: `Delete album “${album.name}”?`, message: `The album goes; ${photos}. You can undo this.`, confirm: 'Delete album' }))) return;
  if (succeeded(await api.albums.delete(album.id), 'delete the album')) notifyEdit(`Deleted the album “${album.name}”.`);
  await reloadAlbums();
}
