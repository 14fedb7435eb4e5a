// Runs in: the renderer. The open library as the UI sees it: its state (open, or waiting
// for a model), its folders, and every photo record, loaded in pages so a 100,000-photo
// library streams in without one giant response. Listed again when main says the library
// changed and its photos revision moved (an album or category edit leaves it, and the list,
// alone); then only the records changed since are asked for (library:photoChanges), so a
// star or the photos indexing finished cross without 100,000 records each time.
import type { LibraryState, PhotoInfo } from '../../../main/shared/api-contract';
import { api } from '../lib/api';
import { loadQueue } from '../lib/load-queue';
import { createStore } from '../lib/store';
import { reloadAlbums } from './albums-store';
import { categoryChanged } from './categories-store';
import { formatCount } from '../lib/format';
import { confirmFirst } from './confirm-store';
import { notifyEdit } from './history-store';
import { valueOrNotify } from './notices';

/** A photo by id, in the store's current list. */
export interface PhotoLookup {
  get(id: string): PhotoInfo | undefined;
}

export interface LibraryView {
  state: LibraryState | null;
  /** Every photo in catalog order (the order they were found in). */
  photos: PhotoInfo[];
  /** A new object with every new list, so subscribers see the change. */
  byId: PhotoLookup;
  /** False until the first full load has finished. */
  loaded: boolean;
}

export const libraryStore = createStore<LibraryView>({ state: null, photos: [], byId: new Map<string, PhotoInfo>(), loaded: false });

/**
 * The one index behind every published lookup. A tail refresh while indexing updates it in
 * place (the photos before the tail are the same records), where building a new Map of
 * 100,000 photos every 1.5 s cost 20-40 ms each time; a full listing builds it anew.
 */
let index = new Map<string, PhotoInfo>();

/** The photos revision the list now reflects, for asking main what changed since; null when a full listing is due. */
let changedRevision: number | null = null;

/**
 * The photos revision (LibraryState) the last full listing was asked for at; null until the
 * first, after a listing main refused, and while no library is open, so those always list.
 */
let listedRevision: number | null = null;

/** Photos per call: main reads them by key, so a page costs the same wherever it starts. */
const PAGE = 5000;

/**
 * The photos after the photo `after` (from the first without) to the end, a page at a time;
 * null when main refused. `onFirst` gets the first page as soon as it comes, with whether it
 * was the last.
 */
async function listFrom(after: string | undefined, onFirst?: (photos: PhotoInfo[], last: boolean) => void): Promise<PhotoInfo[] | null> {
  const pages: PhotoInfo[][] = [];
  let cursor = after;
  for (;;) {
    const page = await api.library.listPhotos({ ...(cursor === undefined ? {} : { after: cursor }), limit: PAGE });
    if (!page.ok) {
      // A photo removed under the tail's cursor is no failure: the caller lists everything again.
      if (page.error.code !== 'NOT_FOUND') valueOrNotify(page, 'list the photos');
      return null;
    }
    const { photos } = page.value;
    const last = photos.length < PAGE;
    if (pages.length === 0) onFirst?.(photos, last);
    pages.push(photos);
    if (last) return pages.flat();
    cursor = photos.at(-1)?.id;
  }
}

async function loadAll(): Promise<void> {
  // The first page shows at once on a fresh load, so a big library paints without waiting for the rest.
  const fresh = !libraryStore.get().loaded;
  const state = libraryStore.get().state;
  // Taken before listing: a change made while the pages come is asked for again next time.
  const revision = state?.state === 'open' ? state.photosRevision : null;
  const photos = await listFrom(undefined, fresh ? publish : undefined);
  if (photos) {
    publish(photos, true);
    changedRevision = revision;
  } else listedRevision = null;
}

/**
 * Brings the list up to main's photos revision by the records changed since the last listing
 * (a star, a turn, the photos indexing added or finished): the changed ones replaced where
 * they are, new ones added in catalog order, removed ones dropped. A full listing when main
 * cannot tell what changed.
 */
