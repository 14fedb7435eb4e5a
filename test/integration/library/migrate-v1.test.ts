// Integration test: a first-format library (catalog.json of 100,000 photos, with categories,
// decisions, keywords and albums) opens in the current version and is migrated into the
// SQLite catalog: every record comes across, the old catalog is kept as
// catalog.json.migrated, and kill -9 at any moment of the migration leaves the old library or
// the new one, which the next open completes. A library in a newer format is refused
// untouched.
import { spawn } from 'node:child_process';
import { access, cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LibraryHold } from '../../../main/library/library-hold';
import { photoFromRow } from '../../../main/library/photo-rows';
import { writeV1Library, v1PhotoId, type V1Library } from '../../fixtures/v1-catalog';

const PHOTOS = 100_000;
const childScript = join(import.meta.dirname, 'open-library.child.ts');

let tmp: string;
let pristine: string;
let v1: V1Library;

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'clipfolio-migrate-'));
  pristine = join(tmp, 'pristine');
  await mkdir(pristine);
  v1 = await writeV1Library(pristine, PHOTOS);
}, 120_000);

afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

async function copyOf(name: string): Promise<string> {
  const dir = join(tmp, name);
  await cp(pristine, dir, { recursive: true });
  return dir;
}

const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );

/** Byte for byte (a deep equality of two 60 MB buffers would take the test's memory). */
async function sameFile(a: string, b: string): Promise<boolean> {
  return (await readFile(a)).equals(await readFile(b));
}

/** Opens the library in a child and kills it once the migration has read `fraction` of the old catalog, or once held. */
function killDuringOpen(dir: string, fraction: number | 'held'): Promise<'killed' | 'finished'> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', childScript, dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let buffered = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        const reached = line === 'held' ? fraction === 'held' : fraction !== 'held' && Number(line.split(' ')[1]) >= fraction;
        if (reached) child.kill('SIGKILL');
      }
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve('killed');
      else if (code === 0) resolve('finished');
      else reject(new Error(`the child failed: ${stderr}`));
    });
  });
}

/** Every record of the old catalog is in the held library's catalog. */
function expectMigrated(hold: LibraryHold): void {
  const { catalog } = hold;
  expect(catalog.photoCount).toBe(v1.photos);
  for (const i of [0, 1, 4999, 50_000, v1.photos - 1]) {
    const photo = catalog.getPhoto(v1PhotoId(i));
    expect(photo, `photo ${i}`).toEqual(photoFromRow(rowOf(v1.photo(i))));
  }
  expect(catalog.table('categories').map((c) => [c.name, c.threshold, c.learned])).toEqual([
    ['beach', null, null],
    ['receipts', 0.05, null],
    ['my red bike', null, null],
  ]);
  expect(catalog.decisions()).toHaveLength(v1.decisions);
  expect(catalog.keywordCounts().sort((a, b) => a.keyword.localeCompare(b.keyword))).toEqual([
    { keyword: 'family', photos: v1.keywords / 2 },
    { keyword: 'Lisbon', photos: v1.keywords / 2 },
  ]);
  expect(catalog.keywordsOf(v1PhotoId(3))).toEqual([{ photoId: v1PhotoId(3), keyword: 'family', origin: 'manual' }]);
  const [manual, smart] = catalog.table('albums');
  expect(manual).toMatchObject({ name: 'Lisbon', kind: 'manual' });
  expect(smart).toMatchObject({ name: 'Beaches', kind: 'smart', query: { text: 'beach', takenFrom: '2024-01-01' } });
  expect(catalog.albumPhotoIds(manual?.id ?? '').slice(0, 3)).toEqual([v1.photos - 1, v1.photos - 2, v1.photos - 3].map(v1PhotoId));
  expect(catalog.albumCounts().get(manual?.id ?? '')).toBe(v1.albumPhotos);
  expect(hold.manifest.data.servingModel).toEqual({ id: 'test-model', dim: 512, vectors: 'vectors-test-model.bin' });
  // The name index, filled at the end of the copy, finds the old photos by name and folder.
  expect(catalog.photosNamed('"img_50000"', 'name', () => true, 5)).toEqual([v1PhotoId(50_000)]);
  expect(catalog.photosNamed('"49"', 'folder', () => true, 2000)).toHaveLength(1000);
}

/** A photo added after the migration is indexed by name too: the copy put the index's trigger back. */
function expectNamesFollow(hold: LibraryHold): void {
  const root = hold.catalog.roots()[0];
  if (!root) throw new Error('the migrated library has no folder');
  const added = hold.catalog.upsertPhoto({ rootId: root.id, path: '/photos/new/astronaut.png', size: 1, mtimeMs: 0 });
  expect(hold.catalog.photosNamed('"astronaut"', 'name', () => true, 5)).toEqual([added.id]);
}

