// Checks how libvips' free-text failures become error codes, using the messages sharp
// 0.35 / libvips 8.18 really produce for files in the shared corpus.
import { describe, expect, it } from 'vitest';
import { toDecodeError } from '../../../main/imaging/sharp-errors';
import { ClipfolioError } from '../../../main/shared/errors';

describe('toDecodeError', () => {
  it.each([
    ['Input image exceeds pixel limit', 'DECODE_FAILED', 'JPEG image exceeds the pixel limit'],
    ['timeout: 43% complete', 'TIMEOUT', 'decoding the JPEG image took too long'],
    [
      'tiff2vips: Old-style JPEG compression support is not configured\ntiff2vips: TIFF directory is missing',
      'UNSUPPORTED_FORMAT',
      'this kind of JPEG image is not supported: tiff2vips: Old-style JPEG compression support is not configured',
    ],
    [
      'Input buffer has corrupt header: VipsJpeg: premature end of JPEG image',
      'DECODE_FAILED',
      'could not decode JPEG: Input buffer has corrupt header: VipsJpeg: premature end of JPEG image',
    ],
    ['Input buffer has corrupt header:\n', 'DECODE_FAILED', 'could not decode JPEG: Input buffer has corrupt header'],
  ])('%j -> %s', (message, code, expected) => {
    expect(toDecodeError(new Error(message), 'JPEG')).toMatchObject({ code, message: expected });
  });

  it('shortens long reasons and passes ClipfolioErrors through', () => {
    expect(toDecodeError(new Error('x'.repeat(500)), 'PNG').message.length).toBeLessThan(200);
    const own = new ClipfolioError('TIMEOUT', 'already classified');
    expect(toDecodeError(own, 'PNG')).toBe(own);
  });
});
