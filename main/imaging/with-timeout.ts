// Runs in: the inference worker. A per-file time limit for decoding, so one pathological
// photo cannot stall a whole indexing run.

import { ClipfolioError } from '../shared/errors';

/**
 * Rejects with TIMEOUT once `ms` have passed. The work itself is not cancelled: libvips
 * keeps running on its own threads until it finishes and its result is then dropped, and a
 * synchronous step (the wasm HEIC decoder) delays the timer until it returns.
 */
export function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ClipfolioError('TIMEOUT', `${what} took longer than ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
