// Runs in: main process. The photo ids of a vector store's rows, kept so that a snapshot of
// them (one matrix version's columns: search results and re-tags map columns to photos by it)
// costs nothing to take, and so that a million ids read at open are not a million strings.
//
// The ids live in chunks of CHUNK. A snapshot copies the list of chunks and marks them
// shared; a later write copies only the chunk it changes. Copying the whole million-id array
// per matrix update instead held the main thread 40-164 ms each time indexing added photos
// to a million-photo library (the longest stalls measured then).
//
// The ids an open reads from the store's checkpoint stay packed, one string per chunk of
// PACKED_LENGTH characters an id, until a write touches their chunk: making them a million
// strings took ~0.5 s of the open, and the young-generation collections that copied them
// 120-190 ms each (stalls of the window). A packed id is compared in place and sliced out
// when read.

/**
 * Ids per chunk: a write after a snapshot copies at most this many (two chunks for a removal).
 * A packed chunk (256 KB) is above V8's largest regular object, so it lives in large-object
 * space, which the young-generation collector promotes without copying: 64 KB chunks were
 * copied, 16 MB at a time, in a 91 ms collection right after a million-photo open.
 */
const CHUNK_BITS = 14;
export const CHUNK = 1 << CHUNK_BITS;
/** Characters of a packed id: photo ids are 16 (photo-id.ts). */
export const PACKED_LENGTH = 16;

/** Photo ids by column, as a matrix version's columns are read: arrays satisfy it too. */
export interface ColumnIds extends Iterable<string> {
  readonly length: number;
  at(column: number): string | undefined;
}

/** A chunk's ids, or while no write touched them, the packed string they were read as. */
type Chunk = string[] | string;

function idIn(chunks: readonly Chunk[], row: number): string | undefined {
  const chunk = chunks[row >> CHUNK_BITS];
  const at = row & (CHUNK - 1);
  return typeof chunk === 'string' ? chunk.slice(at * PACKED_LENGTH, (at + 1) * PACKED_LENGTH) : chunk?.[at];
}

/** One version's ids, never changed after it is taken. */
class IdSnapshot implements ColumnIds {
  readonly #chunks: readonly Chunk[];
  readonly length: number;

  constructor(chunks: readonly Chunk[], length: number) {
    this.#chunks = chunks;
    this.length = length;
  }

  /** As an array's at(): a negative column counts from the end. */
  at(column: number): string | undefined {
    if (column < 0) column += this.length;
    if (column < 0 || column >= this.length) return undefined;
    return idIn(this.#chunks, column);
  }

  [Symbol.iterator](): Iterator<string> {
    let column = 0;
    return {
      next: () => (column < this.length ? { value: this.at(column++) as string, done: false } : { value: undefined, done: true }),
    };
  }
}

/** A growable list of ids whose snapshots share its chunks (copy on write). */
export class ChunkedIds {
  #chunks: Chunk[] = [];
  #length = 0;
  /** Chunks no snapshot holds, written in place; any other is copied before it is written. */
  #owned = new WeakSet<string[]>();

  /** `packed`: the first `rows` ids, CHUNK of them (PACKED_LENGTH characters each) a string. */
  constructor(packed: readonly string[] = [], rows = 0) {
    this.#chunks = packed.slice();
    this.#length = rows;
  }

  get length(): number {
    return this.#length;
  }

  at(row: number): string | undefined {
    return row < this.#length ? idIn(this.#chunks, row) : undefined;
  }

  /** Whether row `row` holds `id`, without making a string of a packed id. */
  holds(row: number, id: string): boolean {
    const chunk = this.#chunks[row >> CHUNK_BITS];
    const at = row & (CHUNK - 1);
    if (typeof chunk === 'string') return id.length === PACKED_LENGTH && chunk.startsWith(id, at * PACKED_LENGTH);
    return chunk !== undefined && chunk[at] === id;
  }

  /** Whether two rows hold the same id, compared in place where both are packed. */
  sameId(a: number, b: number): boolean {
    const chunkA = this.#chunks[a >> CHUNK_BITS];
    const chunkB = this.#chunks[b >> CHUNK_BITS];
    if (typeof chunkA !== 'string' || typeof chunkB !== 'string') return this.at(a) === this.at(b);
    const fromA = (a & (CHUNK - 1)) * PACKED_LENGTH;
    const fromB = (b & (CHUNK - 1)) * PACKED_LENGTH;
    for (let i = 0; i < PACKED_LENGTH; i++) if (chunkA.charCodeAt(fromA + i) !== chunkB.charCodeAt(fromB + i)) return false;
    return true;
  }

  /** FNV-1a over the id's character codes, read in place for a packed id. */
  hashAt(row: number): number {
    const chunk = this.#chunks[row >> CHUNK_BITS];
    const at = row & (CHUNK - 1);
    return typeof chunk === 'string' ? hashOf(chunk, at * PACKED_LENGTH, PACKED_LENGTH) : hashOf(chunk?.[at] ?? '');
  }

  push(id: string): void {
    const index = this.#length >> CHUNK_BITS;
    if (index === this.#chunks.length) {
      const chunk: string[] = [];
      this.#owned.add(chunk);
      this.#chunks.push(chunk);
    }
    this.#writable(index).push(id);
    this.#length += 1;
  }

  /** Replaces the id of an existing row. */
  set(row: number, id: string): void {
    this.#writable(row >> CHUNK_BITS)[row & (CHUNK - 1)] = id;
  }

  pop(): string | undefined {
    if (this.#length === 0) return undefined;
    const index = (this.#length - 1) >> CHUNK_BITS;
    const id = this.#writable(index).pop();
    this.#length -= 1;
    if (this.#chunks[index]?.length === 0) this.#chunks.pop();
    return id;
  }

  /**
   * Writes every id into `target`, `width` bytes each (zero-padded), as the store's id
   * checkpoint holds them: a packed chunk in one call.
   */
  writeTo(target: Buffer, width: number): void {
    this.#chunks.forEach((chunk, index) => {
      const first = index * CHUNK;
      if (typeof chunk === 'string' && width === PACKED_LENGTH) target.write(chunk, first * width, 'latin1');
      else for (let r = 0; first + r < this.#length && r < CHUNK; r++) target.write(idIn(this.#chunks, first + r) ?? '', (first + r) * width, width, 'latin1');
    });
  }

  /**
   * The ids as they are now, unchanged by later writes. A new object each time: callers tell
   * matrix versions apart by it, and a version may change vectors without changing ids.
   */
  snapshot(): ColumnIds {
    this.#owned = new WeakSet();
    return new IdSnapshot(this.#chunks.slice(), this.#length);
  }

  #writable(index: number): string[] {
    const chunk = this.#chunks[index] as Chunk;
    if (typeof chunk !== 'string' && this.#owned.has(chunk)) return chunk;
    const first = index * CHUNK;
    const copy = typeof chunk === 'string' ? Array.from({ length: Math.min(CHUNK, this.#length - first) }, (_, r) => idIn(this.#chunks, first + r) as string) : chunk.slice();
    this.#owned.add(copy);
    this.#chunks[index] = copy;
    return copy;
  }
}

/** FNV-1a over `length` character codes of `text` from `start` (ids are short ASCII). */
export function hashOf(text: string, start = 0, length = text.length): number {
  let h = 0x811c9dc5;
  for (let i = start; i < start + length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}
