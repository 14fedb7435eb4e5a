// Runs in: the main process. From a category's calibrated scores to its tag decisions, with
// the user's corrections on top: the JS half of a re-tag (the worker's margins graph is the
// other), kept free of the catalog and the worker so it is unit-tested and benchmarked alone.
// Method: the "tag calibration" note in calibration.ts.
import { DEFAULT_THRESHOLD, learnThreshold, standardDeviation } from './calibration';

export interface DecisionPlan {
  /** The user's threshold, or null for the default. */
  threshold: number | null;
  /** Photo columns the user accepted / rejected for this category. */
  accepted: readonly number[];
  rejected: readonly number[];
}

export interface CategoryScores {
  /** Calibrated score per photo column. */
  margins: Float32Array;
  /** The cutoff used: the base threshold moved by the corrections. */
  threshold: number;
  /** The corrections, which win over the cutoff for their own photos. */
  accepted: readonly number[];
  rejected: readonly number[];
  /** Photos carrying the tag, corrections applied. */
  taggedCount: number;
}

/**
 * One category's cutoff and tag count over its margins: one pass over the library, two with
 * corrections (their spread). Which photos carry the tag is read off the margins where asked
 * (isTagged), not stored: a re-tag of 100,000 photos x 20 categories then writes no 2 MB of
 * flags nobody may read, most re-tags answering one photo's tags or a count.
 */
export function decideCategory(margins: Float32Array, plan: DecisionPlan): CategoryScores {
  const { accepted, rejected } = plan;
  const base = plan.threshold ?? DEFAULT_THRESHOLD;
  const threshold =
    accepted.length + rejected.length > 0
      ? learnThreshold(
          base,
          accepted.map((c) => margins[c] ?? 0),
          rejected.map((c) => margins[c] ?? 0),
          standardDeviation(margins),
        )
      : base;
  // Number(bool) compiles without a branch; `? 1 : 0` branches, and on margins in no order
  // mispredicts: 100k x 20 random margins counted in ~3.5 vs ~26 ms (medians of 30, load ~8).
  let taggedCount = 0;
  for (let i = 0; i < margins.length; i++) taggedCount += Number((margins[i] as number) >= threshold);
  // A photo has at most one decision per category, so each correction moves the count once at most.
  for (const c of accepted) taggedCount += (margins[c] ?? Number.NEGATIVE_INFINITY) >= threshold ? 0 : 1;
  for (const c of rejected) taggedCount -= (margins[c] ?? Number.NEGATIVE_INFINITY) >= threshold ? 1 : 0;
  return { margins, threshold, accepted, rejected, taggedCount };
}

/** Whether the photo in `column` carries the tag: its correction if any, else its margin against the cutoff. */
export function isTagged(scores: CategoryScores, column: number): boolean {
  if (scores.rejected.includes(column)) return false;
  return scores.accepted.includes(column) || (scores.margins[column] ?? Number.NEGATIVE_INFINITY) >= scores.threshold;
}

