// The photos revision in 'library:changed', from the real app service with the generated
// test model: album and category edits announce the library with the revision unchanged, so
// the UI keeps its photo list; indexing a folder, a star and removing it move the revision,
// and library:photoChanges answers with just the records that changed since.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createDispatcher, type Dispatch } from '../../../main/ipc/dispatcher';
import type { AlbumInfo, IndexingStatus, LibraryState, PhotoChanges, PhotoPage, Result } from '../../../main/shared/api-contract';
import { openTestApp, type AppFixture } from '../../fixtures/app-service-fixture';

let app: AppFixture;
let dispatch: Dispatch;
const announced: LibraryState[] = [];

beforeAll(async () => {
  app = await openTestApp({ withModel: true });
  dispatch = createDispatcher(app.service.handlers(), () => undefined);
  app.service.events.subscribe((message) => {
    if (message.event === 'library:changed') announced.push(message.payload as LibraryState);
  });
});

afterAll(async () => {
  await app.close();
});

async function call<T>(channel: string, ...args: unknown[]): Promise<T> {
  const result = (await dispatch(channel, args)) as Result<T>;
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

/** The photos revision of the last 'library:changed', after checking one came since `count`. */
function announcedRevision(count: number): number {
  expect(announced.length).toBeGreaterThan(count);
  const last = announced.at(-1);
  if (last?.state !== 'open') throw new Error('the library is not open');
  return last.photosRevision;
}

it('keeps the photos revision through album and category edits, and moves it when photos are indexed or removed', async () => {
  const folder = path.join(app.dir, 'photos');
  await mkdir(folder);
  for (const [name, background] of [['red.png', '#e01010'], ['blue.png', '#1010e0']] as const) {
    await writeFile(path.join(folder, name), await sharp({ create: { width: 32, height: 24, channels: 3, background } }).png().toBuffer());
  }

  let seen = announced.length;
  const root = await call<{ id: string }>('library:addRoot', folder);
  const empty = announcedRevision(seen);

  seen = announced.length;
  await call<IndexingStatus>('indexing:start', { folders: [folder] });
  await expect.poll(async () => (await call<IndexingStatus>('indexing:status')).state, { timeout: 30_000 }).toBe('idle');
  const indexed = announcedRevision(seen);
  expect(indexed).toBeGreaterThan(empty);
  expect(await call<LibraryState>('library:state')).toMatchObject({ photoCount: 2, photosRevision: indexed });

  const { photos } = await call<PhotoPage>('library:listPhotos', { limit: 10 });
  seen = announced.length;
  const album = await call<AlbumInfo>('albums:createManual', 'Trip', photos.map((p) => p.id));
  await call<AlbumInfo>('albums:rename', album.id, 'Summer trip');
  await call<unknown>('categories:enableStarters', undefined);
  expect(announced.length).toBe(seen + 3);
  expect(announced.slice(seen).map((s) => (s.state === 'open' ? s.photosRevision : null))).toEqual([indexed, indexed, indexed]);

  seen = announced.length;
  const [first, second] = photos;
  if (!first || !second) throw new Error('two photos were indexed');
  await call<{ changed: number }>('photos:rate', [first.id], 3);
  const rated = announcedRevision(seen);
  expect(rated).toBeGreaterThan(indexed);
  const changes = await call<PhotoChanges>('library:photoChanges', indexed);
  expect(changes).toMatchObject({ revision: rated, removed: [] });
  expect(changes.photos.map((p) => [p.id, p.rating])).toEqual([[first.id, 3]]);
  expect(await call<PhotoChanges>('library:photoChanges', rated)).toEqual({ revision: rated, photos: [], removed: [] });
  // A revision from before this process (a browser tab left open over a restart): only a full listing can tell.
  expect(await call<PhotoChanges | null>('library:photoChanges', 0)).toBeNull();

  seen = announced.length;
  await call<{ removedPhotos: number }>('library:removeRoot', root.id);
  expect(announcedRevision(seen)).toBeGreaterThan(rated);
  const removal = await call<PhotoChanges>('library:photoChanges', rated);
  expect(removal.photos).toEqual([]);
  expect(removal.removed.sort()).toEqual([first.id, second.id].sort());
});