/** A first-format record as the photos table's row holds it. */
function rowOf(p: Record<string, unknown>) {
  const camera = p.camera as { make: string; model: string; lens: null } | null;
  const gps = p.gps as { lat: number; lon: number } | null;
  return {
    id: p.id, root_id: p.rootId, path: p.path, folder: '', size: p.size, mtime_ms: p.mtimeMs, hash: p.hash, width: p.width, height: p.height,
    taken_at: p.takenAt, taken_at_source: p.takenAtSource, camera_make: camera?.make ?? null, camera_model: camera?.model ?? null, lens: camera?.lens ?? null,
    gps_lat: gps?.lat ?? null, gps_lon: gps?.lon ?? null, gps_alt: null, orientation: p.orientation, format: p.format, status: p.status, reason: p.reason,
    duplicate_of: p.duplicateOf, added_at: p.addedAt, indexed_at: p.indexedAt, model_id: p.modelId,
    // Marks the first format had no place for start empty.
    rating: 0, favourite: 0, rotation: 0, sidecar_mtime_ms: null,
    // Nor for the exposure: the next scan reads it (metadata_version 0 is older than any reader).
    exposure_time: null, f_number: null, iso: null, focal_length: null, metadata_version: 0,
  } as Parameters<typeof photoFromRow>[0];
}

describe('a first-format library', () => {
  it('is migrated on open with progress, every record across, the old catalog kept', async () => {
    const dir = await copyOf('plain');
    const fractions: number[] = [];
    const hold = await LibraryHold.acquire(dir, { holder: 'a test', onMigration: (p) => fractions.push(p.fraction) });
    try {
      expectMigrated(hold);
      expectNamesFollow(hold);
    } finally {
      hold.release();
    }
    expect(fractions.length).toBeGreaterThan(10);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    expect(fractions.at(-1)).toBeCloseTo(1, 2);
    const files = await readdir(dir);
    expect(files).toEqual(expect.arrayContaining(['catalog.json.migrated', 'catalog.sqlite', 'library.json']));
    expect(files).not.toContain('catalog.json');
    expect(files.some((f) => f.endsWith('.migrating'))).toBe(false);
    expect(await sameFile(join(dir, 'catalog.json.migrated'), join(pristine, 'catalog.json'))).toBe(true);
  }, 180_000);

  it('survives kill -9 at any moment of its migration: the next open has the old library or the new one, whole', async () => {
    for (const moment of [0.05, 0.5, 0.97, 'held'] as const) {
      const dir = await copyOf(`killed-${moment}`);
      expect(await killDuringOpen(dir, moment)).toBe('killed');
      // Killed before the switch, the old catalog is untouched; after it, the new one is whole.
      if (!(await exists(join(dir, 'library.json')))) expect(await sameFile(join(dir, 'catalog.json'), join(pristine, 'catalog.json'))).toBe(true);
      const hold = await LibraryHold.acquire(dir, { holder: 'a test' });
      try {
        expectMigrated(hold);
      } finally {
        hold.release();
      }
      await rm(dir, { recursive: true, force: true });
    }
  }, 300_000);
});

describe('a library in a newer format', () => {
  it('is refused with a clear message, and nothing in it changes', async () => {
    const dir = join(tmp, 'newer');
    await mkdir(dir);
    const manifest = JSON.stringify({ format: 3, catalog: 'catalog.sqlite', createdAt: '2030-01-01', servingModel: null, settings: {} });
    await writeFile(join(dir, 'library.json'), manifest);
    await expect(LibraryHold.acquire(dir, { holder: 'a test' })).rejects.toThrow(/newer Clipfolio \(format 3/);
    expect(await readFile(join(dir, 'library.json'), 'utf8')).toBe(manifest);
    expect((await readdir(dir)).filter((f) => !f.startsWith('library.'))).toEqual([]);
    // A first-format catalog of a version after it is refused the same way.
    await rm(join(dir, 'library.json'));
    await writeFile(join(dir, 'catalog.json'), '{"schemaVersion":2,"photos":[]}');
    await expect(LibraryHold.acquire(dir, { holder: 'a test' })).rejects.toThrow(/newer than this Clipfolio/);
    expect(await readFile(join(dir, 'catalog.json'), 'utf8')).toBe('{"schemaVersion":2,"photos":[]}');
  });
});
