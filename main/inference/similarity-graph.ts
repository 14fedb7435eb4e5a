// Runs in: the inference worker. The one graph behind every similarity product (re-tagging,
// search, "more like this", near-duplicates): scores = left x right^T as a single Gemm,
// generated at runtime so no model file ships for it. Both operands are row-major [*, dim]
// vectors as stored (Gemm with transB), so the library matrix is never transposed or copied.
// Which side the library goes on is similarity.ts's choice.
import { DataType, encodeModel, type Graph } from './onnx-writer';

export const SIMILARITY_INPUTS = { left: 'left', right: 'right' } as const;
export const SIMILARITY_OUTPUT = 'scores';

export function similarityGraph(): Uint8Array {
  const graph: Graph = {
    name: 'clipfolio-similarity',
    nodes: [
      {
        opType: 'Gemm',
        inputs: [SIMILARITY_INPUTS.left, SIMILARITY_INPUTS.right],
        outputs: [SIMILARITY_OUTPUT],
        attributes: [{ name: 'transB', kind: 'int', value: 1 }],
      },
    ],
    initializers: [],
    inputs: [
      { name: SIMILARITY_INPUTS.left, elemType: DataType.FLOAT, shape: ['leftRows', 'dim'] },
      { name: SIMILARITY_INPUTS.right, elemType: DataType.FLOAT, shape: ['rightRows', 'dim'] },
    ],
    outputs: [{ name: SIMILARITY_OUTPUT, elemType: DataType.FLOAT, shape: ['leftRows', 'rightRows'] }],
  };
  return encodeModel(graph, 'clipfolio');
}
