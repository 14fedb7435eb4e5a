// Runs in: the main process. From one similarity product (category vectors and negative
// prompts against every photo) and the photos' background term to each category's calibrated
// scores and tag decisions, with the user's corrections on top: the JS half of a re-tag, kept free of the
// catalog and the worker so it is unit-tested and benchmarked alone. Method: the "tag
// calibration" note in calibration.ts.
import { categoryMargins, DEFAULT_THRESHOLD, learnThreshold, standardDeviation, type MarginPlan, type ScoreMatrix } from './calibration';

export interface CategoryPlan extends MarginPlan {
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

/** `backgroundLse`: logSumExpColumns over the background prompts, for the same photos. */
export function scoreCategories(input: ScoreMatrix, backgroundLse: Float32Array, plans: readonly CategoryPlan[]): CategoryScores[] {
  const allMargins = categoryMargins(input, backgroundLse, plans);
  return plans.map((plan, p) => {
    const margins = allMargins[p] as Float32Array;
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
