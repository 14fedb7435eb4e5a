// Runs in: the inference worker. The calibrated margins of a re-tag (the "tag calibration"
// note in tagging/calibration.ts) as one generated graph, so 100,000 photos x 20 categories
// never cross to the main thread as raw cosines and no per-photo LSE runs in JS:
//   z = T (queries x library^T) - SHIFT        [categories + alternatives, rows]
//   sum = mask x exp(z_alternatives) + FLOOR    [categories, rows]
//   margins = (z_categories - ln sum) / T      = s_cat - LSE_T(that category's alternatives)
// The Gemm puts the queries on the left so every result is category-major: a category's
// margins are one contiguous run of the output, with no Transpose (a pass over the whole
// output, timed at ~10 ms for 100k x 20 on 2 cores) and no copy in JS.
//
// Float32 range: cosines of unit vectors lie in [-1, 1], so T s - SHIFT <= 100 - 20 = 80, and
// a sum stays below float32's 3.4e38 with up to e^8.7 (6,000) alternatives all at cosine 1.
// A constant shift instead of a per-photo max saves a ReduceMax and two broadcast passes and
// costs no precision (float32 keeps the same relative error at any scale); what it gives up
// is range below: a category's sum underflows only when every one of its alternatives, the
// four background prompts included, has cosine under (SHIFT - 87) / T = -0.67 with the photo,
// far outside what CLIP's image-text cosines reach (about -0.1 to 0.5). FLOOR keeps even that
// case finite (a margin of at most s_cat + 0.67) instead of +Infinity, and moves a sum of
// e^-70 or more by under 1e-7 relative.
import { LOGIT_SCALE } from '../tagging/calibration';
import { DataType, encodeModel, floatTensor, type Graph } from './onnx-writer';

export const MARGINS_INPUTS = { library: 'library', queries: 'queries', split: 'split', mask: 'mask' } as const;
export const MARGINS_OUTPUT = 'margins';

const SHIFT = 20;
/** The smallest normal float32. */
const FLOOR = 2 ** -126;

/**
 * Inputs: library [rows, dim]; queries [categories + alternatives, dim], unit rows, categories
 * first; split int64 [2] = [categories, alternatives]; mask [categories, alternatives], 1
 * where the alternative counts for the category. Output: margins [categories, rows].
 */
export function marginsGraph(): Uint8Array {
  const graph: Graph = {
    name: 'clipfolio-margins',
    nodes: [
      {
        opType: 'Gemm',
        inputs: [MARGINS_INPUTS.queries, MARGINS_INPUTS.library, 'shift'],
        outputs: ['z'],
        attributes: [
          { name: 'transB', kind: 'int', value: 1 },
          { name: 'alpha', kind: 'float', value: LOGIT_SCALE },
        ],
      },
      { opType: 'Split', inputs: ['z', MARGINS_INPUTS.split], outputs: ['zCategories', 'zAlternatives'], attributes: [{ name: 'axis', kind: 'int', value: 0 }] },
      { opType: 'Exp', inputs: ['zAlternatives'], outputs: ['expAlternatives'] },
      { opType: 'Gemm', inputs: [MARGINS_INPUTS.mask, 'expAlternatives', 'floor'], outputs: ['sum'] },
      { opType: 'Log', inputs: ['sum'], outputs: ['lse'] },
      { opType: 'Sub', inputs: ['zCategories', 'lse'], outputs: ['scaledMargins'] },
      { opType: 'Mul', inputs: ['scaledMargins', 'inverseScale'], outputs: [MARGINS_OUTPUT] },
    ],
    initializers: [
      floatTensor('shift', [1], Float32Array.of(-SHIFT)),
      floatTensor('floor', [1], Float32Array.of(FLOOR)),
      floatTensor('inverseScale', [1], Float32Array.of(1 / LOGIT_SCALE)),
    ],
    inputs: [
      { name: MARGINS_INPUTS.library, elemType: DataType.FLOAT, shape: ['rows', 'dim'] },
      { name: MARGINS_INPUTS.queries, elemType: DataType.FLOAT, shape: ['count', 'dim'] },
      { name: MARGINS_INPUTS.split, elemType: DataType.INT64, shape: [2] },
      { name: MARGINS_INPUTS.mask, elemType: DataType.FLOAT, shape: ['categories', 'alternatives'] },
    ],
    outputs: [{ name: MARGINS_OUTPUT, elemType: DataType.FLOAT, shape: ['categories', 'rows'] }],
  };
  return encodeModel(graph, 'clipfolio');
}
