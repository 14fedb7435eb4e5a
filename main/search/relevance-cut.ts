// Runs in: the main process. Which of a query's ranked photos are relevant at all.
//
// Design note "relevance cut": one fixed cosine cutoff does not work across queries (some
// texts sit closer to every photo than others), so the cut follows the query's own score
// distribution over the library. Most photos are unrelated to any one query, so the median
// and the median absolute deviation (robust to the few matches in the upper tail) describe
// the unrelated bulk; results must stand RELEVANCE_SIGMAS robust standard deviations above
// it. A query that matches nothing returns nothing rather than the least bad photos.
// Libraries are sampled at SAMPLE_SIZE scores, so the cut costs the same at 1,000,000 photos.

export const RELEVANCE_SIGMAS = 3;
const SAMPLE_SIZE = 20_000;
/** MAD times this estimates the standard deviation of a normal distribution. */
const MAD_TO_SIGMA = 1.4826;

/** The lowest relevant score among `n` scores starting at `offset` of `scores`. */
export function relevanceCut(scores: Float32Array, offset = 0, n = scores.length - offset, sigmas = RELEVANCE_SIGMAS): number {
  if (n <= 0) return Number.POSITIVE_INFINITY;
  const step = Math.max(1, Math.floor(n / SAMPLE_SIZE));
  const sample = new Float32Array(Math.ceil(n / step));
  for (let i = 0, j = 0; i < n; i += step, j++) sample[j] = scores[offset + i] ?? 0;
  const median = medianInPlace(sample);
  return median + sigmas * MAD_TO_SIGMA * medianInPlace(sample.map((v) => Math.abs(v - median)));
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
