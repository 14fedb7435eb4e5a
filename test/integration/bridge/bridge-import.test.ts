// A file dropped in a browser, end to end below the UI: uploaded to the real bridge, imported
// by the real app service into its import folder under a safe name, indexed with the
// generated test model, its thumbnail served; then the thumbnail cache cleared and the
// thumbnail made again from the photo on the next request, the same bytes indexing wrote.
// Uploads carry the token like any call, send raw bytes only, and only photo content is kept;
// content the library has is not copied again, and a chosen import folder takes later copies.
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startBridge, type Bridge } from '../../../main/bridge/bridge-server';
import { createDispatcher, type Dispatch } from '../../../main/ipc/dispatcher';
import type { ImportResult, IndexingStatus, PhotoPage, Result, ThumbnailCacheInfo } from '../../../main/shared/api-contract';
import { openTestApp, type AppFixture } from '../../fixtures/app-service-fixture';

let app: AppFixture;
let bridge: Bridge;
let dispatch: Dispatch;
let ui: string;

beforeAll(async () => {
  app = await openTestApp({ withModel: true });
  ui = await mkdtemp(path.join(os.tmpdir(), 'clipfolio-bridge-ui-'));
  await writeFile(path.join(ui, 'index.html'), '<!doctype html><title>Clipfolio</title>');
  dispatch = createDispatcher(app.service.handlers(), () => undefined);
  bridge = await startBridge({ dispatch, events: app.service.events, photos: app.service.photos, rendererDir: ui, log: () => undefined });
});

afterAll(async () => {
  await bridge.close();
  await app.close();
  await rm(ui, { recursive: true, force: true });
});

function upload(name: string, body: Uint8Array | string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${bridge.origin}/import?name=${encodeURIComponent(name)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/octet-stream', 'x-clipfolio-token': bridge.token, ...headers },
    body,
  });
}

async function call<T>(channel: string, ...args: unknown[]): Promise<T> {
  const result = (await dispatch(channel, args)) as Result<T>;
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

/** Files (not the hidden temporaries) under the import folder, relative to it. */
async function importedFiles(): Promise<string[]> {
  const dir = path.join(app.dir, 'Imported');
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name)));
}

it('refuses an upload without the token, from another origin, as a form or by GET', async () => {
  const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#f00' } }).png().toBuffer();
  expect((await upload('a.png', png, { 'x-clipfolio-token': '' })).status).toBe(401);
  expect((await upload('a.png', png, { origin: 'https://evil.example' })).status).toBe(403);
  expect((await upload('a.png', png, { 'content-type': 'text/plain' })).status).toBe(415);
  expect((await upload('', png)).status).toBe(400);
  expect((await fetch(`${bridge.origin}/import?name=a.png`, { headers: { 'x-clipfolio-token': bridge.token } })).status).toBe(405);
  expect(await importedFiles()).toEqual([]);
});

it('refuses a body announced larger than the limit before reading it', async () => {
  const status = await new Promise<number>((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: bridge.port,
        method: 'POST',
        path: '/import?name=huge.jpg',
        headers: { 'content-type': 'application/octet-stream', 'x-clipfolio-token': bridge.token, 'content-length': String(4 * 1024 ** 3) },
      },
      (res) => resolve(res.statusCode ?? 0),
    );
    req.on('error', reject);
    req.write('x');
  });
  expect(status).toBe(413);
});

it('keeps only photo content, under a safe name inside the import folder', async () => {
  const text = (await (await upload('notes.jpg', 'just some text')).json()) as Result<ImportResult>;
  expect(text).toMatchObject({ ok: true, value: { paths: [], skipped: [{ name: 'notes.jpg', reason: 'the file is not a photo' }] } });
  const png = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#e01010' } }).png().toBuffer();
  const saved = (await (await upload('../../outside/.red', png)).json()) as Result<ImportResult>;
  expect(saved.ok).toBe(true);
  if (!saved.ok) return;
  expect(saved.value.paths).toHaveLength(1);
  expect(path.basename(saved.value.paths[0] ?? '')).toBe('red.png');
  expect(await importedFiles()).toEqual([path.join(path.basename(saved.value.folders[0] ?? ''), 'red.png')]);
  // The import folder is a library folder now.
  const state = await call<{ state: string; roots: { path: string }[] }>('library:state');
  expect(state.roots.map((r) => r.path)).toEqual([path.join(app.dir, 'Imported')]);
});

