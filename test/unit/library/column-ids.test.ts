// Unit tests for the vector store's id list (column-ids.ts): snapshots taken at random points
// of thousands of pushes, pops and replacements across many chunks, starting from ids read
// packed, stay exactly what the list was when each was taken, while the list itself keeps
// agreeing with a plain array; the id table over packed ids finds every row and refuses a
// repeated id.
import { expect, it } from 'vitest';
import { CHUNK, ChunkedIds } from '../../../main/library/column-ids';
import { IdRows } from '../../../main/library/id-rows';
import { newId } from '../../../main/library/photo-id';
import { seededRandom as random } from '../../fixtures/seeded-random';

/** Ids as an open reads them from the checkpoint: one string per chunk. */
function packed(ids: readonly string[]): string[] {
  const chunks: string[] = [];
  for (let from = 0; from < ids.length; from += CHUNK) chunks.push(ids.slice(from, from + CHUNK).join(''));
  return chunks;
}


it('keeps every snapshot as it was taken through later writes', () => {
  const next = random(11);
  // As an open reads them: two chunks and part of a third packed.
  const plain = Array.from({ length: 2 * CHUNK + 1000 }, () => newId());
  const list = new ChunkedIds(packed(plain), plain.length);
  const taken: { snapshot: ReturnType<ChunkedIds['snapshot']>; copy: string[] }[] = [];
  for (let step = 0; step < 4 * CHUNK; step++) {
    const roll = next();
    if (roll < 0.7 || plain.length === 0) {
      const id = `p${step}`;
      list.push(id);
      plain.push(id);
    } else if (roll < 0.85) {
      expect(list.pop()).toBe(plain.pop());
    } else {
      // A removal moves the last id into the removed row: a write into an older chunk.
      const row = Math.floor(next() * plain.length);
      const id = `moved${step}`;
      list.set(row, id);
      plain[row] = id;
    }
    if (step % 5000 === 0) taken.push({ snapshot: list.snapshot(), copy: plain.slice() });
  }
  expect(list.length).toBe(plain.length);
  expect(plain.length).toBeGreaterThan(CHUNK * 3);
  for (let row = 0; row < plain.length; row++) expect(list.at(row)).toBe(plain[row]);
  for (const { snapshot, copy } of taken) {
    expect(snapshot.length).toBe(copy.length);
    expect([...snapshot]).toEqual(copy);
    expect(snapshot.at(copy.length)).toBeUndefined();
    expect(snapshot.at(-1)).toBe(copy.at(-1));
    expect(snapshot.at(-copy.length - 1)).toBeUndefined();
  }
});

it('hands out a new object for every snapshot, so matrix versions stay distinct', () => {
  const list = new ChunkedIds();
  list.push('a');
  const first = list.snapshot();
  const second = list.snapshot();
  expect(second).not.toBe(first);
  expect([...second]).toEqual([...first]);
});

it('finds every packed id and its row, and refuses ids read twice', () => {
  const ids = Array.from({ length: 3 * CHUNK + 77 }, () => newId());
  const table = new IdRows(0, { ids: packed(ids), rows: ids.length });
  expect(table.indexPacked(0, 20_000)).toBe(true);
  expect(table.indexPacked(20_000, ids.length)).toBe(true);
  ids.forEach((id, row) => expect(table.rowOf(id)).toBe(row));
  expect(table.rowOf(newId())).toBeUndefined();
  // Written on after the open as any table is: removal moves the last row in, new ids append.
  const last = ids.at(-1) as string;
  expect(table.remove(ids[7] as string)).toBe(7);
  expect(table.rowOf(last)).toBe(7);
  expect(table.rowFor('fresh0000000000a')).toBe(ids.length - 1);
  expect(table.idAt(7)).toBe(last);

  const twice = [...ids.slice(0, 100), ids[42] as string];
  expect(new IdRows(0, { ids: packed(twice), rows: twice.length }).indexPacked(0, twice.length)).toBe(false);
});

it('writes its ids out as the checkpoint holds them, packed chunks and written ones alike', () => {
  const ids = Array.from({ length: 2 * CHUNK + 5 }, () => newId());
  const list = new ChunkedIds(packed(ids), ids.length);
  // A write into the first chunk: it is no longer packed. Then a short id appended.
  list.set(3, 'short');
  ids[3] = 'short';
  list.push('p9');
  ids.push('p9');
  const written = Buffer.alloc(ids.length * 16);
  list.writeTo(written, 16);
  const expected = Buffer.alloc(ids.length * 16);
  ids.forEach((id, row) => expected.write(id, row * 16, 16, 'latin1'));
  expect(written.equals(expected)).toBe(true);
});
