// Runs in: the renderer. The open library as the UI sees it: its state (open, or waiting
// for a model), its folders, and every photo record, loaded in pages so a 100,000-photo
// library streams in without one giant response. Reloaded when main says the library
// changed, and while indexing so new thumbnails appear as they are made.
import type { LibraryState, PhotoInfo } from '../../../main/shared/api-contract';
import { api } from '../lib/api';
import { createStore } from '../lib/store';
import { valueOrNotify } from './notices';

export interface LibraryView {
  state: LibraryState | null;
  /** Every photo in catalog order (the order they were found in). */
  photos: PhotoInfo[];
  byId: ReadonlyMap<string, PhotoInfo>;
  /** False until the first full load has finished. */
  loaded: boolean;
}

export const libraryStore = createStore<LibraryView>({ state: null, photos: [], byId: new Map(), loaded: false });

const PAGE = 1000;
/** Pages asked for at once: enough to hide round trips, few enough to keep main responsive. */
const PARALLEL_PAGES = 4;

let loading: Promise<void> | null = null;
let again = false;

async function loadPhotos(): Promise<void> {
  const first = await api.library.listPhotos({ offset: 0, limit: PAGE });
  if (!first.ok) {
    valueOrNotify(first, 'list the photos');
    return;
  }
  const pages: PhotoInfo[][] = [first.value.photos];
  // The first page shows at once on a fresh load, so a big library paints without waiting for the rest.
  if (!libraryStore.get().loaded) publish(first.value.photos, first.value.total <= PAGE);
  const offsets: number[] = [];
  for (let offset = PAGE; offset < first.value.total; offset += PAGE) offsets.push(offset);
  for (let i = 0; i < offsets.length; i += PARALLEL_PAGES) {
    const batch = await Promise.all(offsets.slice(i, i + PARALLEL_PAGES).map((offset) => api.library.listPhotos({ offset, limit: PAGE })));
    for (const page of batch) if (page.ok) pages.push(page.value.photos);
  }
  publish(pages.flat(), true);
}

function publish(photos: PhotoInfo[], loaded: boolean): void {
  libraryStore.set((view) => ({ ...view, photos, byId: new Map(photos.map((p) => [p.id, p])), loaded }));
}

/** Reloads the photo list; calls made while a load runs fold into one more load after it. */
export function reloadPhotos(): Promise<void> {
  if (loading) {
    again = true;
    return loading;
  }
  loading = loadPhotos().finally(() => {
    loading = null;
    if (again) {
      again = false;
      void reloadPhotos();
    }
  });
  return loading;
}

export function applyLibraryState(state: LibraryState): void {
  libraryStore.set((view) => ({ ...view, state }));
  if (state.state === 'open') void reloadPhotos();
}

export async function refreshLibrary(): Promise<void> {
  const state = valueOrNotify(await api.library.state(), 'read the library');
  if (state) applyLibraryState(state);
}

export async function addFolder(path: string): Promise<boolean> {
  return valueOrNotify(await api.library.addRoot(path.trim()), `add ${path}`) !== null;
}

export async function removeFolder(rootId: string): Promise<void> {
  valueOrNotify(await api.library.removeRoot(rootId), 'remove the folder');
}

/** Keeps the store in step with main for as long as the app runs. */
export function watchLibrary(): () => void {
  void refreshLibrary();
  return api.on('library:changed', applyLibraryState);
}
