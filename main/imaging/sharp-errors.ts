// Runs in: the inference worker. libvips reports failures as free text; this turns them
// into the codes callers act on: UNSUPPORTED_FORMAT (a valid file this build cannot read,
// worth a clear note to the user), DECODE_FAILED (the file is broken or too big) and
// TIMEOUT (libvips gave up at its own time limit).

import { ClipfolioError, errorMessage } from '../shared/errors';

/** Messages of valid files in encodings the prebuilt libvips leaves out. */
const UNSUPPORTED_PATTERNS = [
  /not been built in/i,
  /Old-style JPEG compression/i,
  /compression method is not configured/i,
  /Unsupported JPEG data precision/i,
  /bad labq format/i,
  /unsupported image format/i,
];

const MAX_REASON_LENGTH = 160;

function shortReason(message: string): string {
  const firstLine = message.split('\n').find((line) => line.trim() !== '') ?? 'unknown error';
  const trimmed = firstLine.trim().replace(/:$/, '');
  return trimmed.length > MAX_REASON_LENGTH ? `${trimmed.slice(0, MAX_REASON_LENGTH)}…` : trimmed;
}

export function toDecodeError(err: unknown, formatLabel: string): ClipfolioError {
  if (err instanceof ClipfolioError) return err;
  const message = errorMessage(err);
  if (/^timeout: \d+% complete/m.test(message)) {
    return new ClipfolioError('TIMEOUT', `decoding the ${formatLabel} image took too long`, { cause: err });
  }
  if (/exceeds pixel limit/i.test(message)) {
    return new ClipfolioError('DECODE_FAILED', `${formatLabel} image exceeds the pixel limit`, { cause: err });
  }
  if (UNSUPPORTED_PATTERNS.some((pattern) => pattern.test(message))) {
    return new ClipfolioError(
      'UNSUPPORTED_FORMAT',
      `this kind of ${formatLabel} image is not supported: ${shortReason(message)}`,
      { cause: err },
    );
  }
  return new ClipfolioError('DECODE_FAILED', `could not decode ${formatLabel}: ${shortReason(message)}`, {
    cause: err,
  });
}
