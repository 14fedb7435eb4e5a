// Runs in: the main process. Top results of one query row of a score matrix: a single pass
// keeps the candidates above the cut, then only those are sorted and filtered, so a filter
// check never runs on the unrelated bulk of a 1,000,000-photo library.

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
  const candidates: Ranked[] = [];
  for (let column = 0; column < n; column++) {
    const score = scores[offset + column] ?? Number.NEGATIVE_INFINITY;
    if (score >= options.minScore) candidates.push({ column, score });
  }
  candidates.sort((a, b) => b.score - a.score || a.column - b.column);
  const out: Ranked[] = [];
  for (const candidate of candidates) {
    if (out.length >= options.limit) break;
    if (!options.accept || options.accept(candidate.column)) out.push(candidate);
  }
  return out;
}
