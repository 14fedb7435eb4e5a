// The photo protocol over real files: known ids get their file, everything else a 4xx and
// never a file, whatever the URL tries.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { parsePhotoPath, parsePhotoSchemeUrl, servePhoto } from '../../../main/protocol/photo-request';
import type { PhotoSource } from '../../../main/protocol/photo-source';

const JPEG_ID = '0123456789abcdef';
const HEIC_ID = 'abcdefghjkmnpqrs';
let dir: string;
let source: PhotoSource;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'clipfolio-photo-'));
  await writeFile(path.join(dir, 'photo.jpg'), 'jpeg bytes');
  await writeFile(path.join(dir, 'photo.heic'), 'heic bytes');
  await writeFile(path.join(dir, `${JPEG_ID}.webp`), 'thumb bytes');
  await writeFile(path.join(dir, 'secret.txt'), 'secret');
  const originals = new Map([
    [JPEG_ID, { path: path.join(dir, 'photo.jpg'), format: 'jpeg' }],
    [HEIC_ID, { path: path.join(dir, 'photo.heic'), format: 'heic' }],
  ]);
  source = {
    thumbnailPath: (id) => (originals.has(id) ? path.join(dir, `${id}.webp`) : null),
    original: (id) => originals.get(id) ?? null,
  };
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

it('serves a known thumbnail and a displayable original by id', async () => {
  const thumb = await servePhoto(parsePhotoSchemeUrl(`clipfolio-photo://thumb/${JPEG_ID}`), source);
  expect(thumb.status).toBe(200);
  expect(thumb.headers.get('content-type')).toBe('image/webp');
  expect(thumb.headers.get('x-content-type-options')).toBe('nosniff');
  expect(await thumb.text()).toBe('thumb bytes');
  const full = await servePhoto(parsePhotoPath(`/photo/full/${JPEG_ID}`), source);
  expect(full.status).toBe(200);
  expect(full.headers.get('content-type')).toBe('image/jpeg');
  expect(await full.text()).toBe('jpeg bytes');
});

it('answers 415 for a full-size photo the browser cannot show', async () => {
  expect((await servePhoto(parsePhotoPath(`/photo/full/${HEIC_ID}`), source)).status).toBe(415);
});

it('answers 404 for an unknown id and for a thumbnail not made yet', async () => {
  expect((await servePhoto(parsePhotoSchemeUrl('clipfolio-photo://thumb/zzzzzzzzzzzzzzzz'), source)).status).toBe(404);
  expect((await servePhoto(parsePhotoSchemeUrl(`clipfolio-photo://thumb/${HEIC_ID}`), source)).status).toBe(404);
});

it('refuses traversal and malformed URLs with 400, never a file', async () => {
  const urls = [
    'clipfolio-photo://thumb/../../secret.txt',
    'clipfolio-photo://thumb/..%2F..%2Fsecret.txt',
    `clipfolio-photo://thumb/${JPEG_ID}/../../secret.txt`,
    `clipfolio-photo://thumb/${JPEG_ID}?path=/etc/passwd`,
    `clipfolio-photo://thumb/${JPEG_ID}#x`,
    `clipfolio-photo://user@thumb/${JPEG_ID}`,
    `clipfolio-photo://other/${JPEG_ID}`,
    `clipfolio-photo://thumb/${JPEG_ID.toUpperCase()}`,
    `clipfolio-photo://thumb/${JPEG_ID}x`,
    'clipfolio-photo://thumb/',
    'clipfolio-photo:///etc/passwd',
    `file:///${dir}/secret.txt`,
    `https://thumb/${JPEG_ID}`,
    'clipfolio-photo://thumb/%00',
    'not a url',
  ];
  for (const url of urls) {
    const response = await servePhoto(parsePhotoSchemeUrl(url), source);
    expect(response.status, url).toBe(400);
    expect(await response.text()).not.toContain('secret');
  }
  for (const pathname of ['/photo/thumb/../secret.txt', `/photo/thumb/${JPEG_ID}/x`, '/photo//x', `/photo/full/${dir}/secret.txt`]) {
    expect((await servePhoto(parsePhotoPath(pathname), source)).status, pathname).toBe(400);
  }
});

it('answers only GET and HEAD', async () => {
  expect((await servePhoto(parsePhotoPath(`/photo/thumb/${JPEG_ID}`), source, 'POST')).status).toBe(405);
});
