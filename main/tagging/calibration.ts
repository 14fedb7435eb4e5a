// Runs in: the main process (and the inference worker, for LOGIT_SCALE). Pure functions that
// turn raw cosines into per-category tag decisions and learn from the user's corrections.
// Cited by tagger.ts, inference/margins-graph.ts and search.
//
// Design note "tag calibration":
// - Zero-shot. A category's vector is the normalised mean of its prompt embeddings. Its raw
//   cosine with a photo is not comparable across categories (one flat cutoff fails, as
//   Immich found), so each category is judged against alternatives a photo could just as
//   well be described by: the generic BACKGROUND_PROMPTS plus the category's own negative
//   prompts. The calibrated score is
//       margin = s_cat - LSE(alternatives),   LSE(a) = ln(sum exp(T * a_i)) / T,  T = 100,
//   computed for a re-tag in the inference worker (margins-graph.ts) and, for the category
//   editor's preview of one draft, from the raw cosines here (logSumExpColumns, categoryMargins),
//   with T CLIP's own learned logit scale. margin > 0 is exactly "softmax over {category,
//   alternatives} gives the category more than half", so the default threshold is 0 and works
//   without tuning; and since LSE >= max, a photo closer to any negative prompt than to the
//   category is never tagged. Multi-label: every category decides on its own.
//   The library's own distribution of a category's margins is not used to decide (a z-score
//   assumes the category is rare, which fails for "people" in a family library); it only
//   scales the threshold gap below.
// - Few-shot. Accepted and rejected photos always win for themselves, and teach the
//   category in two steps: (1) Rocchio: v' = norm(v + 0.5 (mean(accepted) - mu) -
//   0.5 (mean(rejected) - mu)), mu the library's mean image vector. Centring on mu moves the
//   text vector only along directions that separate photos, not towards the image cone as a
//   whole (CLIP's modality gap), which would raise every margin. (2) The threshold is moved
//   to the value with the fewest misclassified corrections (ties: nearest the base
//   threshold), using midpoints between accepted and rejected margins and, past the last
//   one, a gap of a quarter of the margins' standard deviation over the library, so a
//   near-copy of a rejected photo falls below the cut too. Lowering the cut takes at least
//   two accepted photos under it: one is treated as an exception (its own decision tags
//   it), because a cut lowered for a single odd photo tags every photo scoring above it,
//   many of them wrong. Raising it for one rejection is safe: it only removes tags.
import { ClipfolioError } from '../shared/errors';

export const LOGIT_SCALE = 100;
export const DEFAULT_THRESHOLD = 0;
const ROCCHIO_ACCEPTED = 0.5;
const ROCCHIO_REJECTED = 0.5;
const GAP_OF_SPREAD = 0.25;
const MIN_ACCEPTED_TO_LOWER = 2;

/**
 * Scores laid out photo-major, as the similarity product returns them: photo i's cosines with
 * the `count` queries are scores[i * count .. (i + 1) * count).
 */
export interface ScoreMatrix {
  scores: Float32Array;
  n: number;
  count: number;
}

/** A category's columns in a ScoreMatrix. */
export interface MarginPlan {
  column: number;
  negativeColumns: readonly number[];
}

/**
 * ln(e^(T a) + e^(T b)) / T = max + softplus(-T |a - b|) / T, with softplus(-d) = ln(1 + e^-d)
 * read from a table instead of a Math.exp and a Math.log per pair: those two calls were most of
 * a re-tag's JS (~270 ns a pair on a loaded 2-core machine against ~17 ns by table, timed in a
 * loop over 500,000 pairs). Linear interpolation at 1/512 logit errs by at most
 * (1/512)^2 / 8 * max|softplus''| / T = 1.2e-9 in cosine units, under a float32 margin's own
 * resolution near 0.05 (3.7e-9). Past 17 logits the correction is under e^-17 / T = 4e-10
 * and is left out.
 */
const STEPS_PER_LOGIT = 512;
const SOFTPLUS_LIMIT = 17 * STEPS_PER_LOGIT;
const SOFTPLUS_TABLE = Float64Array.from({ length: SOFTPLUS_LIMIT + 1 }, (_, k) => Math.log1p(Math.exp(-k / STEPS_PER_LOGIT)) / LOGIT_SCALE);

function logAddExp(a: number, b: number): number {
  const max = a > b ? a : b;
  const steps = LOGIT_SCALE * STEPS_PER_LOGIT * (max - (a > b ? b : a));
  // Far apart, or both -Infinity (NaN): the larger alone.
  if (!(steps < SOFTPLUS_LIMIT)) return max;
  const k = Math.floor(steps);
  const low = SOFTPLUS_TABLE[k] as number;
  return max + low + (steps - k) * ((SOFTPLUS_TABLE[k + 1] as number) - low);
}

/** LSE of `first` and the given columns of one photo's scores starting at `base`, a pair at a time. */
function logSumExpAt(scores: Float32Array, base: number, columns: readonly number[], first: number): number {
  let lse = first;
  for (let j = 0; j < columns.length; j++) lse = logAddExp(lse, scores[base + (columns[j] as number)] as number);
  return lse;
}

/** Per photo, LSE over the given query columns (see the note); an empty set gives -Infinity. */
export function logSumExpColumns({ scores, n, count }: ScoreMatrix, columns: readonly number[]): Float32Array {
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = logSumExpAt(scores, i * count, columns, Number.NEGATIVE_INFINITY);
  return out;
}

