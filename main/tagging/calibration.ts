// Runs in: the main process (and the inference worker, for LOGIT_SCALE). The method of tagging
// (the note below) and its pure functions in JS: a category's query and what learning from the
// user's corrections would change; the margins themselves come from the worker's graph.
// Cited by tagger.ts, inference/margins-graph.ts and search.
//
// Design note "tag calibration":
// - Zero-shot. A category's vector is the normalised mean of its prompt embeddings. Its raw
//   cosine with a photo is not comparable across categories (one flat cutoff fails, as
//   Immich found), so each category is judged against alternatives a photo could just as
//   well be described by: the generic BACKGROUND_PROMPTS plus the category's own negative
//   prompts. The calibrated score is
//       margin = s_cat - LSE(alternatives),   LSE(a) = ln(sum exp(T * a_i)) / T,  T = 100,
//   computed in the inference worker (inference/margins-graph.ts), for a re-tag and for the
//   category editor's preview of a draft alike, with T CLIP's own learned logit scale.
//   margin > 0 is exactly "softmax over {category, alternatives} gives the category more than
//   half", so the default threshold is 0 and works without tuning; and since LSE >= max, a
//   photo closer to any negative prompt than to the category is never tagged. Multi-label: every category decides on its own.
//   The library's own distribution of a category's margins is not used to decide (a z-score
//   assumes the category is rare, which fails for "people" in a family library); it only
//   scales the threshold gap below.
// - Corrections. An accepted or rejected photo always wins for itself, and only for itself:
//   a correction never changes another photo's tag (one rejection once emptied a category by
//   moving the cut). What corrections suggest for the whole category is computed on demand
//   (learning-suggestion.ts), shown with its effect in photos, and applied only when the user
//   says so; an applied suggestion stores the moved query and the new cut in the category.
// - What learning suggests, in two steps: (1) Rocchio: v' = norm(v + w_a (mean(accepted) - mu)
//   - w_r (mean(rejected) - mu)), mu the library's mean image vector. Centring on mu moves the
//   text vector only along directions that separate photos, not towards the image cone as a
//   whole (CLIP's modality gap), which would raise every margin. The weights are scale-aware:
//   v is a text vector, whose cosines with photos spread little over a library (real CLIP:
//   image-text cosines about 0.15-0.35, std ~0.03), while a correction d is an image
//   direction, whose cosines with photos spread far more (image-image cosines 0.3-0.9). A
//   fixed weight (it was 0.5 for both) let one or two accepted photos redefine the category:
//   two red photos dragged onto "blues" made it tag reds and no blue photo. So each weight is
//   w = f * spread(margins of v) / spread(d . x), spreads being standard deviations over a
//   sample of up to 1,000 library photos (LibraryMatrix.sample): the correction spreads the
//   photos' scores f times as much as the zero-shot margins spread them. The margins' spread,
//   not that of the cosines with v, is the reference because a part of v (what every "a
//   photo of..." caption shares) cancels against the alternatives and decides nothing.
//   f = 0.5 for both: the text keeps twice the say of the corrections, so accepting photos
//   unlike the category extends it and a photo that fits the words keeps its tag (at f = 1
//   the two opposed terms cancel: in the colour test library the blue photos lost "blues"
//   again); a rejection at 0.5 together with step (2) untags the rejected photo's
//   near-copies, while at 1 it pushes the category towards whatever is opposite the rejected
//   photo (rejecting magenta from "red" then tagged the greens). (2) The cut is moved to the
//   value with the fewest misclassified corrections (ties: nearest the current cut), using
//   midpoints between accepted and rejected margins and, past the last one, a gap of a
//   quarter of the margins' standard deviation over the library, so a near-copy of a
//   rejected photo falls below the cut too. Lowering the cut takes at least two accepted
//   photos under it: one is an exception (its own decision tags it), because a cut lowered
//   for a single odd photo tags every photo scoring above it, many of them wrong.
import { ClipfolioError } from '../shared/errors';

export const LOGIT_SCALE = 100;
export const DEFAULT_THRESHOLD = 0;
/** f of the note: a correction's spread over the library as a fraction of the zero-shot margins'. */
const ROCCHIO_ACCEPTED = 0.5;
const ROCCHIO_REJECTED = 0.5;
const GAP_OF_SPREAD = 0.25;
const MIN_ACCEPTED_TO_LOWER = 2;

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

