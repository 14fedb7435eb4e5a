// Runs in: the main process. Manual albums (ordered photo lists) and smart albums (a saved
// SearchQuery) as catalog rows. Category albums are not stored: they are the live tags of a
// category (tagging/tagger.ts photosWithCategory). Membership of a smart album is resolved by
// search/photo-search.ts, which runs its query. The albums table's order is the sidebar's
// order. Each user action is one catalog edit, undoable: deleting an album and undoing it
// brings it back with its photos in their order.
import type { Catalog } from '../library/catalog';
import type { AlbumRecord, SearchQuery } from '../library/catalog-schema';
import { newId } from '../library/photo-id';
import { ClipfolioError } from '../shared/errors';

export type ManualAlbum = Extract<AlbumRecord, { kind: 'manual' }>;

export function listAlbums(catalog: Catalog): readonly AlbumRecord[] {
  return catalog.table('albums');
}

/** By id, or by name ignoring case. */
export function findAlbum(catalog: Catalog, nameOrId: string): AlbumRecord {
  const key = nameOrId.trim().toLowerCase();
  const album = catalog.table('albums').find((a) => a.id === nameOrId || a.name.toLowerCase() === key);
  if (!album) throw new ClipfolioError('NOT_FOUND', `no album named ${JSON.stringify(nameOrId)}`);
  return album;
}

export function createManualAlbum(catalog: Catalog, name: string, photoIds: readonly string[] = []): ManualAlbum {
  checkPhotos(catalog, photoIds);
  const album: ManualAlbum = { id: newId(), name: uniqueName(catalog, name), kind: 'manual', createdAt: new Date().toISOString() };
  catalog.edit(`Create album “${album.name}”`, () => {
    catalog.updateTable('albums', (rows) => [...rows, album]);
    catalog.addAlbumPhotos(album.id, photoIds);
  });
  return album;
}

export function createSmartAlbum(catalog: Catalog, name: string, query: SearchQuery): AlbumRecord {
  const album: AlbumRecord = { id: newId(), name: uniqueName(catalog, name), kind: 'smart', query, createdAt: new Date().toISOString() };
  catalog.edit(`Create smart album “${album.name}”`, () => catalog.updateTable('albums', (rows) => [...rows, album]));
  return album;
}

/** Appends photos not already in the album, in the given order, or inserts them at `index`. */
export function addToAlbum(catalog: Catalog, albumId: string, photoIds: readonly string[], index?: number): ManualAlbum {
  checkPhotos(catalog, photoIds);
  const album = manual(catalog, albumId);
  catalog.edit(`Add ${photoCount(photoIds)} to “${album.name}”`, () => catalog.addAlbumPhotos(album.id, photoIds, index));
  return album;
}

export function removeFromAlbum(catalog: Catalog, albumId: string, photoIds: readonly string[]): ManualAlbum {
  const album = manual(catalog, albumId);
  catalog.edit(`Remove ${photoCount(photoIds)} from “${album.name}”`, () => catalog.removeAlbumPhotos(album.id, photoIds));
  return album;
}

/** Moves photos, as a block, to position `index` of the order the album's other photos keep. */
export function moveInAlbum(catalog: Catalog, albumId: string, photoIds: readonly string[], index: number): ManualAlbum {
  const album = manual(catalog, albumId);
  catalog.edit(`Reorder “${album.name}”`, () => catalog.moveAlbumPhotos(album.id, photoIds, index));
  return album;
}

/** Renames an album under the same rules as a new one's name (its own name, in any case, is free). */
export function renameAlbum(catalog: Catalog, nameOrId: string, name: string): AlbumRecord {
  const album = findAlbum(catalog, nameOrId);
  const renamed: AlbumRecord = { ...album, name: uniqueName(catalog, name, album.id) };
  catalog.edit(`Rename album “${album.name}” to “${renamed.name}”`, () => catalog.updateTable('albums', (rows) => rows.map((a) => (a.id === album.id ? renamed : a))));
  return renamed;
}

/** Moves one album to position `index` (clamped) of the albums' order; returns the new order. */
export function moveAlbum(catalog: Catalog, nameOrId: string, index: number): readonly AlbumRecord[] {
  const album = findAlbum(catalog, nameOrId);
  catalog.edit(`Move album “${album.name}”`, () => catalog.updateTable('albums', (rows) => insertAt(rows.filter((a) => a.id !== album.id), [album], index)));
  return listAlbums(catalog);
}

/** Deletes an album; its photos stay in the library, and Undo brings it back with them in order. */
export function deleteAlbum(catalog: Catalog, nameOrId: string): AlbumRecord {
  const album = findAlbum(catalog, nameOrId);
  catalog.edit(`Delete album “${album.name}”`, () => {
    if (album.kind === 'manual') catalog.clearAlbum(album.id);
    catalog.updateTable('albums', (rows) => rows.filter((a) => a.id !== album.id));
  });
  return album;
}

function manual(catalog: Catalog, albumId: string): ManualAlbum {
  const album = findAlbum(catalog, albumId);
  if (album.kind !== 'manual') throw new ClipfolioError('INVALID_ARGUMENT', `${album.name} is a smart album; change its query instead`);
  return album;
}

function checkPhotos(catalog: Catalog, photoIds: readonly string[]): void {
  for (const id of photoIds) if (!catalog.getPhoto(id)) throw new ClipfolioError('NOT_FOUND', `no photo with id ${id}`);
}

function photoCount(photoIds: readonly string[]): string {
  const n = new Set(photoIds).size;
  return n === 1 ? '1 photo' : `${n.toLocaleString('en-US')} photos`;
}

/** `items` with `adding` inserted at `index`, clamped to the list's bounds. */
function insertAt<T>(items: readonly T[], adding: readonly T[], index: number): T[] {
  const at = Math.max(0, Math.min(index, items.length));
  return [...items.slice(0, at), ...adding, ...items.slice(at)];
}

/** The trimmed name, if no album other than `exceptId` has it (ignoring case). */
function uniqueName(catalog: Catalog, name: string, exceptId?: string): string {
  const trimmed = name.trim();
  if (trimmed.length === 0) throw new ClipfolioError('INVALID_ARGUMENT', 'an album needs a name');
  if (catalog.table('albums').some((a) => a.id !== exceptId && a.name.toLowerCase() === trimmed.toLowerCase())) {
    throw new ClipfolioError('INVALID_ARGUMENT', `an album named ${JSON.stringify(trimmed)} already exists`);
  }
  return trimmed;
}
