// Unit tests for products straight from a mapped vector file (mapped-matrix.ts): ONNX Runtime
// maps the real file the vector store wrote, ids and tombstones in it, and the scores are
// exactly the dot products of each live row's vector, whether that vector is in the file
// (superseded rows and removals skipped), still waiting to be written, or sent later as an
// update that also shrinks the matrix. Re-tags' calibrated margins from the mapped file are
// those of the same rows in memory. The similarity engine answers from the mapped file as
// soon as it has it, and from memory once the file is read, the same.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { MappedMatrix, type MatrixUpdate } from '../../../main/inference/mapped-matrix';
import { SimilarityEngine } from '../../../main/inference/similarity';
import { newId } from '../../../main/library/photo-id';
import { VectorStore } from '../../../main/library/vector-store';

const dim = 12;
let dir: string;
let store: VectorStore;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'clipfolio-mapped-'));
  // The rows start 32 bytes in, not on a page boundary: the mapping must still find them.
  store = await VectorStore.open(join(dir, 'vectors.bin'), { modelId: 'model-x', dim, batchRows: 8 });
});
afterEach(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

function unit(seed: number): Float32Array {
  const v = Float32Array.from({ length: dim }, (_, i) => Math.sin(seed * 2.3 + i * 0.9));
  const norm = Math.hypot(...v);
  return v.map((x) => x / norm);
}

/** The rows the store wrote since `version`, as an update carries them to a matrix. */
function changesSince(version: number): MatrixUpdate {
  const changes = store.changesSince(version);
  if (!changes) throw new Error('the store forgot its changes');
  const rows = Int32Array.from(changes.rows);
  return { rows, vectors: store.readRows(rows), count: changes.count };
}

/** [rows, count] dot products of the store's live rows with `queries`, as the worker's product has them. */
function expected(queries: Float32Array, count: number): Float32Array {
  const rows = store.readRows([...store.ids()].map((_, r) => r));
  return Float32Array.from({ length: store.count * count }, (_, k) => {
    const row = Math.floor(k / count);
    const q = k % count;
    let dot = 0;
    for (let i = 0; i < dim; i++) dot += (rows[row * dim + i] as number) * (queries[q * dim + i] as number);
    return dot;
  });
}

it('scores every live row from the mapped file and the rows not written yet', async () => {
  const ids = Array.from({ length: 30 }, () => newId());
  for (const [i, id] of ids.entries()) await store.append(id, unit(i));
  // A superseded row and two removals (tombstones, all NaN) stay in the file.
  await store.append(ids[3] as string, unit(103));
  await store.remove(ids[7] as string);
  await store.remove(ids[20] as string);
  await store.flush();
  // Not written yet: the source carries these.
  await store.append(newId(), unit(200));
  await store.append(ids[11] as string, unit(111));

  const source = store.openSource();
  expect(source.overlayRows.length).toBeGreaterThan(0);
  const mapped = await MappedMatrix.open(source, 1);
  try {
    const queries = Float32Array.from([...unit(900), ...unit(901), ...unit(902)]);
    const scores = await mapped.score(queries, 3);
    expect(mapped.rows).toBe(store.count);
    expect(Array.from(scores).every(Number.isFinite)).toBe(true);
    expected(queries, 3).forEach((value, k) => expect(scores[k]).toBeCloseTo(value, 6));
  } finally {
    await mapped.release();
    store.closeSource(source);
  }
});

it('follows updates: changed rows answer with their new vectors, and rows past the new count leave', async () => {
  const ids = Array.from({ length: 20 }, () => newId());
  for (const [i, id] of ids.entries()) await store.append(id, unit(i));
  await store.flush();
  const source = store.openSource();
  const mapped = await MappedMatrix.open(source, 1);
  try {
    const from = store.version;
    await store.append(ids[4] as string, unit(404));
    await store.remove(ids[9] as string);
    await store.append(newId(), unit(500));
    mapped.update(changesSince(from));

    const query = unit(999);
    const scores = await mapped.score(query, 1);
    expect(scores.length).toBe(store.count);
    expected(query, 1).forEach((value, k) => expect(scores[k]).toBeCloseTo(value, 6));
  } finally {
    await mapped.release();
    store.closeSource(source);
  }
});

it('answers an empty store without mapping anything', async () => {
  const source = store.openSource();
  const mapped = await MappedMatrix.open(source, 1);
  expect(await mapped.score(unit(1), 1)).toEqual(new Float32Array(0));
  await mapped.release();
  store.closeSource(source);
});

it('the engine answers from the mapped file while it reads it, then from memory, with updates made meanwhile in both', async () => {
  const ids = Array.from({ length: 40 }, () => newId());
  for (const [i, id] of ids.entries()) await store.append(id, unit(i));
  await store.flush();
  const engine = new SimilarityEngine(1);
  const fromFile = vi.spyOn(MappedMatrix.prototype, 'score');
  const source = store.openSource();
  try {
    await engine.loadMatrix('library', 1, source);
    // Before the read can have finished (it needs a turn of the event loop), a change arrives.
    const from = store.version;
    await store.append(ids[5] as string, unit(505));
    await store.append(newId(), unit(600));
    engine.updateMatrix('library', 1, { version: 2, ...changesSince(from) });
    const query = unit(777);
    const early = engine.score('library', 2, query, 1);
    expect(fromFile).toHaveBeenCalledTimes(1);
    await engine.loaded(1);
    const late = await engine.score('library', 2, query, 1);
    expect(fromFile).toHaveBeenCalledTimes(1);
    const want = expected(query, 1);
    for (const scores of [await early, late]) want.forEach((value, k) => expect(scores[k]).toBeCloseTo(value, 6));
  } finally {
    store.closeSource(source);
    fromFile.mockRestore();
  }
});

it('begins reading the file into memory only after the first product from it', async () => {
  for (let i = 0; i < 20; i++) await store.append(newId(), unit(i));
  await store.flush();
  const engine = new SimilarityEngine(1);
  const source = store.openSource();
  try {
    await engine.loadMatrix('searched', 1, source);
    let read = false;
    void engine.loaded(1).then(() => (read = true));
    // Well inside READ_AFTER_MS: nothing asked, nothing read (the read would take a few ms).
    await sleep(150);
    expect(read).toBe(false);
    await engine.score('searched', 1, unit(1), 1);
    await engine.loaded(1);
    expect(read).toBe(true);
  } finally {
    store.closeSource(source);
  }
});

it('gives the margins of a re-tag from the mapped file, rows not written yet included, as the matrix in memory does', async () => {
  const ids = Array.from({ length: 25 }, () => newId());
  for (const [i, id] of ids.entries()) await store.append(id, unit(i));
  await store.remove(ids[6] as string);
  await store.flush();
  await store.append(newId(), unit(300));
  const source = store.openSource();
  const engine = new SimilarityEngine(1);
  // Two categories and three alternatives, the first category weighing all three, the second two.
  const queries = Float32Array.from([...unit(800), ...unit(801), ...unit(810), ...unit(811), ...unit(812)]);
  const mask = Float32Array.from([1, 1, 1, 0, 1, 1]);
  try {
    await engine.loadMatrix('library', 1, source);
    const fromFile = engine.margins('library', 1, queries, 2, mask);
    await engine.loaded(1);
    const inMemory = await engine.margins('library', 1, queries, 2, mask);
    const mapped = await fromFile;
    expect(mapped.length).toBe(2 * store.count);
    expect(Array.from(mapped).every(Number.isFinite)).toBe(true);
    inMemory.forEach((value, k) => expect(mapped[k]).toBeCloseTo(value, 5));
  } finally {
    store.closeSource(source);
  }
});
