// Runs in: the main process. From one similarity product (category vectors, negative prompts
// and background prompts against every photo) to each category's calibrated scores and tag
// decisions, with the user's corrections on top: the JS half of a re-tag, kept free of the
// catalog and the worker so it is unit-tested and benchmarked alone. Method: the "tag
// calibration" note in calibration.ts.
import {
  categoryMargins,
  DEFAULT_THRESHOLD,
  learnThreshold,
  logSumExpRows,
  standardDeviation,
  type ScoreRows,
} from './calibration';

export interface CategoryPlan {
  /** Row of the category vector in the score matrix. */
  row: number;
  negativeRows: readonly number[];
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
  /** 1 where the photo carries the tag, corrections applied. */
  tagged: Uint8Array;
  taggedCount: number;
}

export function scoreCategories(input: ScoreRows, backgroundRows: readonly number[], plans: readonly CategoryPlan[]): CategoryScores[] {
  const backgroundLse = logSumExpRows(input, backgroundRows);
  return plans.map((plan) => {
    const margins = categoryMargins(input, plan.row, backgroundLse, plan.negativeRows);
    const base = plan.threshold ?? DEFAULT_THRESHOLD;
    const corrected = plan.accepted.length + plan.rejected.length > 0;
    const threshold = corrected
      ? learnThreshold(
          base,
          plan.accepted.map((c) => margins[c] ?? 0),
          plan.rejected.map((c) => margins[c] ?? 0),
          standardDeviation(margins),
        )
      : base;
    // Decisions and their count in one pass over the library; corrections then adjust both.
    const tagged = new Uint8Array(margins.length);
    let taggedCount = 0;
    for (let i = 0; i < margins.length; i++) {
      if ((margins[i] as number) >= threshold) {
        tagged[i] = 1;
        taggedCount++;
      }
    }
    for (const c of plan.accepted) {
      taggedCount += 1 - (tagged[c] as number);
      tagged[c] = 1;
    }
    for (const c of plan.rejected) {
      taggedCount -= tagged[c] as number;
      tagged[c] = 0;
    }
    return { margins, threshold, tagged, taggedCount };
  });
}
