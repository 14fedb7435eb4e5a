// Unit tests for the id -> row table of the vector store (id-rows.ts): thousands of random
// adds and removes, through growth and the moves that removals make in probe runs, always
// agree with a plain array and Map doing the same, the last row moving into a removed one.
import { expect, it } from 'vitest';
import { IdRows } from '../../../main/library/id-rows';
import { seededRandom as random } from '../../fixtures/seeded-random';


it('agrees with an array and a Map through random adds and removes', () => {
  const next = random(7);
  const table = new IdRows();
  const ids: string[] = [];
  const rowOf = new Map<string, number>();
  // Few distinct ids, so removed ones come back and probe runs get long.
  const pool = Array.from({ length: 3000 }, (_, i) => `photo${String(i * 7919).padStart(11, '0')}`);
  for (let step = 0; step < 40_000; step++) {
    const id = pool[Math.floor(next() * pool.length)] as string;
    if (rowOf.has(id)) {
      const row = rowOf.get(id) as number;
      if (next() < 0.2) expect(table.rowFor(id)).toBe(row);
      expect(table.remove(id)).toBe(row);
      const last = ids.pop() as string;
      rowOf.delete(id);
      if (last !== id) {
        ids[row] = last;
        rowOf.set(last, row);
      }
    } else if (next() < 0.6) {
      rowOf.set(id, ids.length);
      ids.push(id);
      expect(table.rowFor(id)).toBe(ids.length - 1);
    } else {
      expect(table.remove(id)).toBeUndefined();
    }
    if (step % 1000 === 0) {
      expect([...table.ids()]).toEqual(ids);
      for (const candidate of pool) expect(table.rowOf(candidate)).toBe(rowOf.get(candidate));
    }
  }
  expect(table.count).toBe(ids.length);
  ids.forEach((id, row) => {
    expect(table.idAt(row)).toBe(id);
    expect(table.rowOf(id)).toBe(row);
  });
});

it('holds a large store without growing when told its size', () => {
  const table = new IdRows(100_000);
  for (let i = 0; i < 100_000; i++) table.rowFor(`p${i}`);
  expect(table.rowFor('p5')).toBe(5);
  expect(table.rowOf('p0')).toBe(0);
  expect(table.rowOf('p99999')).toBe(99_999);
  expect(table.rowOf('p100000')).toBeUndefined();
});
