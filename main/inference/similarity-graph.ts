// Runs in: the inference worker. The one graph behind every similarity product (re-tagging,
// search, "more like this", near-duplicates): scores = queries x library^T as a single Gemm,
// generated at runtime so no model file ships for it. Gemm with transB reads the library
// matrix in its stored row-major [rows, dim] layout, so it is never transposed or copied.
import { DataType, encodeModel, type Graph } from './onnx-writer';

export const SIMILARITY_INPUTS = { queries: 'queries', library: 'library' } as const;
export const SIMILARITY_OUTPUT = 'scores';

export function similarityGraph(): Uint8Array {
  const graph: Graph = {
    name: 'clipfolio-similarity',
    nodes: [
      {
        opType: 'Gemm',
        inputs: [SIMILARITY_INPUTS.queries, SIMILARITY_INPUTS.library],
        outputs: [SIMILARITY_OUTPUT],
        attributes: [{ name: 'transB', kind: 'int', value: 1 }],
      },
    ],
    initializers: [],
    inputs: [
      { name: SIMILARITY_INPUTS.queries, elemType: DataType.FLOAT, shape: ['queries', 'dim'] },
      { name: SIMILARITY_INPUTS.library, elemType: DataType.FLOAT, shape: ['rows', 'dim'] },
    ],
    outputs: [{ name: SIMILARITY_OUTPUT, elemType: DataType.FLOAT, shape: ['queries', 'rows'] }],
  };
  return encodeModel(graph, 'clipfolio');
}