/** Library rows (unit photo vectors) that the spreads of the note are measured over. */
export interface LibrarySample {
  /** count x dim, row-major. */
  rows: Float32Array;
  count: number;
  dim: number;
}

/** Standard deviation over the sample of the margin s_cat - LSE(alternatives), as the margins graph computes it. */
export function marginSpread(category: Float32Array, alternatives: readonly Float32Array[], sample: LibrarySample): number {
  const own = dotsWith(category, sample);
  if (alternatives.length === 0) return standardDeviation(own);
  const cosines = alternatives.map((a) => alternativeDots(a, sample));
  const margins = new Float64Array(sample.count);
  for (let r = 0; r < sample.count; r++) {
    let max = Number.NEGATIVE_INFINITY;
    for (const row of cosines) max = Math.max(max, row[r] as number);
    let sum = 0;
    for (const row of cosines) sum += Math.exp(LOGIT_SCALE * ((row[r] as number) - max));
    margins[r] = (own[r] as number) - max - Math.log(sum) / LOGIT_SCALE;
  }
  return standardDeviation(margins);
}

/**
 * An alternative prompt's dot products with the sample, kept per sample and vector object
 * (TextVectorCache hands out the same one per text): the background prompts are every
 * category's alternatives, so they are computed once, not once per category.
 */
const alternativeCache = new WeakMap<LibrarySample, WeakMap<Float32Array, Float64Array>>();

function alternativeDots(vector: Float32Array, sample: LibrarySample): Float64Array {
  const kept = alternativeCache.get(sample) ?? new WeakMap<Float32Array, Float64Array>();
  alternativeCache.set(sample, kept);
  const hit = kept.get(vector);
  if (hit) return hit;
  const dots = dotsWith(vector, sample);
  kept.set(vector, dots);
  return dots;
}

/** w_a and w_r of the note; 0 for a kind of correction there is none of. */
export interface RocchioWeights {
  accepted: number;
  rejected: number;
}

/** The scale-aware weights of step (1); they read the whole sample, a few ms a category. */
export function rocchioWeights(
  category: Float32Array,
  alternatives: readonly Float32Array[],
  corrections: { accepted: Float32Array | null; rejected: Float32Array | null },
  libraryMean: Float32Array,
  sample: LibrarySample,
): RocchioWeights {
  const spread = marginSpread(category, alternatives, sample);
  const weightOf = (mean: Float32Array | null, fraction: number) => {
    if (!mean) return 0;
    const own = standardDeviation(dotsWith(centred(mean, libraryMean), sample));
    // A direction no photo differs along (every photo corrected, or identical photos) teaches nothing.
    return own === 0 ? 0 : (fraction * spread) / own;
  };
  return { accepted: weightOf(corrections.accepted, ROCCHIO_ACCEPTED), rejected: weightOf(corrections.rejected, ROCCHIO_REJECTED) };
}

/** Step (1) of what learning suggests: v' = norm(v + w_a (accepted - mu) - w_r (rejected - mu)). */
export function rocchio(
  category: Float32Array,
  corrections: { accepted: Float32Array | null; rejected: Float32Array | null },
  libraryMean: Float32Array,
  weights: RocchioWeights,
): Float32Array {
  const out = Float32Array.from(category);
  let moved = false;
  for (const [mean, weight] of [
    [corrections.accepted, weights.accepted],
    [corrections.rejected, -weights.rejected],
  ] as const) {
    if (!mean || weight === 0) continue;
    const direction = centred(mean, libraryMean);
    for (let i = 0; i < out.length; i++) out[i] = (out[i] as number) + weight * (direction[i] as number);
    moved = true;
  }
  return moved ? normalise(out) : category;
}

function centred(mean: Float32Array, libraryMean: Float32Array): Float32Array {
  return mean.map((x, i) => x - (libraryMean[i] ?? 0));
}

/** Each sample row's dot product with `vector`: one tight loop, no view per row. */
function dotsWith(vector: Float32Array, { rows, count, dim }: LibrarySample): Float64Array {
  const out = new Float64Array(count);
  for (let r = 0, base = 0; r < count; r++, base += dim) {
    let sum = 0;
    for (let i = 0; i < dim; i++) sum += (vector[i] as number) * (rows[base + i] as number);
    out[r] = sum;
  }
  return out;
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
 * Step (2) of what learning suggests: the cutoff with the fewest corrections on the wrong
 * side, nearest `base` among equals. `spread` is the std of the category's margins.
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
