// Checks the size arithmetic of one decode with several outputs: the CLIP resize and crop
// (long side truncated, crop offsets rounded as Python does), thumbnail boxes for extreme aspect ratios, and
// the intermediate image that serves both.
import { describe, expect, it } from 'vitest';
import { CLIP_PREPROCESS } from '../../../main/clip/preprocess-config';
import { clipGeometry, intermediateSize, roundHalfEven, thumbnailSize } from '../../../main/imaging/photo-geometry';

describe('roundHalfEven', () => {
  it('rounds halves to the even neighbour like Python 3', () => {
    expect([0.5, 1.5, 2.5, 3.5, 53.5, 54.5].map(roundHalfEven)).toEqual([0, 2, 2, 4, 54, 54]);
    expect([0.49, 0.51, 7, 112.0].map(roundHalfEven)).toEqual([0, 1, 7, 112]);
  });
});

describe('clipGeometry', () => {
  it('resizes the shortest side and centres the crop', () => {
    expect(clipGeometry(1800, 1200, CLIP_PREPROCESS)).toEqual({
      resizeWidth: 336,
      resizeHeight: 224,
      cropLeft: 56,
      cropTop: 0,
      cropSize: 224,
    });
    expect(clipGeometry(1200, 1800, CLIP_PREPROCESS)).toMatchObject({ resizeWidth: 224, resizeHeight: 336, cropTop: 56 });
  });

  it('truncates the long side as torchvision and Hugging Face do (741x500 -> 331x224)', () => {
    // 224 * 741 / 500 = 331.97: rounding would give 332
    expect(clipGeometry(741, 500, CLIP_PREPROCESS)).toMatchObject({ resizeWidth: 331, resizeHeight: 224, cropLeft: 54 });
    expect(clipGeometry(500, 741, CLIP_PREPROCESS)).toMatchObject({ resizeWidth: 224, resizeHeight: 331, cropTop: 54 });
    expect(clipGeometry(384, 191, CLIP_PREPROCESS)).toMatchObject({ resizeWidth: 450, cropLeft: 113 });
  });

  it('uses half-to-even crop offsets', () => {
    // (225 - 224) / 2 = 0.5 -> 0 and (227 - 224) / 2 = 1.5 -> 2
    const cfg = { ...CLIP_PREPROCESS, resizeShortest: 100, cropSize: 100 };
    expect(clipGeometry(201, 100, cfg).cropLeft).toBe(roundHalfEven((201 - 100) / 2));
    expect(clipGeometry(225, 224, CLIP_PREPROCESS).cropLeft).toBe(0);
    expect(clipGeometry(227, 224, CLIP_PREPROCESS).cropLeft).toBe(2);
  });

  it('handles extreme aspect ratios and upscaling', () => {
    expect(clipGeometry(1, 13, CLIP_PREPROCESS)).toEqual({
      resizeWidth: 224,
      resizeHeight: 2912,
      cropLeft: 0,
      cropTop: 1344,
      cropSize: 224,
    });
    expect(clipGeometry(8, 8, CLIP_PREPROCESS)).toMatchObject({ resizeWidth: 224, resizeHeight: 224, cropLeft: 0 });
  });

  it('refuses a crop larger than the resize and empty images', () => {
    expect(() => clipGeometry(10, 10, { ...CLIP_PREPROCESS, cropSize: 300 })).toThrow(/crop/);
    expect(() => clipGeometry(0, 10, CLIP_PREPROCESS)).toThrow(/invalid image size/);
  });
});

describe('thumbnailSize', () => {
  it('fits inside the box in both dimensions and never enlarges', () => {
    expect(thumbnailSize(4000, 3000, 256)).toEqual({ width: 256, height: 192 });
    expect(thumbnailSize(3000, 4000, 256)).toEqual({ width: 192, height: 256 });
    expect(thumbnailSize(100, 50, 256)).toEqual({ width: 100, height: 50 });
  });

  it('keeps every side at least one pixel for extreme aspect ratios', () => {
    expect(thumbnailSize(13000, 20, 256)).toEqual({ width: 256, height: 1 });
    expect(thumbnailSize(20, 13000, 256)).toEqual({ width: 1, height: 256 });
    expect(thumbnailSize(5, 27397, 256)).toEqual({ width: 1, height: 256 });
  });
});

describe('intermediateSize', () => {
  it('keeps the shortest side at the requested minimum', () => {
    expect(intermediateSize(1800, 1200, 448)).toEqual({ width: 672, height: 448 });
  });

  it('grows for a thumbnail that needs more pixels than CLIP', () => {
    expect(intermediateSize(4000, 3000, 448, 1024)).toEqual({ width: 1024, height: 768 });
  });

  it('never exceeds the original', () => {
    expect(intermediateSize(300, 200, 448, 256)).toEqual({ width: 300, height: 200 });
    expect(intermediateSize(13000, 20, 448, 256)).toEqual({ width: 13000, height: 20 });
  });
});
