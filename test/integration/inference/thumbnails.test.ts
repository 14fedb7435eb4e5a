// Runs in: vitest (forked process). Thumbnails alone, through the real decode worker: the
// same bytes as the thumbnail that comes with an embedding (what indexing writes), for
// EXIF-rotated and RAW files too, and no model involved, so a model folder without its
// vision graph still gives them.
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ThumbnailRemaker } from '../../../main/app/thumbnail-remake';
import { InferenceClient } from '../../../main/inference/inference-client';
import { THUMBNAIL_MAX_SIDE } from '../../../main/library/thumbnail-cache';
import { loadModelFolder, type ModelFolder } from '../../../main/models/model-folder';
import { ClipfolioError } from '../../../main/shared/errors';
import { testModelDir } from '../../fixtures/test-models';

const images = path.resolve(process.cwd(), '../shared/testdata/images');
const PHOTOS = [
  'scenes/opencv/baboon.jpg',
  'exif/orientation-recurser/Landscape_6.jpg',
  'exif/orientation-recurser/Portrait_5.jpg',
  'formats/raw/exiftool__FujiFilm.raf',
].map((file) => path.join(images, file));
const thumbnail = { maxSide: THUMBNAIL_MAX_SIDE };

let client: InferenceClient;
let model: ModelFolder;

beforeAll(async () => {
  client = InferenceClient.start({ threads: 2 });
  model = await loadModelFolder(testModelDir('transformers'));
});

afterAll(async () => {
  await client.close();
});

it('makes the thumbnail that comes with an embedding, byte for byte', async () => {
  const embedded = await client.embedImages(model, PHOTOS.map((file) => ({ path: file })), { thumbnail });
  const alone = await Promise.all(PHOTOS.map((file) => client.makeThumbnail(file, { preprocess: model.preprocess, thumbnail })));
  alone.forEach((result, i) => {
    const expected = embedded[i];
    if (!result.ok || !expected?.ok || !expected.thumbnail) throw new Error(`${PHOTOS[i]} did not decode`);
    expect(Buffer.from(result.image.thumbnail.data).equals(Buffer.from(expected.thumbnail.data))).toBe(true);
    expect(result.image).toMatchObject({ width: expected.width, height: expected.height, format: expected.format });
    expect([result.image.thumbnail.width, result.image.thumbnail.height]).toEqual([expected.thumbnail.width, expected.thumbnail.height]);
  });
  // Orientation applied: the rotated landscape shot is a landscape thumbnail.
  const rotated = alone[1];
  expect(rotated?.ok && rotated.image.thumbnail.width > rotated.image.thumbnail.height).toBe(true);
});

it('runs no model: a folder whose vision graph is absent still gives the thumbnail', async () => {
  const fresh = InferenceClient.start({ threads: 1 });
  try {
    const noVision = { ...model, vision: { path: path.join(testModelDir('transformers'), 'no-such-vision.onnx') } };
    const data = await new ThumbnailRemaker(fresh).remake(noVision, PHOTOS[0]!);
    const meta = await sharp(data ?? Buffer.alloc(0)).metadata();
    expect([meta.format, Math.max(meta.width, meta.height)]).toEqual(['webp', THUMBNAIL_MAX_SIDE]);
    // The inference worker opened no session for it.
    expect((await fresh.providers()).sessions).toEqual([]);
  } finally {
    await fresh.close();
  }
});

it('gives a per-file error for a missing or broken file; the remaker makes it null', async () => {
  const options = { preprocess: model.preprocess, thumbnail };
  const missing = await client.makeThumbnail(path.join(images, 'no-such-photo.jpg'), options);
  expect(!missing.ok && missing.error.code).toBe('NOT_FOUND');
  const broken = path.join(images, 'bad/corrupt/sharp__corrupt-header.jpg');
  expect((await client.makeThumbnail(broken, options)).ok).toBe(false);
  expect(await new ThumbnailRemaker(client).remake(model, broken)).toBeNull();
});

it('rejects thumbnails in flight with CANCELLED when the client closes, and refuses later ones', async () => {
  const closing = InferenceClient.start({ threads: 1 });
  const options = { preprocess: model.preprocess, thumbnail };
  const inFlight = PHOTOS.map((file) => closing.makeThumbnail(file, options).catch((err: unknown) => err));
  await closing.close();
  for (const outcome of await Promise.all(inFlight)) {
    // A decode may finish before the close reaches it; none is left hanging.
    if (outcome instanceof Error) expect((outcome as ClipfolioError).code).toBe('CANCELLED');
  }
  const later: unknown = await closing.makeThumbnail(PHOTOS[0]!, options).catch((err: unknown) => err);
  expect((later as ClipfolioError).code).toBe('CANCELLED');
});
