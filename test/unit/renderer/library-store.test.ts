// Tests when the library store lists the photos again: on the first open state, when the
// photos revision moved, after the library was not open and after a refused listing; an
// announcement with the revision its list was loaded at (an album or category edit) lists nothing.
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import type { LibraryState, PhotoPage, Result } from '../../../main/shared/api-contract';
import { photoInfo } from '../../fixtures/photo-info';

const photos = [photoInfo('a'), photoInfo('b')];
const listPhotos = vi.fn((): Promise<Result<PhotoPage>> => Promise.resolve({ ok: true, value: { total: photos.length, photos } }));
/** What the test uses of the store, typed here: the test build has no DOM types, which lib/api.ts needs, so the compiler must not follow the import. */
interface LibraryStoreModule {
  applyLibraryState(state: LibraryState): void;
  libraryStore: { get(): unknown };
}
const STORE_MODULE = '../../../renderer/src/stores/library-store';
let store: LibraryStoreModule;

beforeAll(async () => {
  // lib/api.ts takes window.api when the module loads, so the fake is in place before the import.
  vi.stubGlobal('window', { api: { library: { listPhotos } } });
  store = (await import(/* @vite-ignore */ STORE_MODULE)) as LibraryStoreModule;
});

afterAll(() => {
  vi.unstubAllGlobals();
});

const open = (photosRevision: number): LibraryState => ({
  state: 'open',
  dir: '/library',
  modelId: 'm',
  photoCount: photos.length,
  photosRevision,
  changes: 0,
  roots: [],
  switchingModel: false,
  loading: false,
  warning: null,
  undo: null,
  redo: null,
});

/** Applies the state and returns how many pages the listing it started asked for (the fake answers at once). */
async function apply(state: LibraryState): Promise<number> {
  listPhotos.mockClear();
  store.applyLibraryState(state);
  await new Promise((resolve) => setTimeout(resolve, 0));
  return listPhotos.mock.calls.length;
}

it('lists the photos again only when the photos revision moved', async () => {
  expect(await apply(open(3))).toBe(1);
  expect(store.libraryStore.get()).toMatchObject({ loaded: true, photos, state: open(3) });
  expect(await apply(open(3))).toBe(0);
  expect(await apply(open(4))).toBe(1);
  expect(await apply({ state: 'needs-model', dir: '/library', modelId: 'm' })).toBe(0);
  expect(await apply(open(4))).toBe(1);
});

it('lists again at the same revision when main refused the last listing', async () => {
  listPhotos.mockResolvedValueOnce({ ok: false, error: { code: 'INTERNAL', message: 'busy' } });
  expect(await apply(open(5))).toBe(1);
  expect(await apply(open(5))).toBe(1);
  expect(await apply(open(5))).toBe(0);
});
