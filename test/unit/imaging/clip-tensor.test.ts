// Checks the pixel arithmetic of the model input and the PIL-exact resize + crop that
// produces those pixels, on small hand-made images whose answers are known.
import { describe, expect, it } from 'vitest';
import { CLIP_PREPROCESS } from '../../../main/clip/preprocess-config';
import { rgbToClipTensor } from '../../../main/imaging/clip-tensor';
import { resizeCropRgb } from '../../../main/imaging/pil-resample';

function solid(width: number, height: number, rgb: [number, number, number]): Uint8Array {
  const out = new Uint8Array(width * height * 3);
  for (let i = 0; i < width * height; i++) out.set(rgb, i * 3);
  return out;
}

describe('rgbToClipTensor', () => {
  it('normalises each channel into its own plane (NCHW)', () => {
    const pixels = new Uint8Array([255, 0, 128, 0, 255, 64, 10, 20, 30, 40, 50, 60]);
    const tensor = rgbToClipTensor(pixels, 2, CLIP_PREPROCESS);
    const { mean, std } = CLIP_PREPROCESS;
    expect(tensor).toHaveLength(12);
    expect(tensor[0]).toBeCloseTo((1 - mean[0]) / std[0], 5); // R of pixel 0
    expect(tensor[4 + 1]).toBeCloseTo((1 - mean[1]) / std[1], 5); // G of pixel 1
    expect(tensor[8 + 3]).toBeCloseTo((60 / 255 - mean[2]) / std[2], 5); // B of pixel 3
  });

  it('rejects a buffer of the wrong size', () => {
    expect(() => rgbToClipTensor(new Uint8Array(5), 2, CLIP_PREPROCESS)).toThrow(/RGB bytes/);
  });
});

describe('resizeCropRgb', () => {
  it('is the identity when nothing is resized or cropped', () => {
    const src = Uint8Array.from({ length: 4 * 4 * 3 }, (_, i) => (i * 37) % 256);
    const geometry = { resizeWidth: 4, resizeHeight: 4, cropLeft: 0, cropTop: 0, cropSize: 4 };
    expect(resizeCropRgb(src, 4, 4, geometry, 'bicubic')).toEqual(src);
  });

  it('keeps a flat colour flat when shrinking and enlarging', () => {
    for (const [w, h, size] of [[300, 200, 100], [7, 5, 20]] as const) {
      const geometry = { resizeWidth: Math.round((size * w) / h), resizeHeight: size, cropLeft: 3, cropTop: 0, cropSize: size };
      for (const filter of ['bicubic', 'bilinear'] as const) {
        const out = resizeCropRgb(solid(w, h, [200, 30, 90]), w, h, geometry, filter);
        expect(out).toEqual(solid(size, size, [200, 30, 90]));
      }
    }
  });

  it('takes the crop from the requested place', () => {
    // Left half black, right half white: a crop in the right half is all white.
    const w = 40, h = 10;
    const src = new Uint8Array(w * h * 3);
    for (let y = 0; y < h; y++) src.fill(255, (y * w + w / 2) * 3, (y + 1) * w * 3);
    const geometry = { resizeWidth: 40, resizeHeight: 10, cropLeft: 28, cropTop: 0, cropSize: 10 };
    expect(resizeCropRgb(src, w, h, geometry, 'bicubic').every((v) => v === 255)).toBe(true);
  });

  it('rejects a crop outside the resized image', () => {
    const geometry = { resizeWidth: 10, resizeHeight: 10, cropLeft: 5, cropTop: 0, cropSize: 10 };
    expect(() => resizeCropRgb(solid(10, 10, [0, 0, 0]), 10, 10, geometry, 'bicubic')).toThrow(/crop window/);
  });
});
