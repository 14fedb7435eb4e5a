// Integration test: the real `clipfolio index` command killed with SIGKILL at several
// points mid-index (each when the vector file has grown past a different row count, plus
// a random delay), then run to completion. The catalog loads cleanly, every indexed photo
// has exactly one live vector and no other photo has one, the file holds no more rows than
// the chunks in flight at each kill explain, and the result equals an uninterrupted run.
import { spawn } from 'node:child_process';
import { copyFile, mkdtemp, open, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { vectorFileName, VECTOR_ID_BYTES } from '../../../main/library/vector-store';
import { testModelDir } from '../../fixtures/test-models';
import { runClipfolio } from '../cli/run-cli';
import { writeNoisePhoto } from './indexing-photos';
import { openTestLibrary } from '../../fixtures/test-library';

const PHOTOS = 60;
const MODEL = { id: 'transformers', dim: 512 };
/** Chunk size x chunks in flight of the indexer's defaults: the most one kill can leave behind. */
const IN_FLIGHT = 32;
const bin = path.resolve(process.cwd(), 'bin', 'clipfolio.mjs');
const corpus = path.resolve(process.cwd(), '../shared/testdata/images');

let tmp: string;
let photos: string;

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'clipfolio-index-crash-'));
  photos = path.join(tmp, 'photos');
  for (let i = 0; i < PHOTOS; i++) await writeNoisePhoto(path.join(photos, `${i % 3}`, `p${i}.jpg`), i + 1, 640, 480);
  await copyFile(path.join(corpus, 'bad/truncated/skimage__truncated.jpg'), path.join(photos, 'broken.jpg'));
  await writeFile(path.join(photos, 'notes.jpg'), 'not a photo\n');
});

afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

function indexArgs(libraryDir: string): string[] {
  return ['index', photos, '--library', libraryDir, '--model', testModelDir('transformers'), '--provider', 'cpu', '--json'];
}

async function vectorRows(libraryDir: string): Promise<number> {
  const file = path.join(libraryDir, vectorFileName(MODEL.id));
  const size = await stat(file).then((s) => s.size, () => 0);
  if (size < 16) return 0;
  const handle = await open(file, 'r');
  try {
    const header = Buffer.alloc(16);
    await handle.read(header, 0, 16, 0);
    return Math.floor((size - header.readUInt16LE(14)) / (VECTOR_ID_BYTES + 4 * MODEL.dim));
  } finally {
    await handle.close();
  }
}

/** Starts an index run and SIGKILLs it once it has added `rows` rows to the vector file; false if it finished first. */
async function killAfterRows(libraryDir: string, added: number): Promise<boolean> {
  const rows = (await vectorRows(libraryDir)) + added;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...indexArgs(libraryDir)], { stdio: 'ignore' });
    let stopped = false;
    const poll = setInterval(() => {
      void vectorRows(libraryDir).then((n) => {
        if (n < rows || stopped) return;
        stopped = true;
        clearInterval(poll);
        setTimeout(() => child.kill('SIGKILL'), Math.random() * 200);
      });
    }, 10);
    child.on('error', reject);
    child.on('exit', (_code, signal) => {
      clearInterval(poll);
      resolve(signal === 'SIGKILL');
    });
  });
}

async function snapshot(libraryDir: string) {
  const library = await openTestLibrary(libraryDir, MODEL);
  const photos = new Map<string, { id: string; status: string; vector: Float32Array | undefined }>();
  for (const photo of library.catalog.photos()) {
    photos.set(photo.path, { id: photo.id, status: photo.status, vector: library.vectors.get(photo.id) });
  }
  const result = { photos, liveVectorIds: [...library.vectors.ids()] };
  await library.close();
  return result;
}

it('survives SIGKILL at any point of an index run and ends as an uninterrupted run does', { timeout: 300_000 }, async () => {
  const reference = path.join(tmp, 'reference');
  const crashed = path.join(tmp, 'crashed');
  const env = { CLIPFOLIO_HOME: tmp };
  expect((await runClipfolio(indexArgs(reference), env)).code).toBe(0);

  let kills = 0;
  for (const added of [1, 20, 1, 30]) {
    if (await killAfterRows(crashed, added)) kills += 1;
    else break;
  }
  console.log(`killed ${kills} times`);
  expect(kills).toBeGreaterThan(0);
  const last = await runClipfolio(indexArgs(crashed), env);
  expect(last.code, last.stderr).toBe(0);

  const want = await snapshot(reference);
  const got = await snapshot(crashed);
  expect([...got.photos].map(([p, v]) => [p, v.status]).sort()).toEqual([...want.photos].map(([p, v]) => [p, v.status]).sort());
  const indexedIds = [...got.photos.values()].filter((p) => p.status === 'indexed').map((p) => p.id);
  expect(indexedIds.length).toBe(PHOTOS);
  expect([...got.liveVectorIds].sort()).toEqual(indexedIds.sort());
  for (const [file, photo] of want.photos) {
    const mine = got.photos.get(file)?.vector;
    if (!photo.vector || !mine) {
      expect(mine, file).toBe(photo.vector);
      continue;
    }
    for (let i = 0; i < photo.vector.length; i++) expect(mine[i]).toBeCloseTo(photo.vector[i] ?? Number.NaN, 5);
  }
  // Each kill may leave one window of rows that get embedded again (and their tombstones).
  expect(await vectorRows(crashed)).toBeLessThanOrEqual(PHOTOS + kills * IN_FLIGHT * 2);
});
