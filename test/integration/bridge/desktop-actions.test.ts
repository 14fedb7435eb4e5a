// The desktop actions through the real app service and dispatcher, with the test model: the
// desktop shell's boundary gets the photo's own path (show in folder, open with the default
// app), an open that fails says why, the browser bridge (no shell) answers DESKTOP_ONLY in
// words, and an export reports progress and stops when asked, keeping what it copied. Also
// what a user types or reads: '~' is the home folder and a relative path is refused, and
// the model in use is in the model list though no manifest names it.
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import os from 'node:os';
import sharp from 'sharp';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { DesktopShell } from '../../../main/app/desktop-shell';
import { createDispatcher, type Dispatch } from '../../../main/ipc/dispatcher';
import type { ExportSummary, IndexingStatus, LibraryRootInfo, ModelSummary, PhotoPage, Result } from '../../../main/shared/api-contract';
import { openTestApp, type AppFixture } from '../../fixtures/app-service-fixture';

let desktopApp: AppFixture;
let browserApp: AppFixture;
const calls: string[] = [];
let openFails = '';
const shell: DesktopShell = {
  showInFolder: (p) => void calls.push(`show ${p}`),
  openPath: (p) => {
    calls.push(`open ${p}`);
    return Promise.resolve(openFails);
  },
  trash: (p) => Promise.resolve(void calls.push(`trash ${p}`)),
};

async function indexedApp(app: AppFixture, count: number): Promise<{ dispatch: Dispatch; ids: string[]; folder: string }> {
  const dispatch = createDispatcher(app.service.handlers(), () => undefined);
  const folder = path.join(app.dir, 'photos');
  await mkdir(folder);
  for (let i = 0; i < count; i++) {
    await writeFile(path.join(folder, `p${i}.png`), await sharp({ create: { width: 24, height: 16, channels: 3, background: { r: i * 20, g: 100, b: 50 } } }).png().toBuffer());
  }
  await call(dispatch, 'library:addRoot', folder);
  await call(dispatch, 'indexing:start', { folders: [folder] });
  await expect.poll(async () => (await call<IndexingStatus>(dispatch, 'indexing:status')).state, { timeout: 30_000 }).toBe('idle');
  const { photos } = await call<PhotoPage>(dispatch, 'library:listPhotos', { limit: 100 });
  return { dispatch, ids: photos.map((p) => p.id), folder };
}

async function call<T>(dispatch: Dispatch, channel: string, ...args: unknown[]): Promise<T> {
  const result = (await dispatch(channel, args)) as Result<T>;
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

beforeAll(async () => {
  desktopApp = await openTestApp({ withModel: true, desktop: shell });
  browserApp = await openTestApp({ withModel: true });
});

afterAll(async () => {
  await desktopApp.close();
  await browserApp.close();
});

it('hands the desktop shell the photo’s own path, and says why an open failed', async () => {
  const { dispatch, ids, folder } = await indexedApp(desktopApp, 2);
  const [first] = ids;
  await call(dispatch, 'photos:showInFolder', first);
  await call(dispatch, 'photos:open', first);
  const file = (await call<{ path: string }>(dispatch, 'library:getPhoto', first)).path;
  expect(calls).toEqual([`show ${file}`, `open ${file}`]);
  expect(path.dirname(file)).toBe(folder);
  openFails = 'No application knows how to open this file';
  await expect(call(dispatch, 'photos:open', first)).rejects.toThrow('INVALID_ARGUMENT: The photo could not be opened: No application knows how to open this file');
  // An unknown photo is refused before the shell is asked.
  calls.length = 0;
  await expect(call(dispatch, 'photos:showInFolder', 'zzzzzzzzzzzzzzzz')).rejects.toThrow(/NOT_FOUND/);
  expect(calls).toEqual([]);
});

it('says in the browser that showing and opening work in the desktop app', async () => {
  const { dispatch, ids } = await indexedApp(browserApp, 12);
  await expect(call(dispatch, 'photos:showInFolder', ids[0])).rejects.toThrow('DESKTOP_ONLY: Showing a photo in its folder works in the desktop app.');
  await expect(call(dispatch, 'photos:open', ids[0])).rejects.toThrow('DESKTOP_ONLY: Opening a photo in another app works in the desktop app.');

  // Export works anywhere: progress for each file, and a stop keeps what was copied.
  const progress: number[] = [];
  browserApp.service.events.subscribe((message) => {
    if (message.event === 'export:progress') progress.push((message.payload as { done: number }).done);
  });
  const out = path.join(browserApp.dir, 'export');
  const whole = await call<ExportSummary>(dispatch, 'photos:export', ids, out);
  expect(whole).toMatchObject({ dir: out, copied: 12, renamed: 0, failed: [], cancelled: false });
  expect(progress.at(-1)).toBe(12);
  const stopAt = path.join(browserApp.dir, 'stopped');
  const stopping = call<ExportSummary>(dispatch, 'photos:export', ids, stopAt);
  await call(dispatch, 'photos:cancelExport');
  const stopped = await stopping;
  expect(stopped.cancelled).toBe(true);
  expect(stopped.copied).toBeLessThan(12);
  expect((await readdir(stopAt)).length).toBe(stopped.copied);
});

it('takes ~ as the home folder, refuses a relative path, and lists the model in use', async () => {
  const dispatch = createDispatcher(browserApp.service.handlers(), () => undefined);
  const home = os.homedir();
  const added = await call<LibraryRootInfo>(dispatch, 'library:addRoot', '~/clipfolio-test-does-not-need-to-exist');
  expect(added.path).toBe(path.join(home, 'clipfolio-test-does-not-need-to-exist'));
  await call(dispatch, 'library:removeRoot', added.id);
  await expect(call(dispatch, 'library:addRoot', 'Pictures')).rejects.toThrow(/INVALID_ARGUMENT: Type the folder's full path/);
  const models = await call<ModelSummary[]>(dispatch, 'models:list');
  const state = await call<{ modelId: string }>(dispatch, 'library:state');
  expect(models.find((m) => m.id === state.modelId)).toMatchObject({ installed: { state: 'complete' } });
});
