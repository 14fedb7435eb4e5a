// Tests that failures reach the user in plain words, with main's own text kept as the detail:
// the reasons below are what the decoder, the sniffer and the indexer really produce.
import { describe, expect, it } from 'vitest';
import { failureWords } from '../../../renderer/src/lib/failure-words';

describe('failure words', () => {
  it('say what happened in plain words and keep the decoder’s text as the detail', () => {
    expect(failureWords('could not decode TIFF: tiff2vips: Read error at scanline 4294967295')).toEqual({
      plain: 'The file is damaged or cut short, so the picture cannot be read.',
      detail: 'could not decode TIFF: tiff2vips: Read error at scanline 4294967295',
    });
    expect(failureWords('JPEG image exceeds the pixel limit').plain).toBe('The picture is too large to open safely.');
    expect(failureWords('BMP is not a supported photo format').plain).toBe('Clipfolio cannot read this kind of file yet.');
    expect(failureWords('this kind of TIFF image is not supported: Old-style JPEG compression').plain).toBe('Clipfolio cannot read this kind of file yet.');
    expect(failureWords('the file is not an image (its contents match no image format)').plain).toBe('This file is not a picture, whatever its name says.');
    expect(failureWords('decoding this file stopped the inference worker: worker exited').plain).toMatch(/crashed/);
    expect(failureWords("EACCES: permission denied, scandir '/photos/private' [EACCES]").plain).toBe('Clipfolio is not allowed to read this file or folder.');
    expect(failureWords('decoding the HEIC image took too long').plain).toMatch(/took too long/);
  });

  it('fall back to a plain sentence for anything else, and have no detail without a reason', () => {
    expect(failureWords('something new')).toEqual({ plain: 'Clipfolio could not read this file.', detail: 'something new' });
    expect(failureWords(null)).toEqual({ plain: 'Clipfolio could not read this file.', detail: null });
  });
});
