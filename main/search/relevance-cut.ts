// Runs in: the main process. Which of a query's ranked photos are relevant at all.
//
// Design note "relevance cut": one fixed cosine cutoff does not work across queries (some
// texts sit closer to every photo than others), so the cut follows the query's own score
// distribution over the library. Most photos are unrelated to any one query, so the median
// and the median absolute deviation (robust to the few matches in the upper tail) describe
// the unrelated bulk, estimated from SAMPLE_SIZE scores so it costs the same at 1,000,000
// photos.
// - Clear matches: when at least ENOUGH_RELEVANT photos stand RELEVANCE_SIGMAS robust
//   standard deviations above the bulk, those are the results.
// - Weak but real matches: a real folder's "red" photos may stand only 2 to 3 sigma out of a
//   wide bulk, and the strict cut alone returned nothing while the "red" category tagged 19
//   of them. Then the best KNEE_WINDOW scores above the softer FALLBACK_SIGMAS cut are cut at
//   the knee where the matches end: the deepest gap between neighbours of at least
//   KNEE_GAP_SIGMAS sigma (wider than the bulk's tail leaves between its top scores, so one
//   outstanding photo does not hide the group below it), else the largest gap; never keeping
//   fewer than the strict cut does. The gap under the last candidate (to the next score) counts,
//   so a tight group of matches clear of the bulk is kept whole.
// - No matches: when nothing reaches the softer cut (a bulk whose tail is short), nothing is
//   returned; when the bulk's own tail passes it (large libraries), the knee keeps a short
//   list of the least unlikely photos. A short list for a query the library cannot answer
//   costs the user a glance; an empty page for a weak but real one hid the photos wanted.
// - All scores equal: nothing stands out, nothing is kept. A relevant score is always strictly
//   above the median, so with more than half tied (sigma 0) only scores above the tie count.
// - Common matches: when a large share of the library answers the query (a third of a real
//   folder is reddish; "people" in a family library), the median is itself a match and nothing
//   stands out of the distribution. So a text search also keeps every photo the query
//   describes better than the generic background prompts do, the calibrated decision a
//   category of the same words makes (tagging/calibration.ts; search/background-term.ts):
//   relevant = above this cut OR above the photo's background term. Image-to-image scores
//   ("more like this") have no such alternatives and use this cut alone.
// The strict case is decided on the sample (its count scaled to the whole row); only the
// fallback reads the whole row, once, for its best scores, a comparison per score like the
// ranking pass after it.
import { rankRow } from './rank';

export const RELEVANCE_SIGMAS = 3;
/** The softer cut a weak match must still pass. */
const FALLBACK_SIGMAS = 2;
/** The strict cut alone is trusted when it keeps at least this many photos. */
const ENOUGH_RELEVANT = 5;
/** How many of the best scores the fallback looks for its knee in: about a first screen of results. */
const KNEE_WINDOW = 50;
/** A gap this many sigmas wide between neighbouring top scores is where matches end. */
const KNEE_GAP_SIGMAS = 1;
const SAMPLE_SIZE = 20_000;
/** MAD times this estimates the standard deviation of a normal distribution. */
const MAD_TO_SIGMA = 1.4826;

/** The unrelated bulk of a row of scores, described from a strided sample of it. */
export interface ScoreBulk {
  median: number;
  /** Robust standard deviation: the median absolute deviation scaled to a normal's. */
  sigma: number;
  /** The sampled scores, reordered. */
  sample: Float32Array;
  /** Every step-th score was sampled. */
  step: number;
}

/** The lowest relevant score among `n` scores starting at `offset` of `scores`: rankRow's minScore. */
export function relevanceCut(scores: Float32Array, offset = 0, n = scores.length - offset): number {
  if (n <= 0) return Number.POSITIVE_INFINITY;
  const { median, sigma, sample, step } = scoreBulk(scores, offset, n);
  const strict = median + RELEVANCE_SIGMAS * sigma;
  // A sigma of 0 (half the scores tied) puts the strict cut on the median, which separates nothing.
  if (sigma > 0 && countAtLeast(sample, strict) * step >= ENOUGH_RELEVANT) return strict;
  return kneeCut(bestScores(scores, offset, n, KNEE_WINDOW + 1), median, sigma, strict);
}