async function loadChanges(): Promise<void> {
  const { photos, loaded } = libraryStore.get();
  const since = changedRevision;
  if (!loaded || since === null) return loadAll();
  const result = await api.library.photoChanges(since);
  const changes = result.ok ? result.value : null;
  if (!changes) return loadAll();
  changedRevision = changes.revision;
  if (changes.photos.length === 0 && changes.removed.length === 0) return;
  const changed = new Map(changes.photos.map((p) => [p.id, p]));
  const removed = new Set(changes.removed);
  const next: PhotoInfo[] = [];
  for (const photo of photos) {
    if (removed.has(photo.id)) continue;
    const now = changed.get(photo.id);
    next.push(now ?? photo);
    changed.delete(photo.id);
  }
  // What is left is new to this list; main sends it in catalog order, which is where a listing puts it.
  next.push(...changed.values());
  for (const id of removed) index.delete(id);
  for (const photo of changes.photos) index.set(photo.id, photo);
  publishIndexed(next, true);
}

function publish(photos: PhotoInfo[], loaded: boolean): void {
  index = new Map(photos.map((p) => [p.id, p]));
  publishIndexed(photos, loaded);
}

function publishIndexed(photos: PhotoInfo[], loaded: boolean): void {
  const current = index;
  libraryStore.set((view) => ({ ...view, photos, byId: { get: (id) => current.get(id) }, loaded }));
}

/** A full listing covers the changes; a burst of calls costs one more load (lib/load-queue.ts). */
const schedule = loadQueue<'all' | 'changes'>(
  (load) => (load === 'all' ? loadAll() : loadChanges()),
  (a, b) => (a === 'all' || b === 'all' ? 'all' : 'changes'),
);

/** Lists every photo again; resolves once a listing that began after this call has finished. */
export function reloadPhotos(): Promise<void> {
  return schedule('all');
}

/** Reads only the photos changed since the last listing (while indexing, after an edit). */
export function refreshPhotos(): Promise<void> {
  return schedule('changes');
}

/** The catalog changes (LibraryState.changes) the albums and categories were last listed at. */
let listedChanges: number | null = null;

export function applyLibraryState(state: LibraryState): void {
  libraryStore.set((view) => ({ ...view, state }));
  if (state.state !== 'open') {
    listedRevision = null;
    changedRevision = null;
    listedChanges = null;
    return;
  }
  // Categories, decisions, albums or keywords changed, here or in another process (a command
  // typed in a terminal): the sidebar and every view of tags follow.
  if (listedChanges !== null && state.changes !== listedChanges) {
    void reloadAlbums();
    void categoryChanged();
  }
  listedChanges = state.changes;
  if (state.photosRevision === listedRevision) return;
  // The first listing, or a new process's revisions, list everything; after that the changes do.
  const first = listedRevision === null || state.photosRevision < listedRevision;
  listedRevision = state.photosRevision;
  void (first ? reloadPhotos() : refreshPhotos());
}

export async function refreshLibrary(): Promise<void> {
  const state = valueOrNotify(await api.library.state(), 'read the library');
  if (state) applyLibraryState(state);
}

export async function addFolder(path: string): Promise<boolean> {
  return valueOrNotify(await api.library.addRoot(path.trim()), `add ${path}`) !== null;
}

/** Takes a folder out of the library once the user says so; the files stay on disk, and Undo brings it back. */
export async function removeFolder(root: { id: string; path: string }): Promise<void> {
  const photos = libraryStore.get().photos.filter((p) => p.rootId === root.id).length;
  const asked = {
    title: 'Remove this folder from the library?',
    message: `${root.path}: its ${formatCount(photos, 'photo')} leave the library with their tags, keywords and album places. The files stay on your disk, and you can undo this.`,
    confirm: 'Remove folder',
  };
  if (!(await confirmFirst(asked))) return;
  const removed = valueOrNotify(await api.library.removeRoot(root.id), 'remove the folder');
  if (removed) notifyEdit(`Removed ${root.path} (${formatCount(removed.removedPhotos, 'photo')}) from the library.`);
}

/** Keeps the store in step with main for as long as the app runs. */
export function watchLibrary(): () => void {
  void refreshLibrary();
  return api.on('library:changed', applyLibraryState);
}
