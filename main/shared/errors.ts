// Runs in: any process. One error type with a machine-readable code, so the CLI, IPC
// results and the worker boundary can all report failures as {code, message}.

export type ErrorCode =
  | 'INVALID_ARGUMENT'
  | 'NOT_FOUND'
  | 'MODEL_MISSING'
  | 'MODEL_INVALID'
  | 'DOWNLOAD_FAILED'
  | 'CHECKSUM_MISMATCH'
  | 'DECODE_FAILED'
  | 'UNSUPPORTED_FORMAT'
  | 'TIMEOUT'
  | 'WORKER_CRASHED'
  | 'PROVIDER_UNAVAILABLE'
  | 'CANCELLED'
  | 'DATA_CORRUPT'
  | 'MODEL_MISMATCH'
  | 'FORBIDDEN'
  | 'CONFLICT'
  | 'BUSY'
  /** Needs the desktop app (show in the file manager, open with another app); a browser cannot. */
  | 'DESKTOP_ONLY'
  | 'INTERNAL';

export class ClipfolioError extends Error {
  override readonly name = 'ClipfolioError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
