// Runs in: main process. The photo ids of a vector store's rows, and each id's row: an
// open-addressing hash table (linear probing) over one Int32Array that holds row + 1 per slot
// and compares against the ids list itself (column-ids.ts: snapshots that cost nothing, ids
// read at open kept packed). A Map<string, number> of 1,000,000 ids took 0.8 s of the store's
// open to fill on the 2-core test machine and left a million entries for every major garbage
// collection to walk; this takes a few tens of milliseconds and one buffer. Rows stay
// contiguous: removing a row moves the last one into its place.
import { ChunkedIds, hashOf, type ColumnIds } from './column-ids';

/** Slots per id at most: past half full, the table doubles. */
const LOAD = 0.5;

function slotsFor(count: number): number {
  let size = 1024;
  while (size * LOAD < count) size *= 2;
  return size;
}

export class IdRows {
  readonly #ids: ChunkedIds;
  /** row + 1 of the id hashed here, or 0 for an empty slot. */
  #slots: Int32Array;

  /**
   * `expected`: how many ids will be added, so a large store fills the table without growing
   * it. `packed`: the first rows' ids, CHUNK of PACKED_LENGTH characters each a string
   * (column-ids.ts), which indexPacked() then enters into the table.
   */
  constructor(expected = 0, packed?: { ids: readonly string[]; rows: number }) {
    this.#ids = new ChunkedIds(packed?.ids, packed?.rows);
    this.#slots = new Int32Array(slotsFor(Math.max(expected, packed?.rows ?? 0)));
  }

  /**
   * Enters packed rows `from` to `to` into the table, in steps the caller spaces out; false
   * when one of them repeats an id of an earlier row (then the table is not to be used).
   */
  indexPacked(from: number, to: number): boolean {
    const slots = this.#slots;
    const mask = slots.length - 1;
    for (let row = from; row < to; row++) {
      let slot = this.#ids.hashAt(row) & mask;
      for (let entry = slots[slot] as number; entry !== 0; slot = (slot + 1) & mask, entry = slots[slot] as number) {
        if (this.#ids.sameId(entry - 1, row)) return false;
      }
      slots[slot] = row + 1;
    }
    return true;
  }

  get count(): number {
    return this.#ids.length;
  }

  idAt(row: number): string | undefined {
    return this.#ids.at(row);
  }

  rowOf(id: string): number | undefined {
    const slot = this.#find(id);
    return slot < 0 ? undefined : (this.#slots[slot] as number) - 1;
  }

  /** Every row's id into `target`, `width` bytes each (zero-padded). */
  writeIds(target: Buffer, width: number): void {
    this.#ids.writeTo(target, width);
  }

  /** Every row's id as they are now, unchanged by later writes (column-ids.ts). */
  ids(): ColumnIds {
    return this.#ids.snapshot();
  }

  /** `id`'s row, added as the new last row when it has none. */
  rowFor(id: string): number {
    if (this.#ids.length + 1 > this.#slots.length * LOAD) this.#rehash(slotsFor(this.#ids.length + 1));
    const slots = this.#slots;
    const mask = slots.length - 1;
    let slot = hashOf(id) & mask;
    for (let entry = slots[slot] as number; entry !== 0; slot = (slot + 1) & mask, entry = slots[slot] as number) {
      if (this.#ids.holds(entry - 1, id)) return entry - 1;
    }
    const row = this.#ids.length;
    this.#ids.push(id);
    slots[slot] = row + 1;
    return row;
  }

  /**
   * Removes `id`'s row by moving the last row's id into it; returns that row (equal to the new
   * count when the removed row was the last), or undefined when `id` has no row.
   */
  remove(id: string): number | undefined {
    const slot = this.#find(id);
    if (slot < 0) return undefined;
    const row = (this.#slots[slot] as number) - 1;
    this.#clear(slot);
    const last = this.#ids.length - 1;
    if (row !== last) {
      const lastId = this.#ids.at(last) as string;
      this.#slots[this.#find(lastId)] = row + 1;
      this.#ids.set(row, lastId);
    }
    this.#ids.pop();
    return row;
  }

  #find(id: string): number {
    const mask = this.#slots.length - 1;
    for (let slot = hashOf(id) & mask; ; slot = (slot + 1) & mask) {
      const entry = this.#slots[slot] as number;
      if (entry === 0) return -1;
      if (this.#ids.holds(entry - 1, id)) return slot;
    }
  }

  #insert(hash: number, row: number): void {
    const mask = this.#slots.length - 1;
    let slot = hash & mask;
    while (this.#slots[slot] !== 0) slot = (slot + 1) & mask;
    this.#slots[slot] = row + 1;
  }

  /** Empties a slot and moves later entries of its probe run back, so no lookup stops short. */
  #clear(slot: number): void {
    const slots = this.#slots;
    const mask = slots.length - 1;
    let gap = slot;
    slots[gap] = 0;
    for (let next = (gap + 1) & mask; slots[next] !== 0; next = (next + 1) & mask) {
      const home = this.#ids.hashAt((slots[next] as number) - 1) & mask;
      // The entry may move back into the gap unless its home lies in (gap, next], cyclically.
      const stays = gap <= next ? home > gap && home <= next : home > gap || home <= next;
      if (stays) continue;
      slots[gap] = slots[next] as number;
      slots[next] = 0;
      gap = next;
    }
  }

  #rehash(size: number): void {
    this.#slots = new Int32Array(size);
    for (let row = 0; row < this.#ids.length; row++) this.#insert(this.#ids.hashAt(row), row);
  }
}
