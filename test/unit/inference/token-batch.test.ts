// Runs in: vitest. Padding rules for text batches: to the longest prompt when the graph allows
// it, to the graph's fixed length otherwise, always with the tokenizer's pad id.
import { describe, expect, it } from 'vitest';
import { packTokenIds, paddedLength } from '../../../main/inference/token-batch';

describe('paddedLength', () => {
  it('is the longest row for a dynamic sequence axis', () => {
    expect(paddedLength([[1, 2], [1, 2, 3, 4], [1]], null)).toBe(4);
  });
  it('is the fixed length when the graph has one', () => {
    expect(paddedLength([[1, 2]], 77)).toBe(77);
  });
  it('refuses rows longer than a fixed length', () => {
    expect(() => paddedLength([[1, 2, 3]], 2)).toThrow(/takes 2 tokens/);
  });
});

describe('packTokenIds', () => {
  it('packs row-major int64 ids padded with the pad id', () => {
    expect(packTokenIds([[5, 6, 7], [8]], 3, 0, 'int64')).toEqual(BigInt64Array.from([5n, 6n, 7n, 8n, 0n, 0n]));
  });
  it('packs int32 ids for graphs that take them', () => {
    expect(packTokenIds([[49406, 49407]], 4, 49407, 'int32')).toEqual(Int32Array.from([49406, 49407, 49407, 49407]));
  });
});
