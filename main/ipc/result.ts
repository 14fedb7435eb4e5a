// Runs in: main process and the bridge (plain Node). Turns whatever a handler did into the
// contract's result envelope. Only ClipfolioError messages reach the UI verbatim; anything
// else is a bug, logged in full here and reported as INTERNAL without its internals.
import type { Result } from '../shared/api-contract';
import { ClipfolioError } from '../shared/errors';

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function failure(err: unknown, log: (message: string, err: unknown) => void): Result<never> {
  if (err instanceof ClipfolioError) return { ok: false, error: { code: err.code, message: err.message } };
  log('unexpected error in an API handler', err);
  return { ok: false, error: { code: 'INTERNAL', message: 'Something went wrong; the details are in the log file.' } };
}
