// Runs in: the inference worker. Turns the cropped 8-bit RGB pixels into the model input:
// x*rescale, (x-mean)/std, planar NCHW float32. Kept apart from decoding so the arithmetic
// is checked on its own and reused for any pixel source.

import type { PreprocessConfig } from '../clip/preprocess-config';
import { ClipfolioError } from '../shared/errors';

/** `pixels` is interleaved RGB (3 bytes a pixel), `size` x `size`, row-major. */
export function rgbToClipTensor(pixels: Uint8Array, size: number, cfg: PreprocessConfig): Float32Array {
  const plane = size * size;
  if (pixels.length !== plane * 3) {
    throw new ClipfolioError('INTERNAL', `expected ${plane * 3} RGB bytes, got ${pixels.length}`);
  }
  const tensor = new Float32Array(plane * 3);
  for (let c = 0; c < 3; c++) {
    // Folding rescale, mean and std into one multiply-add per value.
    const scale = cfg.rescale / cfg.std[c]!;
    const offset = -cfg.mean[c]! / cfg.std[c]!;
    const base = c * plane;
    for (let i = 0; i < plane; i++) tensor[base + i] = pixels[i * 3 + c]! * scale + offset;
  }
  return tensor;
}
