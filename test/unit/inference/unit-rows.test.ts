// Runs in: vitest. Every embedding leaves the worker unit length, in its own buffer.
import { describe, expect, it } from 'vitest';
import { unitRows } from '../../../main/inference/unit-rows';

describe('unitRows', () => {
  it('splits rows into separate unit-length vectors', () => {
    const rows = unitRows(Float32Array.from([3, 4, 0, 0, 0, 2]), 2, 3);
    expect(Array.from(rows[0]!)).toEqual([0.6, 0.800000011920929, 0].map(Math.fround));
    expect(Array.from(rows[1]!)).toEqual([0, 0, 1]);
    expect(rows[0]!.buffer).not.toBe(rows[1]!.buffer);
    expect(rows[0]!.byteLength).toBe(rows[0]!.buffer.byteLength);
  });
  it('leaves a zero vector zero instead of NaN', () => {
    expect(Array.from(unitRows(new Float32Array(2), 1, 2)[0]!)).toEqual([0, 0]);
  });
  it('refuses data of the wrong size', () => {
    expect(() => unitRows(new Float32Array(5), 2, 3)).toThrow(RangeError);
  });
});
