// Unit tests for the vector store: round trip, torn tail, supersede, remove + compact,
// loading a file of mixed rows and tombstones, the header check against the model, and the
// id checkpoint: used when it holds (rows appended after it scanned), ignored when it does
// not (damaged, of a file compacted since, ids that disagree with the file).
import { readSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm, stat, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newId } from '../../../main/library/photo-id';
import { idCheckpointPath } from '../../../main/library/id-checkpoint';
import { VECTOR_ID_BYTES, VectorStore, vectorFileName } from '../../../main/library/vector-store';

const modelId = 'openai/clip-vit-base-patch32';
const dim = 8;
const rowBytes = VECTOR_ID_BYTES + 4 * dim;

let dir: string;
let file: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'clipfolio-vectors-'));
  file = join(dir, vectorFileName(modelId));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function vector(seed: number): Float32Array {
  return Float32Array.from({ length: dim }, (_, i) => seed + i / 10);
}

/** Every live row of the matrix, keyed by id. */
function rowsById(store: VectorStore): Map<string, number[]> {
  const ids = [...store.ids()];
  const data = store.readRows(ids.map((_, r) => r));
  const out = new Map<string, number[]>();
  ids.forEach((id, r) => out.set(id, Array.from(data.subarray(r * dim, (r + 1) * dim))));
  return out;
}