export function scoreBulk(scores: Float32Array, offset: number, n: number): ScoreBulk {
  const step = Math.max(1, Math.floor(n / SAMPLE_SIZE));
  const sample = new Float32Array(Math.ceil(n / step));
  for (let i = 0, j = 0; i < n; i += step, j++) sample[j] = scores[offset + i] ?? 0;
  const median = medianInPlace(sample);
  return { median, sigma: MAD_TO_SIGMA * medianInPlace(sample.map((v) => Math.abs(v - median))), sample, step };
}

/**
 * The fallback of the note: `best` (the row's best scores, best first) cut at the knee among
 * those above the softer cut, keeping at least those above the strict one.
 */
function kneeCut(best: readonly number[], median: number, sigma: number, strict: number): number {
  const standing = (cut: number) => {
    let count = 0;
    while (count < best.length && (best[count] as number) > median && (best[count] as number) >= cut) count++;
    return count;
  };
  const strong = standing(strict);
  if (sigma > 0 && strong >= ENOUGH_RELEVANT) return strict;
  const candidates = standing(median + FALLBACK_SIGMAS * sigma);
  if (candidates === 0) return Number.POSITIVE_INFINITY;
  // The gap under the k-th best score; the last candidate's needs the score after it in the window.
  const gap = (k: number) => (best[k - 1] as number) - (best[k] as number);
  const least = Math.max(strong, 1);
  let largest = least;
  let deepestWide: number | null = null;
  for (let k = least; k <= Math.min(candidates, best.length - 1); k++) {
    if (gap(k) > gap(largest)) largest = k;
    if (gap(k) >= KNEE_GAP_SIGMAS * sigma) deepestWide = k;
  }
  const keep = deepestWide ?? largest;
  // Midway across the gap, so only the kept scores (and ties of the last one) reach it.
  return keep < best.length ? ((best[keep - 1] as number) + (best[keep] as number)) / 2 : (best[keep - 1] as number);
}

/** The `k` highest of `n` scores from `offset`, best first (rank.ts's one-pass heap, no filter). */
function bestScores(scores: Float32Array, offset: number, n: number, k: number): number[] {
  return rankRow(scores, offset, n, { minScore: Number.NEGATIVE_INFINITY, limit: k }).map((r) => r.score);
}

function countAtLeast(values: Float32Array, cut: number): number {
  let count = 0;
  for (const v of values) if (v >= cut) count++;
  return count;
}

/**
 * The median of `values`, reordering them: quickselect instead of a full sort (the two
 * selections of a 20,000-score sample cost a fraction of two sorts). The same value a sort
 * gives: for an even count, the mean of the two middle ones.
 */
function medianInPlace(values: Float32Array): number {
  const mid = values.length >> 1;
  const upper = selectInPlace(values, mid);
  if (values.length % 2 === 1) return upper;
  // After selection everything left of `mid` is <= values[mid]; the largest of them is the lower middle.
  let lower = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < mid; i++) if ((values[i] as number) > lower) lower = values[i] as number;
  return (lower + upper) / 2;
}

/** Moves the k-th smallest value to index k (smaller ones before it, larger after) and returns it. */
function selectInPlace(values: Float32Array, k: number): number {
  let left = 0;
  let right = values.length - 1;
  while (right > left) {
    // Median-of-three pivot keeps sorted or constant samples from the quadratic case.
    const middle = (left + right) >> 1;
    const pivot = medianOfThree(values[left] as number, values[middle] as number, values[right] as number);
    let i = left;
    let j = right;
    while (i <= j) {
      while ((values[i] as number) < pivot) i++;
      while ((values[j] as number) > pivot) j--;
      if (i <= j) {
        const t = values[i] as number;
        values[i] = values[j] as number;
        values[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else break;
  }
  return values[k] as number;
}

function medianOfThree(a: number, b: number, c: number): number {
  return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
}