it('indexes the upload, serves its thumbnail, and makes it again after the cache is cleared', async () => {
  const [folder] = (await call<{ roots: { path: string }[] }>('library:state')).roots;
  await call<IndexingStatus>('indexing:start', { folders: [folder?.path] });
  await expect.poll(async () => (await call<IndexingStatus>('indexing:status')).state, { timeout: 30_000 }).toBe('idle');
  const page = await call<PhotoPage>('library:listPhotos', { limit: 10 });
  expect(page.photos.map((p) => [path.basename(p.path), p.status])).toEqual([['red.png', 'indexed']]);
  const id = page.photos[0]?.id ?? '';
  const thumb = () => fetch(`${bridge.origin}/photo/thumb/${id}`, { headers: { 'x-clipfolio-token': bridge.token } });

  const first = await thumb();
  expect(first.status).toBe(200);
  expect(first.headers.get('content-type')).toBe('image/webp');
  const indexed = Buffer.from(await first.arrayBuffer());
  const before = await call<ThumbnailCacheInfo>('library:thumbnailCache');
  expect(before).toMatchObject({ dir: path.join(app.dir, 'library', 'thumbnails'), files: 1 });
  expect(before.bytes).toBeGreaterThan(0);

  expect(await call<ThumbnailCacheInfo>('library:clearThumbnailCache')).toMatchObject({ files: 0, bytes: 0 });
  const again = await thumb();
  expect(again.status).toBe(200);
  const remade = Buffer.from(await again.arrayBuffer());
  const meta = await sharp(remade).metadata();
  expect([meta.format, meta.width, meta.height]).toEqual(['webp', 40, 30]);
  expect(remade.equals(indexed)).toBe(true);
  expect(await call<ThumbnailCacheInfo>('library:thumbnailCache')).toMatchObject({ files: 1, bytes: before.bytes });
});

it('does not copy an upload whose content the library has, and answers with the photo it has', async () => {
  const png = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#e01010' } }).png().toBuffer();
  const before = await importedFiles();
  const [photo] = (await call<PhotoPage>('library:listPhotos', { limit: 10 })).photos;
  const again = (await (await upload('red again.png', png)).json()) as Result<ImportResult>;
  expect(again).toEqual({ ok: true, value: { folders: [], paths: [photo?.path], skipped: [], existing: [{ name: 'red again.png', path: photo?.path }] } });
  expect(await importedFiles()).toEqual(before);
});

it('copies into the import folder chosen in the settings, once it passes the checks', async () => {
  const refuse = async (importDir: string, why: string) => {
    const result = await dispatch('settings:update', [{ importDir }]);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('INVALID_ARGUMENT');
      expect(result.error.message).toContain(why);
    }
  };
  await refuse('relative/imports', 'full path');
  await refuse(path.join(app.dir, 'library', 'imports'), "library's data folder");
  await refuse(app.dir, 'contain the library folder');

  const chosen = path.join(app.dir, 'Chosen Imports');
  expect(await call<{ importDir: string }>('settings:update', { importDir: chosen })).toMatchObject({ importDir: chosen });
  expect(await call<{ importDir: string }>('settings:get')).toMatchObject({ importDir: chosen });
  const blue = await sharp({ create: { width: 20, height: 20, channels: 3, background: '#1010e0' } }).png().toBuffer();
  const saved = (await (await upload('blue.png', blue)).json()) as Result<ImportResult>;
  expect(saved.ok && path.relative(chosen, saved.value.paths[0] ?? '')).toMatch(/^\d{4}-\d\d-\d\d[/\\]blue\.png$/);
});
