// Runs in: vitest (forked process). The library matrix in the real inference worker follows
// its vector store by the rows that changed: after appends, a replacement and a removal
// (which moves the last row into the gap) it sends those rows alone, never the whole matrix
// again, and answers exactly what a matrix sent whole answers; a worker that lost it reads
// the file again. The worker builds the matrix from the file itself: superseded rows,
// removals, rows still waiting to be written and a compaction all end in the right vectors,
// and the mean it keeps in step with updates is the rows' mean.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { InferenceClient } from '../../../main/inference/inference-client';
import { VectorStore } from '../../../main/library/vector-store';
import { LibraryMatrix } from '../../../main/search/library-matrix';

const DIM = 8;
let dir: string;
let client: InferenceClient;
let store: VectorStore;

function unit(seed: number): Float32Array {
  const v = Float32Array.from({ length: DIM }, (_, i) => Math.sin(seed * 3.1 + i * 1.7));
  const norm = Math.hypot(...v);
  return v.map((x) => x / norm);
}

const id = (i: number) => `photo${String(i).padStart(11, '0')}`;

/** Scores of `query` per photo id, so two matrices with different column orders compare. */
async function scoresById(matrix: LibraryMatrix, query: Float32Array): Promise<Map<string, number>> {
  const { scores, ids } = await matrix.score(query, 1);
  return new Map([...ids].map((photoId, column) => [photoId, scores[column] as number]));
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'clipfolio-matrix-'));
  client = InferenceClient.start({ threads: 1 });
  store = await VectorStore.open(path.join(dir, 'vectors.bin'), { modelId: 'm', dim: DIM });
  for (let i = 0; i < 50; i++) await store.append(id(i), unit(i));
});

afterAll(async () => {
  await store.close();
  await client.close();
  await rm(dir, { recursive: true, force: true });
});

it('sends the rows a change wrote, not the whole matrix, and answers as a whole one does', async () => {
  const matrix = new LibraryMatrix(store, client);
  const query = unit(1000);
  await scoresById(matrix, query);
  const whole = vi.spyOn(client, 'loadMatrix');
  // The rows are transferred to the worker: what was sent is noted before it goes.
  const sent: { rows: number[]; count: number }[] = [];
  const send = client.updateMatrix.bind(client);
  const update = vi.spyOn(client, 'updateMatrix').mockImplementation((key, from, version, rows, vectors, count) => {
    sent.push({ rows: [...rows].sort((a, b) => a - b), count });
    return send(key, from, version, rows, vectors, count);
  });
  for (let i = 50; i < 53; i++) await store.append(id(i), unit(i));
  await store.append(id(7), unit(700));
  await store.remove(id(3));
  const updated = await scoresById(matrix, query);
  expect(whole).not.toHaveBeenCalled();
  // Three appended rows, the replaced one, and the gap the removal filled with the last row.
  expect(sent).toEqual([{ rows: [3, 7, 50, 51], count: 52 }]);
  const fresh = await scoresById(new LibraryMatrix(store, client), query);
  // The same products, one from memory and one from the mapped file: equal to float rounding.
  expect(new Set(updated.keys())).toEqual(new Set(fresh.keys()));
  for (const [photoId, score] of updated) expect(score, photoId).toBeCloseTo(fresh.get(photoId) as number, 6);
  expect(updated.has(id(3))).toBe(false);
  expect((await matrix.columns()).rowOf.get(id(52))).toBe(3);
  whole.mockRestore();
  update.mockRestore();
});

it('has a worker that lost the matrix read it again', async () => {
  const matrix = new LibraryMatrix(store, client);
  const query = unit(2000);
  const before = await scoresById(matrix, query);
  await client.dropMatrix(store.path);
  await store.append(id(60), unit(60));
  const whole = vi.spyOn(client, 'loadMatrix');
  const after = await scoresById(matrix, query);
  expect(whole).toHaveBeenCalledTimes(1);
  expect(after.size).toBe(before.size + 1);
  whole.mockRestore();
});

/** What each photo's vector should be, kept beside the store as the test changes it. */
const expected = new Map<string, Float32Array>();

function dot(a: Float32Array, b: Float32Array): number {
  return a.reduce((sum, x, i) => sum + x * (b[i] as number), 0);
}

it('builds the matrix from the file: replaced and removed rows, rows not written yet, a compaction; its mean follows updates', async () => {
  const file = await VectorStore.open(path.join(dir, 'built.bin'), { modelId: 'm', dim: DIM, batchRows: 8 });
  try {
    const put = async (i: number, seed: number) => {
      await file.append(id(i), unit(seed));
      expected.set(id(i), unit(seed));
    };
    const drop = async (i: number) => {
      await file.remove(id(i));
      expected.delete(id(i));
    };
    for (let i = 0; i < 30; i++) await put(i, i);
    await put(4, 400);
    await drop(9);
    await put(31, 31); // batchRows 8: the last rows are still waiting to be written
    const check = async (matrix: LibraryMatrix) => {
      const query = unit(5000);
      const scores = await scoresById(matrix, query);
      expect([...scores.keys()].sort()).toEqual([...expected.keys()].sort());
      for (const [photoId, vector] of expected) expect(scores.get(photoId)).toBeCloseTo(dot(vector, query), 5);
      const mean = await matrix.mean();
      for (let d = 0; d < DIM; d++) expect(mean[d]).toBeCloseTo([...expected.values()].reduce((sum, v) => sum + (v[d] as number), 0) / expected.size, 5);
      expect(file.get(id(4))).toEqual(unit(400));
    };
    const matrix = new LibraryMatrix(file, client);
    await check(matrix);
    // Updates after the mean was first asked for keep it right.
    await put(32, 32);
    await drop(0);
    await put(5, 500);
    await check(matrix);
    expect(await file.compact({ force: true })).toBe(true);
    await check(new LibraryMatrix(file, client));
  } finally {
    await file.close();
  }
});
