// Runs in: main process and the CLI (plain Node). Moving photos to the system's trash as one
// user edit: the files go to the trash (trash-bin.ts), then their records leave the catalog
// in an edit that remembers where the files went; the caller drops their vectors and
// thumbnails. Undo puts the files back first and then the records, with their tags,
// keywords and album places; redo trashes them again. A file the platform's trash took
// (macOS and Windows) cannot be put back from here: the undo says which to restore by hand.
import { basename } from 'node:path';
import { errorMessage } from '../shared/errors';
import type { Catalog } from './catalog';
import type { Replayed } from './edit-history';
import { moveToTrash, restoreFromTrash, type TrashedFile, type TrashOptions } from './trash-bin';

export interface TrashResult {
  /** Ids of the photos whose files are in the trash now and whose records left the catalog. */
  trashed: string[];
  /** Files that could not be moved, with why; their photos stay as they were. */
  failed: { path: string; reason: string }[];
}

/** What an undo or redo did, with the files it could not move back or away. */
export interface FileReplay {
  replayed: Replayed | null;
  /** Files the user has to put back (or remove) by hand, and why. */
  leftOver: { path: string; reason: string }[];
}

function countOf(n: number): string {
  return n === 1 ? '1 photo' : `${n.toLocaleString('en-US')} photos`;
}

export async function trashPhotos(catalog: Catalog, ids: readonly string[], options: TrashOptions = {}): Promise<TrashResult> {
  const result: TrashResult = { trashed: [], failed: [] };
  const moved: TrashedFile[] = [];
  for (const id of new Set(ids)) {
    const photo = catalog.getPhoto(id);
    if (!photo) continue;
    try {
      moved.push(await moveToTrash(photo.path, options));
      result.trashed.push(id);
    } catch (err) {
      result.failed.push({ path: photo.path, reason: errorMessage(err) });
    }
  }
  if (result.trashed.length > 0) {
    const label = result.trashed.length === 1 ? `Move “${basename(moved[0]?.path ?? '')}” to the Trash` : `Move ${countOf(result.trashed.length)} to the Trash`;
    catalog.edit(label, () => catalog.removePhotos(result.trashed), moved);
  }
  return result;
}

/** Undo with the files: those the edit trashed go back first (their records need them there). */
export async function undoWithFiles(catalog: Catalog): Promise<FileReplay> {
  const leftOver: FileReplay['leftOver'] = [];
  for (const file of catalog.history().undo?.trashed ?? []) {
    await restoreFromTrash(file).catch((err: unknown) => leftOver.push({ path: file.path, reason: errorMessage(err) }));
  }
  return { replayed: catalog.undo(), leftOver };
}

/** Redo with the files: those the edit trashed go to the trash again, and the edit remembers where. */
export async function redoWithFiles(catalog: Catalog, options: TrashOptions = {}): Promise<FileReplay> {
  const entry = catalog.history().redo;
  const leftOver: FileReplay['leftOver'] = [];
  const moved: TrashedFile[] = [];
  for (const file of entry?.trashed ?? []) {
    try {
      moved.push(await moveToTrash(file.path, options));
    } catch (err) {
      leftOver.push({ path: file.path, reason: errorMessage(err) });
    }
  }
  const replayed = catalog.redo();
  if (entry && entry.trashed.length > 0) catalog.setTrashed(entry.seq, moved);
  return { replayed, leftOver };
}
