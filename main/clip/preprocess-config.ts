// Runs in: main and the inference worker. How a model wants its pixels, read from the
// model folder's own config (see model-folder.ts), never hard-coded at the call site.

export interface PreprocessConfig {
  /** Shortest side is resized to this many pixels. */
  resizeShortest: number;
  /** Centre crop, square, this many pixels. */
  cropSize: number;
  /** Channel order is always RGB. */
  mean: readonly [number, number, number];
  std: readonly [number, number, number];
  /** Multiplier applied before mean/std, 1/255 for every CLIP export seen. */
  rescale: number;
  interpolation: 'bicubic' | 'bilinear';
}

/** The values of openai/CLIP; the default when a folder says nothing. */
export const CLIP_PREPROCESS: PreprocessConfig = {
  resizeShortest: 224,
  cropSize: 224,
  mean: [0.48145466, 0.4578275, 0.40821073],
  std: [0.26862954, 0.26130258, 0.27577711],
  rescale: 1 / 255,
  interpolation: 'bicubic',
};
