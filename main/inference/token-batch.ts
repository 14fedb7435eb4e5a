// Runs in: the inference worker. Packs tokenised prompts into the id tensor a text tower takes:
// padded only to the longest prompt where the sequence axis is dynamic (padding every query to
// 77 costs tens of milliseconds on the real model), to the graph's length where it is fixed.
import { ClipfolioError } from '../shared/errors';
import type { TokenIdType } from './graph-io';

export function paddedLength(rows: readonly (readonly number[])[], fixedSequence: number | null): number {
  const longest = Math.max(0, ...rows.map((ids) => ids.length));
  if (fixedSequence === null) return longest;
  if (longest > fixedSequence) {
    throw new ClipfolioError(
      'MODEL_INVALID',
      `the text encoder takes ${fixedSequence} tokens but the tokenizer produced ${longest}; ` +
        'the model folder has a tokenizer that does not match its text encoder',
    );
  }
  return fixedSequence;
}

/** Row-major [rows.length, length] ids, each row padded with padId after its end token. */
export function packTokenIds(
  rows: readonly (readonly number[])[],
  length: number,
  padId: number,
  type: TokenIdType,
): BigInt64Array | Int32Array {
  const packed = new Int32Array(rows.length * length).fill(padId);
  rows.forEach((ids, r) => packed.set(ids, r * length));
  return type === 'int32' ? packed : BigInt64Array.from(packed, (id) => BigInt(id));
}
