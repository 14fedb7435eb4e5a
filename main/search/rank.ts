// Runs in: the main process. Top results of one query row of a score matrix in one pass: a
// bounded min-heap of the best `limit` accepted columns, where the filter only runs for a
// score that would enter the heap. So neither a sort of the whole library nor a filter check
// on its unrelated bulk happens, even at 1,000,000 photos with the cut switched off.

export interface Ranked {
  column: number;
  score: number;
}

export interface RankOptions {
  /** Scores below this are dropped (see relevance-cut.ts). */
  minScore: number;
  limit: number;
  /** Columns that pass the filters. */
  accept?: (column: number) => boolean;
}

export function rankRow(scores: Float32Array, offset: number, n: number, options: RankOptions): Ranked[] {
  const { limit, accept } = options;
  if (limit <= 0) return [];
  // heap[0] is the weakest kept result; ties keep the lower column.
  const heap: Ranked[] = [];
  const weaker = (a: Ranked, b: Ranked) => a.score < b.score || (a.score === b.score && a.column > b.column);
  const siftDown = (start: number) => {
    for (let i = start; ; ) {
      const left = 2 * i + 1;
      const right = left + 1;
      let min = i;
      if (left < heap.length && weaker(heap[left] as Ranked, heap[min] as Ranked)) min = left;
      if (right < heap.length && weaker(heap[right] as Ranked, heap[min] as Ranked)) min = right;
      if (min === i) return;
      [heap[i], heap[min]] = [heap[min] as Ranked, heap[i] as Ranked];
      i = min;
    }
  };
  let floor = options.minScore;
  for (let column = 0; column < n; column++) {
    const score = scores[offset + column] ?? Number.NEGATIVE_INFINITY;
    if (score < floor || (heap.length === limit && score === floor)) continue;
    if (accept && !accept(column)) continue;
    const entry = { column, score };
    if (heap.length < limit) {
      heap.push(entry);
      for (let i = heap.length - 1; i > 0; ) {
        const parent = (i - 1) >> 1;
        if (!weaker(heap[i] as Ranked, heap[parent] as Ranked)) break;
        [heap[i], heap[parent]] = [heap[parent] as Ranked, heap[i] as Ranked];
        i = parent;
      }
    } else {
      heap[0] = entry;
      siftDown(0);
    }
    if (heap.length === limit) floor = Math.max(options.minScore, (heap[0] as Ranked).score);
  }
  return heap.sort((a, b) => b.score - a.score || a.column - b.column);
}