/**
 * Photos per block of categoryMargins: their scores (~200 KB at 24 queries) stay in L2 while
 * every category passes over them.
 */
const MARGIN_BLOCK = 2048;

/**
 * margin = s_cat - LSE(background ∪ negatives) per photo for every plan, given the
 * background's LSE. A block of photos at a time, a category at a time down its column in the
 * block: a category's column alone is a fixed stride that touches a cache line per photo, so
 * 20 categories read the whole product from memory 20 times unblocked; blocked, it is read
 * once. Timed ~1.5x faster for 100k photos x 20 categories without negatives (load ~9.6,
 * medians ~32 vs ~48 ms), and simpler than a loop over plans inside the loop over photos.
 */
export function categoryMargins({ scores, n, count }: ScoreMatrix, backgroundLse: Float32Array, plans: readonly MarginPlan[]): Float32Array[] {
  const margins = plans.map(() => new Float32Array(n));
  for (let start = 0; start < n; start += MARGIN_BLOCK) {
    const end = Math.min(n, start + MARGIN_BLOCK);
    plans.forEach(({ column, negativeColumns }, p) => {
      const out = margins[p] as Float32Array;
      if (negativeColumns.length === 0) {
        for (let i = start; i < end; i++) out[i] = (scores[i * count + column] as number) - (backgroundLse[i] as number);
        return;
      }
      for (let i = start; i < end; i++) {
        const base = i * count;
        out[i] = (scores[base + column] as number) - logSumExpAt(scores, base, negativeColumns, backgroundLse[i] as number);
      }
    });
  }
  return margins;
}

export function normalise(v: Float32Array): Float32Array {
  let sum = 0;
  for (const x of v) sum += x * x;
  if (sum === 0) throw new ClipfolioError('INVALID_ARGUMENT', 'cannot normalise a zero vector');
  const scale = 1 / Math.sqrt(sum);
  return v.map((x) => x * scale);
}

/** Normalised mean of unit vectors: a prompt ensemble's category vector. */
export function meanDirection(vectors: readonly Float32Array[]): Float32Array {
  const first = vectors[0];
  if (!first) throw new ClipfolioError('INVALID_ARGUMENT', 'a category needs at least one prompt');
  const sum = new Float32Array(first.length);
  for (const v of vectors) for (let i = 0; i < sum.length; i++) sum[i] = (sum[i] ?? 0) + (v[i] ?? 0);
  return normalise(sum);
}

/** Mean of vectors, or null for none. */
export function meanVector(vectors: readonly Float32Array[], dim: number): Float32Array | null {
  if (vectors.length === 0) return null;
  const sum = new Float32Array(dim);
  for (const v of vectors) for (let i = 0; i < dim; i++) sum[i] = (sum[i] ?? 0) + (v[i] ?? 0);
  return sum.map((x) => x / vectors.length);
}

/** Step (1) of the few-shot part of the note. */
export function rocchio(
  category: Float32Array,
  accepted: Float32Array | null,
  rejected: Float32Array | null,
  libraryMean: Float32Array,
): Float32Array {
  if (!accepted && !rejected) return category;
  const out = Float32Array.from(category);
  for (let i = 0; i < out.length; i++) {
    const mu = libraryMean[i] ?? 0;
    if (accepted) out[i] = (out[i] ?? 0) + ROCCHIO_ACCEPTED * ((accepted[i] ?? 0) - mu);
    if (rejected) out[i] = (out[i] ?? 0) - ROCCHIO_REJECTED * ((rejected[i] ?? 0) - mu);
  }
  return normalise(out);
}

export function standardDeviation(values: ArrayLike<number>): number {
  const n = values.length;
  if (n === 0) return 0;
  let sum = 0;
  let sumSq = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i] as number;
    sum += v;
    sumSq += v * v;
  }
  const mean = sum / n;
  return Math.sqrt(Math.max(0, sumSq / n - mean * mean));
}

/**
 * Step (2) of the few-shot part of the note: the cutoff with the fewest corrections on the
 * wrong side, nearest `base` among equals. `spread` is the std of the category's margins.
 */
export function learnThreshold(base: number, accepted: readonly number[], rejected: readonly number[], spread: number): number {
  if (accepted.length === 0 && rejected.length === 0) return base;
  const gap = GAP_OF_SPREAD * spread;
  const sorted = [...accepted, ...rejected].sort((x, y) => x - y);
  const candidates = [base];
  for (let i = 1; i < sorted.length; i++) candidates.push(((sorted[i - 1] ?? 0) + (sorted[i] ?? 0)) / 2);
  for (const r of rejected) candidates.push(r + gap);
  for (const a of accepted) candidates.push(a - gap);
  const errors = (t: number) => accepted.filter((a) => a < t).length + rejected.filter((r) => r >= t).length;
  const mayLower = accepted.filter((a) => a < base).length >= MIN_ACCEPTED_TO_LOWER;
  let best = base;
  let bestErrors = errors(base);
  for (const t of candidates) {
    if (t < base && !mayLower) continue;
    const e = errors(t);
    if (e < bestErrors || (e === bestErrors && Math.abs(t - base) < Math.abs(best - base))) {
      best = t;
      bestErrors = e;
    }
  }
  return best;
}