describe('VectorStore', () => {
  it('names files safely per model', () => {
    expect(vectorFileName(modelId)).toBe('vectors-openai_clip-vit-base-patch32.bin');
  });

  it('round-trips vectors through the file, growing past its initial capacity', async () => {
    const ids = Array.from({ length: 3000 }, () => newId());
    const store = await VectorStore.open(file, { modelId, dim, batchRows: 64 });
    for (const [i, id] of ids.entries()) await store.append(id, vector(i));
    expect(store.count).toBe(3000);
    await store.close();

    const reopened = await VectorStore.open(file, { modelId, dim });
    expect(reopened.droppedTornBytes).toBe(0);
    expect(reopened.count).toBe(3000);
    expect([...reopened.ids()]).toEqual([...ids]);
    expect(reopened.readRows(ids.map((_, r) => r))).toEqual(Float32Array.from(ids.flatMap((_, i) => Array.from(vector(i)))));
    for (const [i, id] of ids.entries()) expect(reopened.get(id)).toEqual(vector(i));
    expect(reopened.get(newId())).toBeUndefined();
    await reopened.close();
  });

  it('writes one batch per batchRows appends and only whole rows', async () => {
    const store = await VectorStore.open(file, { modelId, dim, batchRows: 10 });
    const headerBytes = (await stat(file)).size;
    for (let i = 0; i < 25; i++) await store.append(newId(), vector(i));
    expect((await stat(file)).size).toBe(headerBytes + 20 * rowBytes);
    await store.sync();
    expect((await stat(file)).size).toBe(headerBytes + 25 * rowBytes);
    await store.close();
  });

  it('drops a torn last row and truncates the file to whole rows', async () => {
    const ids = Array.from({ length: 5 }, () => newId());
    const store = await VectorStore.open(file, { modelId, dim });
    for (const [i, id] of ids.entries()) await store.append(id, vector(i));
    await store.close();
    const size = (await stat(file)).size;
    await truncate(file, size - 3);

    const reopened = await VectorStore.open(file, { modelId, dim });
    expect(reopened.droppedTornBytes).toBe(rowBytes - 3);
    expect((await stat(file)).size).toBe(size - rowBytes);
    expect(reopened.count).toBe(4);
    expect(reopened.get(ids[4] ?? '')).toBeUndefined();
    for (let i = 0; i < 4; i++) expect(reopened.get(ids[i] ?? '')).toEqual(vector(i));
    // New rows land after the last whole row.
    await reopened.append(ids[4] ?? '', vector(40));
    await reopened.close();
    const again = await VectorStore.open(file, { modelId, dim });
    expect(again.get(ids[4] ?? '')).toEqual(vector(40));
    await again.close();
  });

  it('lets a later row for the same photo supersede the earlier one', async () => {
    const [a, b] = [newId(), newId()];
    const store = await VectorStore.open(file, { modelId, dim });
    await store.append(a, vector(1));
    await store.append(b, vector(2));
    await store.append(a, vector(3));
    expect(store.count).toBe(2);
    expect(store.get(a)).toEqual(vector(3));
    await store.close();
    const reopened = await VectorStore.open(file, { modelId, dim });
    expect(reopened.count).toBe(2);
    expect(reopened.get(a)).toEqual(vector(3));
    expect(reopened.deadFraction).toBeCloseTo(1 / 3);
    await reopened.close();
  });

  it('removes with tombstones, keeps the matrix contiguous and compacts atomically', async () => {
    const ids = Array.from({ length: 10 }, () => newId());
    const store = await VectorStore.open(file, { modelId, dim, compactFraction: 0.3 });
    for (const [i, id] of ids.entries()) await store.append(id, vector(i));
    expect(await store.remove(ids[0] ?? '')).toBe(true);
    expect(await store.remove(ids[0] ?? '')).toBe(false);
    expect(await store.remove(ids[5] ?? '')).toBe(true);
    const expected = new Map(ids.map((id, i) => [id, Array.from(vector(i))] as const));
    expected.delete(ids[0] ?? '');
    expected.delete(ids[5] ?? '');
    expect(rowsById(store)).toEqual(expected);
    // 12 file rows, 8 live: a third are dead, over the 0.3 threshold.
    await store.sync();
    const headerBytes = (await stat(file)).size - 12 * rowBytes;
    expect(await store.compact()).toBe(true);
    expect((await stat(file)).size).toBe(headerBytes + 8 * rowBytes);
    expect(store.deadFraction).toBe(0);
    expect(await store.compact()).toBe(false);
    expect((await readdir(dir)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    // The store stays usable after compaction, and removals survive reopening.
    await store.append(ids[0] ?? '', vector(100));
    expected.set(ids[0] ?? '', Array.from(vector(100)));
    await store.close();
    const reopened = await VectorStore.open(file, { modelId, dim });
    expect(rowsById(reopened)).toEqual(expected);
    await reopened.close();
  });

  it('keeps appends and removals made while a compaction runs', async () => {
    const ids = Array.from({ length: 50 }, () => newId());
    const store = await VectorStore.open(file, { modelId, dim, batchRows: 7 });
    for (const [i, id] of ids.entries()) await store.append(id, vector(i));
    const late = newId();
    const results = await Promise.all([
      store.compact({ force: true }),
      store.append(late, vector(99)),
      store.remove(ids[3] ?? ''),
    ]);
    expect(results[0]).toBe(true);
    expect(results[2]).toBe(true);
    await store.close();
    const reopened = await VectorStore.open(file, { modelId, dim });
    expect(reopened.count).toBe(50);
    expect(reopened.get(late)).toEqual(vector(99));
    expect(reopened.has(ids[3] ?? '')).toBe(false);
    expect(reopened.get(ids[49] ?? '')).toEqual(vector(49));
    await reopened.close();
  });

  it('loads interleaved supersedes and tombstones as they were live, and grows after loading', async () => {
    const ids = Array.from({ length: 40 }, () => newId());
    const expected = new Map<string, number[]>();
    const store = await VectorStore.open(file, { modelId, dim, batchRows: 5 });
    for (const [i, id] of ids.entries()) {
      await store.append(id, vector(i));
      expected.set(id, Array.from(vector(i)));
      if (i % 3 === 0) {
        const earlier = ids[i >> 1] ?? '';
        await store.remove(earlier);
        expected.delete(earlier);
      }
      if (i % 4 === 1) {
        const earlier = ids[i - 1] ?? '';
        await store.append(earlier, vector(100 + i));
        expected.set(earlier, Array.from(vector(100 + i)));
      }
    }
    expect(rowsById(store)).toEqual(expected);
    await store.close();

    const reopened = await VectorStore.open(file, { modelId, dim });
    expect(rowsById(reopened)).toEqual(expected);
    for (const [id, values] of expected) expect(Array.from(reopened.get(id) ?? [])).toEqual(values);
    // The loaded buffer is the matrix; appending past its capacity moves it.
    const more = Array.from({ length: 100 }, () => newId());
    for (const [i, id] of more.entries()) {
      await reopened.append(id, vector(200 + i));
      expected.set(id, Array.from(vector(200 + i)));
    }
    expect(rowsById(reopened)).toEqual(expected);
    await reopened.close();
    const again = await VectorStore.open(file, { modelId, dim });
    expect(rowsById(again)).toEqual(expected);
    await again.close();
  });

  it('hands a reader the file and the rows not written yet, and closes only after the reader is done', async () => {
    const store = await VectorStore.open(file, { modelId, dim, batchRows: 4 });
    const ids = Array.from({ length: 6 }, () => newId());
    for (const [i, id] of ids.entries()) await store.append(id, vector(i));
    const source = store.openSource();
    // Four rows were written as a batch; the last two are only in memory and come with the source.
    expect(Array.from(source.fileRows)).toEqual([0, 1, 2, 3, -1, -1]);
    expect(Array.from(source.overlayRows)).toEqual([4, 5]);
    expect(source.overlayVectors).toEqual(Float32Array.from([...vector(4), ...vector(5)]));
    const bytes = Buffer.alloc(dim * 4);
    readSync(source.fd, bytes, 0, bytes.length, source.headerBytes + 2 * source.rowBytes + source.vectorOffset);
    expect(new Float32Array(bytes.buffer, bytes.byteOffset, dim)).toEqual(vector(2));

    let closed = false;
    const closing = store.close().then(() => (closed = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(closed).toBe(false);
    store.closeSource(source);
    await closing;
    expect(closed).toBe(true);
  });

  it('refuses a file written for another model or dimension', async () => {
    const store = await VectorStore.open(file, { modelId, dim });
    await store.close();
    await expect(VectorStore.open(file, { modelId, dim: 512 })).rejects.toMatchObject({
      code: 'MODEL_MISMATCH',
      message: expect.stringMatching(/8-d vectors of model "openai\/clip-vit-base-patch32", not 512-d/) as unknown,
    });
    await expect(VectorStore.open(file, { modelId: 'other', dim })).rejects.toMatchObject({ code: 'MODEL_MISMATCH' });
  });

  it('rejects bad ids and embeddings', async () => {
    const store = await VectorStore.open(file, { modelId, dim });
    await expect(store.append('x'.repeat(17), vector(0))).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(store.append(newId(), new Float32Array(dim - 1))).rejects.toThrow(/expected 8/);
    const bad = vector(0);
    bad[3] = Number.NaN;
    await expect(store.append(newId(), bad)).rejects.toThrow(/not finite/);
    await store.close();
  });

  it('reopens from its id checkpoint, scanning only the rows appended after it', async () => {
    const store = await VectorStore.open(file, { modelId, dim, batchRows: 4 });
    const ids = Array.from({ length: 40 }, () => newId());
    for (const [i, id] of ids.entries()) await store.append(id, vector(i));
    await store.append(ids[3] as string, vector(103));
    await store.remove(ids[8] as string);
    const expected = rowsById(store);
    await store.close();

    const reopened = await VectorStore.open(file, { modelId, dim, batchRows: 4 });
    expect(reopened.checkpointRows).toBe(42);
    expect(rowsById(reopened)).toEqual(expected);
    // Changes, then a crash (no close, so the checkpoint stays as it was): the rows appended since are scanned.
    const added = newId();
    await reopened.append(added, vector(500));
    await reopened.remove(ids[20] as string);
    await reopened.append(ids[30] as string, vector(530));
    await reopened.sync();
    const after = rowsById(reopened);

    const recovered = await VectorStore.open(file, { modelId, dim });
    expect(recovered.checkpointRows).toBe(42);
    expect(rowsById(recovered)).toEqual(after);
    expect(recovered.has(ids[20] as string)).toBe(false);
    expect(recovered.get(added)).toEqual(vector(500));
    await recovered.close();
    await reopened.close();
  });

  it('scans the whole file when the checkpoint is damaged, of a file compacted since, or names other ids', async () => {
    const store = await VectorStore.open(file, { modelId, dim, batchRows: 4 });
    const ids = Array.from({ length: 30 }, () => newId());
    for (const [i, id] of ids.entries()) await store.append(id, vector(i));
    await store.close();
    const checkpoint = await readFile(idCheckpointPath(file));

    // One flipped byte among the ids: its CRC no longer matches.
    const damaged = Buffer.from(checkpoint);
    damaged[damaged.length - 5] = (damaged[damaged.length - 5] as number) ^ 0x20;
    await writeFile(idCheckpointPath(file), damaged);
    const scanned = await VectorStore.open(file, { modelId, dim });
    expect(scanned.checkpointRows).toBe(0);
    expect([...scanned.ids()]).toEqual([...ids]);

    // A compaction writes a new file; a crash before the next close leaves the old checkpoint.
    await writeFile(idCheckpointPath(file), checkpoint);
    for (const id of ids.slice(0, 15)) await scanned.remove(id);
    expect(await scanned.compact()).toBe(true);
    const expected = rowsById(scanned);
    const afterCompaction = await VectorStore.open(file, { modelId, dim });
    expect(afterCompaction.checkpointRows).toBe(0);
    expect(rowsById(afterCompaction)).toEqual(expected);
    await afterCompaction.close();
    await scanned.close();

    // A whole checkpoint of this very file whose ids were swapped for others (the CRC made to fit).
    const closed = await readFile(idCheckpointPath(file));
    const swapped = Buffer.from(closed);
    const firstId = 32 + 4 * 15;
    swapped.write(newId(), firstId, VECTOR_ID_BYTES, 'latin1');
    const { crc32 } = await import('node:zlib');
    swapped.writeUInt32LE(crc32(swapped.subarray(32)), 28);
    await writeFile(idCheckpointPath(file), swapped);
    const checked = await VectorStore.open(file, { modelId, dim });
    expect(checked.checkpointRows).toBe(0);
    expect(rowsById(checked)).toEqual(expected);
    await checked.close();
  });
});
