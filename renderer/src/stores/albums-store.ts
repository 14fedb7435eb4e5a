// Runs in: the renderer. The user's albums for the sidebar and the "add to album" menus,
// and the calls that change them. Reloaded after each change, so the sidebar shows what
// main stored, not what the UI hoped it stored.
import type { AlbumInfo } from '../../../main/shared/api-contract';
import { api } from '../lib/api';
import { createStore } from '../lib/store';
import { notify, valueOrNotify } from './notices';

export const albumsStore = createStore<AlbumInfo[]>([]);

export async function reloadAlbums(): Promise<void> {
  const albums = valueOrNotify(await api.albums.list(), 'list the albums');
  if (albums) albumsStore.set(albums);
}

export async function createAlbum(name: string, photoIds: string[] = []): Promise<AlbumInfo | null> {
  const album = valueOrNotify(await api.albums.createManual(name, photoIds), 'create the album');
  await reloadAlbums();
  return album;
}

export async function addToAlbum(album: AlbumInfo, photoIds: string[]): Promise<void> {
  if (album.kind !== 'manual') {
    notify(`${album.name} is a smart album: it fills itself from its search.`, 'error');
    return;
  }
  const updated = valueOrNotify(await api.albums.addPhotos(album.id, photoIds), `add to ${album.name}`);
  if (updated) notify(`Added ${photoIds.length === 1 ? '1 photo' : `${photoIds.length} photos`} to ${album.name}.`);
  await reloadAlbums();
}

export async function removeFromAlbum(albumId: string, photoIds: string[]): Promise<void> {
  valueOrNotify(await api.albums.removePhotos(albumId, photoIds), 'remove from the album');
  await reloadAlbums();
}

/** Moves a photo to position `index` of a manual album's order. */
export async function movePhotoInAlbum(albumId: string, photoId: string, index: number): Promise<void> {
  valueOrNotify(await api.albums.movePhoto(albumId, photoId, index), 'reorder the album');
  await reloadAlbums();
}

export async function renameAlbum(albumId: string, name: string): Promise<void> {
  valueOrNotify(await api.albums.rename(albumId, name), 'rename the album');
  await reloadAlbums();
}

/** Moves an album to position `index` of the albums' (the sidebar's) order. */
export async function moveAlbum(albumId: string, index: number): Promise<void> {
  // Main answers with every album in the order it stored: no second listing needed.
  const albums = valueOrNotify(await api.albums.move(albumId, index), 'move the album');
  if (albums) albumsStore.set(albums);
}

export async function deleteAlbum(albumId: string): Promise<void> {
  valueOrNotify(await api.albums.delete(albumId), 'delete the album');
  await reloadAlbums();
}
