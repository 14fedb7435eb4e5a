// Runs in: the inference worker. Reads what a CLIP tower graph expects from its own metadata
// (names, element types, fixed or dynamic axes) instead of trusting the folder layout, so
// Transformers.js exports (dynamic batch and sequence, int64 ids) and Immich exports (batch 1,
// 77 int32 ids) run through the same code.
import { ClipfolioError } from '../shared/errors';
import type { Tower } from './messages';

/** The shape of onnxruntime's InferenceSession.ValueMetadata, without importing it here. */
export type GraphValue =
  | { name: string; isTensor: false }
  | { name: string; isTensor: true; type: string; shape: readonly (number | string)[] };

export type TokenIdType = 'int64' | 'int32';

export interface TowerIo {
  input: { name: string; type: string; shape: (number | string)[] };
  output: string;
  /** A positive number when the graph only accepts that batch size; null when dynamic. */
  fixedBatch: number | null;
  /** Text towers: the fixed sequence length, or null when dynamic. Vision towers: null. */
  fixedSequence: number | null;
  /** Text towers only. */
  idType: TokenIdType | null;
}

const INPUT_NAMES: Record<Tower, readonly string[]> = {
  vision: ['pixel_values', 'image'],
  text: ['input_ids', 'text'],
};
const OUTPUT_NAMES: Record<Tower, readonly string[]> = {
  vision: ['image_embeds', 'embedding'],
  text: ['text_embeds', 'embedding'],
};

export function readTowerIo(
  tower: Tower,
  file: string,
  inputs: readonly GraphValue[],
  outputs: readonly GraphValue[],
): TowerIo {
  const input = pick(inputs, INPUT_NAMES[tower], file, 'input');
  const output = pick(outputs, OUTPUT_NAMES[tower], file, 'output');
  const batchDim = input.shape[0];
  const fixedBatch = fixedSize(batchDim);

  if (tower === 'vision') {
    if (input.type !== 'float32' || input.shape.length !== 4) {
      throw invalid(file, `vision input '${input.name}' is ${describe(input)}, expected float32 [batch,3,H,W]`);
    }
    return { input: copy(input), output: output.name, fixedBatch, fixedSequence: null, idType: null };
  }
  if ((input.type !== 'int64' && input.type !== 'int32') || input.shape.length !== 2) {
    throw invalid(file, `text input '${input.name}' is ${describe(input)}, expected int64 or int32 [batch,sequence]`);
  }
  return {
    input: copy(input),
    output: output.name,
    fixedBatch,
    fixedSequence: fixedSize(input.shape[1]),
    idType: input.type,
  };
}

function pick(
  values: readonly GraphValue[],
  names: readonly string[],
  file: string,
  role: 'input' | 'output',
): Extract<GraphValue, { isTensor: true }> {
  for (const name of names) {
    const value = values.find((v) => v.name === name);
    if (value?.isTensor) return value;
  }
  const found = values.map((v) => v.name).join(', ') || 'none';
  throw invalid(file, `no ${role} named ${names.join(' or ')} (the graph has: ${found})`);
}

/** ONNX writes dynamic axes as a symbol (string) or -1; only a positive number is fixed. */
function fixedSize(dim: number | string | undefined): number | null {
  return typeof dim === 'number' && dim > 0 ? dim : null;
}

function copy(value: { name: string; type: string; shape: readonly (number | string)[] }): TowerIo['input'] {
  return { name: value.name, type: value.type, shape: [...value.shape] };
}

function describe(value: { type: string; shape: readonly (number | string)[] }): string {
  return `${value.type} [${value.shape.join(',')}]`;
}

function invalid(file: string, detail: string): ClipfolioError {
  return new ClipfolioError('MODEL_INVALID', `${file}: ${detail}`);
}
