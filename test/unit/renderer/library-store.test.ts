// Tests when the library store lists the photos again: on the first open state, after the
// library was not open, after a refused listing and when main cannot say what changed; a
// moved photos revision otherwise asks only for the changed records and merges them in; an
// announcement with the revision its list was loaded at (an album or category edit) asks nothing.
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import type { LibraryState, PhotoChanges, PhotoPage, Result } from '../../../main/shared/api-contract';
import { photoInfo } from '../../fixtures/photo-info';

const photos = [photoInfo('a'), photoInfo('b')];
const listPhotos = vi.fn((): Promise<Result<PhotoPage>> => Promise.resolve({ ok: true, value: { total: photos.length, photos } }));
const photoChanges = vi.fn((since: number): Promise<Result<PhotoChanges | null>> => Promise.resolve({ ok: true, value: { revision: since, photos: [], removed: [] } }));
/** What the test uses of the store, typed here: the test build has no DOM types, which lib/api.ts needs, so the compiler must not follow the import. */
interface LibraryStoreModule {
  applyLibraryState(state: LibraryState): void;
  libraryStore: { get(): unknown };
}
const STORE_MODULE = '../../../renderer/src/stores/library-store';
let store: LibraryStoreModule;

beforeAll(async () => {
  // lib/api.ts takes window.api when the module loads, so the fake is in place before the import.
  vi.stubGlobal('window', { api: { library: { listPhotos, photoChanges } } });
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
  photoChanges.mockClear();
  store.applyLibraryState(state);
  await new Promise((resolve) => setTimeout(resolve, 0));
  return listPhotos.mock.calls.length;
}

it('lists the photos on the first open state, then asks only for what changed', async () => {
  expect(await apply(open(3))).toBe(1);
  expect(store.libraryStore.get()).toMatchObject({ loaded: true, photos, state: open(3) });
  expect(await apply(open(3))).toBe(0);
  expect(photoChanges).not.toHaveBeenCalled();

  // A star on b, and a photo c new to the list: b is replaced where it is, c joins at the end.
  const starred = photoInfo('b', { rating: 4 });
  photoChanges.mockResolvedValueOnce({ ok: true, value: { revision: 4, photos: [starred, photoInfo('c')], removed: [] } });
  expect(await apply(open(4))).toBe(0);
  expect(photoChanges).toHaveBeenCalledWith(3);
  expect((store.libraryStore.get() as { photos: { id: string; rating: number }[] }).photos.map((p) => [p.id, p.rating])).toEqual([['a', 0], ['b', 4], ['c', 0]]);

  photoChanges.mockResolvedValueOnce({ ok: true, value: { revision: 5, photos: [], removed: ['a'] } });
  expect(await apply(open(5))).toBe(0);
  expect((store.libraryStore.get() as { photos: { id: string }[] }).photos.map((p) => p.id)).toEqual(['b', 'c']);

  // Main cannot tell (too much changed, or another process life): everything is listed.
  photoChanges.mockResolvedValueOnce({ ok: true, value: null });
  expect(await apply(open(6))).toBe(1);
  expect(store.libraryStore.get()).toMatchObject({ photos });
  expect(await apply({ state: 'needs-model', dir: '/library', modelId: 'm' })).toBe(0);
  expect(await apply(open(6))).toBe(1);
});

it('lists again at the same revision when main refused the last listing', async () => {
  listPhotos.mockResolvedValueOnce({ ok: false, error: { code: 'INTERNAL', message: 'busy' } });
  expect(await apply(open(5))).toBe(1);
  expect(await apply(open(5))).toBe(1);
  expect(await apply(open(5))).toBe(0);
});
