// Runs in: the inference worker. The CLIP reference resizes with PIL, and libvips' resize
// lands up to a pixel away from PIL on some scale factors (0.1 mean absolute difference on
// the golden PNGs), so the last resize + centre crop is done here exactly as PIL's
// Resample.c does it: separable convolution, horizontal pass first, 8-bit intermediate,
// 22-bit fixed-point weights. Only the output pixels inside the crop are computed.

import { ClipfolioError } from '../shared/errors';

export type ResampleFilter = 'bicubic' | 'bilinear';

export interface ResizeCrop {
  resizeWidth: number;
  resizeHeight: number;
  cropLeft: number;
  cropTop: number;
  cropSize: number;
}

const PRECISION_BITS = 32 - 8 - 2;
const CHANNELS = 3;

const FILTERS: Record<ResampleFilter, { support: number; weight: (x: number) => number }> = {
  bicubic: {
    support: 2,
    weight: (x) => {
      const a = -0.5; // PIL's bicubic, not Catmull-Rom's -0.75 or Mitchell
      const t = Math.abs(x);
      if (t < 1) return ((a + 2) * t - (a + 3)) * t * t + 1;
      if (t < 2) return (((t - 5) * t + 8) * t - 4) * a;
      return 0;
    },
  },
  bilinear: {
    support: 1,
    weight: (x) => Math.max(0, 1 - Math.abs(x)),
  },
};

interface Taps {
  /** First input index each output index reads. */
  first: Int32Array;
  count: Int32Array;
  /** Fixed-point weights, `stride` per output index. */
  weights: Int32Array;
  stride: number;
}

/** PIL's precompute_coeffs + normalize_coeffs_8bpc for outputs [from, from + n). */
function computeTaps(inSize: number, outSize: number, from: number, n: number, filter: ResampleFilter): Taps {
  const { support: baseSupport, weight } = FILTERS[filter];
  const scale = inSize / outSize;
  const filterScale = Math.max(scale, 1);
  const support = baseSupport * filterScale;
  const stride = Math.ceil(support) * 2 + 1;
  const first = new Int32Array(n);
  const count = new Int32Array(n);
  const weights = new Int32Array(n * stride);
  const k = new Float64Array(stride);
  for (let i = 0; i < n; i++) {
    const center = (from + i + 0.5) * scale;
    const xmin = Math.max(Math.trunc(center - support + 0.5), 0);
    const xcount = Math.min(Math.trunc(center + support + 0.5), inSize) - xmin;
    let total = 0;
    for (let x = 0; x < xcount; x++) {
      const w = weight((x + xmin - center + 0.5) / filterScale);
      k[x] = w;
      total += w;
    }
    for (let x = 0; x < xcount; x++) {
      const w = total === 0 ? 0 : k[x]! / total;
      weights[i * stride + x] = Math.trunc(w < 0 ? -0.5 + w * (1 << PRECISION_BITS) : 0.5 + w * (1 << PRECISION_BITS));
    }
    first[i] = xmin;
    count[i] = xcount;
  }
  return { first, count, weights, stride };
}

function clip8(acc: number): number {
  const v = acc >> PRECISION_BITS;
  return v < 0 ? 0 : v > 255 ? 255 : v;
}

/**
 * Resizes interleaved RGB `src` (srcWidth x srcHeight) to resizeWidth x resizeHeight and
 * returns only the cropSize x cropSize window at (cropLeft, cropTop), as interleaved RGB.
 */
export function resizeCropRgb(
  src: Uint8Array,
  srcWidth: number,
  srcHeight: number,
  geometry: ResizeCrop,
  filter: ResampleFilter,
): Uint8Array {
  const { resizeWidth, resizeHeight, cropLeft, cropTop, cropSize } = geometry;
  if (src.length !== srcWidth * srcHeight * CHANNELS) {
    throw new ClipfolioError('INTERNAL', `expected ${srcWidth * srcHeight * CHANNELS} RGB bytes, got ${src.length}`);
  }
  if (cropLeft < 0 || cropTop < 0 || cropLeft + cropSize > resizeWidth || cropTop + cropSize > resizeHeight) {
    throw new ClipfolioError('INTERNAL', 'crop window outside the resized image');
  }
  const h = computeTaps(srcWidth, resizeWidth, cropLeft, cropSize, filter);
  const v = computeTaps(srcHeight, resizeHeight, cropTop, cropSize, filter);

  // Horizontal pass over just the input rows the vertical pass will read.
  const rowFirst = v.first[0]!;
  const rowLast = v.first[cropSize - 1]! + v.count[cropSize - 1]!;
  const rows = rowLast - rowFirst;
  const mid = new Uint8Array(rows * cropSize * CHANNELS);
  const half = 1 << (PRECISION_BITS - 1);
  for (let y = 0; y < rows; y++) {
    const srcRow = (rowFirst + y) * srcWidth * CHANNELS;
    const midRow = y * cropSize * CHANNELS;
    for (let x = 0; x < cropSize; x++) {
      const start = h.first[x]!;
      const n = h.count[x]!;
      const wBase = x * h.stride;
      let r = half, g = half, b = half;
      for (let t = 0; t < n; t++) {
        const w = h.weights[wBase + t]!;
        const p = srcRow + (start + t) * CHANNELS;
        r += src[p]! * w;
        g += src[p + 1]! * w;
        b += src[p + 2]! * w;
      }
      const o = midRow + x * CHANNELS;
      mid[o] = clip8(r);
      mid[o + 1] = clip8(g);
      mid[o + 2] = clip8(b);
    }
  }

  const out = new Uint8Array(cropSize * cropSize * CHANNELS);
  const rowBytes = cropSize * CHANNELS;
  for (let y = 0; y < cropSize; y++) {
    const start = v.first[y]! - rowFirst;
    const n = v.count[y]!;
    const wBase = y * v.stride;
    for (let i = 0; i < rowBytes; i++) {
      let acc = half;
      for (let t = 0; t < n; t++) acc += mid[(start + t) * rowBytes + i]! * v.weights[wBase + t]!;
      out[y * rowBytes + i] = clip8(acc);
    }
  }
  return out;
}
