// Runs in: the inference worker. The calibrated margins of a re-tag (the "tag calibration"
// note in tagging/calibration.ts) as one generated graph, so 100,000 photos x 20 categories
// never cross to the main thread as raw cosines and no per-photo LSE runs in JS:
//   z = T (library x queries^T) - SHIFT         [rows, categories + alternatives]
//   sum = exp(z_alternatives) x mask^T + FLOOR   [rows, categories]
//   margins = (z_categories - ln sum) / T       = s_cat - LSE_T(that category's alternatives)
// then transposed, so a category's margins are one contiguous run of the output that JS uses
// without a copy. The library is Gemm's left operand, as similarity.ts has it for many
// queries: against the queries on the left and everything category-major with no Transpose,
// this took less CPU time per run (medians over 40 interleaved runs of 100k x 28 on 2
// threads, load ~8: 63 vs 70 ms; the bare product 54 ms).
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
import { DataType, encodeModel, floatTensor, type ExternalTensor, type Graph } from './onnx-writer';

export const MARGINS_INPUTS = { library: 'library', queries: 'queries', split: 'split', mask: 'mask' } as const;
export const MARGINS_OUTPUT = 'margins';

const SHIFT = 20;
/** The smallest normal float32. */
const FLOOR = 2 ** -126;

/**
 * Inputs: library [rows, dim]; queries [categories + alternatives, dim], unit rows, categories
 * first; split int64 [2] = [categories, alternatives]; mask [categories, alternatives], 1
 * where the alternative counts for the category. Output: margins [categories, rows].
 * With `library` (a mapped vector file, mapped-matrix.ts), the library is that initializer
 * and not an input.
 */
export function marginsGraph(library?: ExternalTensor): Uint8Array {
  const graph: Graph = {
    name: 'clipfolio-margins',
    nodes: [
      {
        opType: 'Gemm',
        inputs: [library?.name ?? MARGINS_INPUTS.library, MARGINS_INPUTS.queries, 'shift'],
        outputs: ['z'],
        attributes: [
          { name: 'transB', kind: 'int', value: 1 },
          { name: 'alpha', kind: 'float', value: LOGIT_SCALE },
        ],
      },
      { opType: 'Split', inputs: ['z', MARGINS_INPUTS.split], outputs: ['zCategories', 'zAlternatives'], attributes: [{ name: 'axis', kind: 'int', value: 1 }] },
      { opType: 'Exp', inputs: ['zAlternatives'], outputs: ['expAlternatives'] },
      { opType: 'Gemm', inputs: ['expAlternatives', MARGINS_INPUTS.mask, 'floor'], outputs: ['sum'], attributes: [{ name: 'transB', kind: 'int', value: 1 }] },
      { opType: 'Log', inputs: ['sum'], outputs: ['lse'] },
      { opType: 'Sub', inputs: ['zCategories', 'lse'], outputs: ['scaledMargins'] },
      { opType: 'Mul', inputs: ['scaledMargins', 'inverseScale'], outputs: ['photoMajor'] },
      { opType: 'Transpose', inputs: ['photoMajor'], outputs: [MARGINS_OUTPUT], attributes: [{ name: 'perm', kind: 'ints', value: [1, 0] }] },
    ],
    initializers: [
      floatTensor('shift', [1], Float32Array.of(-SHIFT)),
      floatTensor('floor', [1], Float32Array.of(FLOOR)),
      floatTensor('inverseScale', [1], Float32Array.of(1 / LOGIT_SCALE)),
      ...(library ? [library] : []),
    ],
    inputs: [
      ...(library ? [] : [{ name: MARGINS_INPUTS.library, elemType: DataType.FLOAT, shape: ['rows', 'dim'] }]),
      { name: MARGINS_INPUTS.queries, elemType: DataType.FLOAT, shape: ['count', 'dim'] },
      { name: MARGINS_INPUTS.split, elemType: DataType.INT64, shape: [2] },
      { name: MARGINS_INPUTS.mask, elemType: DataType.FLOAT, shape: ['categories', 'alternatives'] },
    ],
    outputs: [{ name: MARGINS_OUTPUT, elemType: DataType.FLOAT, shape: ['categories', 'rows'] }],
  };
  return encodeModel(graph, 'clipfolio');
}
