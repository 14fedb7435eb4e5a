// The thumbnail cache's own bookkeeping: its size, clearing it, and making a missing
// thumbnail again once however many tiles ask for it at the same time.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { ThumbnailCache } from '../../../main/library/thumbnail-cache';

let dir: string;
let cache: ThumbnailCache;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'clipfolio-thumbs-'));
  cache = await ThumbnailCache.open(dir);
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

it('measures and clears only the thumbnails', async () => {
  await cache.write('aaaaaaaaaaaaaaaa', new Uint8Array(100));
  await cache.write('bbbbbbbbbbbbbbbb', new Uint8Array(50));
  // A write in progress is not a thumbnail yet.
  await writeFile(`${cache.pathFor('cccccccccccccccc')}.tmp`, 'partial');
  expect(await cache.size()).toEqual({ files: 2, bytes: 150 });
  expect(await cache.clear()).toBe(2);
  expect(await cache.size()).toEqual({ files: 0, bytes: 0 });
  expect(await readFile(`${cache.pathFor('cccccccccccccccc')}.tmp`, 'utf8')).toBe('partial');
});

it('makes a missing thumbnail again, once for asks that come together', async () => {
  let made = 0;
  const make = async () => {
    made += 1;
    await new Promise((resolve) => setTimeout(resolve, 10));
    return new Uint8Array([1, 2, 3]);
  };
  const paths = await Promise.all([1, 2, 3].map(() => cache.ensure('aaaaaaaaaaaaaaaa', make)));
  expect(paths).toEqual([1, 2, 3].map(() => cache.pathFor('aaaaaaaaaaaaaaaa')));
  expect(made).toBe(1);
  expect([...(await readFile(cache.pathFor('aaaaaaaaaaaaaaaa')))]).toEqual([1, 2, 3]);
  // Present now: nothing is made.
  await cache.ensure('aaaaaaaaaaaaaaaa', make);
  expect(made).toBe(1);
});

it('answers null when a missing thumbnail cannot be made', async () => {
  expect(await cache.ensure('aaaaaaaaaaaaaaaa', () => Promise.resolve(null))).toBeNull();
  expect(await cache.size()).toEqual({ files: 0, bytes: 0 });
});
