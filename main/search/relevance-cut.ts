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
  sample.sort();
  const median = medianOfSorted(sample);
  const deviations = sample.map((v) => Math.abs(v - median)).sort();
  return median + sigmas * MAD_TO_SIGMA * medianOfSorted(deviations);
}

function medianOfSorted(sorted: Float32Array): number {
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}
