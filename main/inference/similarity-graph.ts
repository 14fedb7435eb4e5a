// Runs in: the inference worker. The one graph behind every similarity product (re-tagging,
// search, "more like this", near-duplicates): scores = left x right^T as a single Gemm,
// generated at runtime so no model file ships for it. Both operands are row-major [*, dim]
// vectors as stored (Gemm with transB), so the library matrix is never transposed or copied.
// Which side the library goes on is similarity.ts's choice; a mapped vector file
// (mapped-matrix.ts) is the left operand as an initializer instead.
import { DataType, encodeModel, type ExternalTensor, type Graph } from './onnx-writer';

export const SIMILARITY_INPUTS = { left: 'left', right: 'right' } as const;
export const SIMILARITY_OUTPUT = 'scores';

/** With `left`, the left operand is that initializer, and `right` alone is fed. */
export function similarityGraph(left?: ExternalTensor): Uint8Array {
  const graph: Graph = {
    name: 'clipfolio-similarity',
    nodes: [
      {
        opType: 'Gemm',
        inputs: [left?.name ?? SIMILARITY_INPUTS.left, SIMILARITY_INPUTS.right],
        outputs: [SIMILARITY_OUTPUT],
        attributes: [{ name: 'transB', kind: 'int', value: 1 }],
      },
    ],
    initializers: left ? [left] : [],
    inputs: [
      ...(left ? [] : [{ name: SIMILARITY_INPUTS.left, elemType: DataType.FLOAT, shape: ['leftRows', 'dim'] }]),
      { name: SIMILARITY_INPUTS.right, elemType: DataType.FLOAT, shape: ['rightRows', 'dim'] },
    ],
    outputs: [{ name: SIMILARITY_OUTPUT, elemType: DataType.FLOAT, shape: ['leftRows', 'rightRows'] }],
  };
  return encodeModel(graph, 'clipfolio');
}
