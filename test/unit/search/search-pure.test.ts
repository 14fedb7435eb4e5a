import { describe, expect, it } from 'vitest';
import { hasFilters, inEvery, photoConditions } from '../../../main/search/photo-filters';
import { rankRow } from '../../../main/search/rank';
import { relevanceCut, scoreBulk } from '../../../main/search/relevance-cut';
import { groupPairs } from '../../../main/search/union-find';

function noisy(n: number, seed: number, mean: number, spread: number): number[] {
  let s = seed;
  return Array.from({ length: n }, () => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return mean + spread * (s / 2 ** 31 - 0.5);
  });
}

describe('relevance cut', () => {
  /** Columns the cut keeps, best first. */
  const kept = (scores: Float32Array) => rankRow(scores, 0, scores.length, { minScore: relevanceCut(scores), limit: 1000 }).map((r) => r.column);
  const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => from + i);

  it('follows each query’s own distribution instead of one number', () => {
    const low = Float32Array.from([...noisy(1000, 1, 0.15, 0.04), 0.26, 0.27]);
    const high = Float32Array.from([...noisy(1000, 2, 0.25, 0.04), 0.36, 0.37]);
    const cutLow = relevanceCut(low);
    const cutHigh = relevanceCut(high);
    expect(cutLow).toBeLessThan(0.26);
    expect(cutHigh).toBeGreaterThan(0.27);
    expect(cutHigh).toBeLessThan(0.36);
    expect(kept(low)).toEqual([1001, 1000]);
  });

  it('keeps clear matches by the strict cut: everything 3 sigma above the bulk', () => {
    const scores = Float32Array.from([...noisy(2000, 4, 0.2, 0.04), ...noisy(12, 5, 0.3, 0.02)]);
    const { median, sigma } = scoreBulk(scores, 0, scores.length);
    expect(relevanceCut(scores)).toBe(median + 3 * sigma);
    expect(kept(scores).sort((a, b) => a - b)).toEqual(range(2000, 12));
  });

  it('keeps weak but real matches that the strict cut alone lost, down to where they end', () => {
    // Bulk 0.18..0.22 (sigma ~0.015): the 2-sigma cut is ~0.23 and the 3-sigma one ~0.244.
    const weak = noisy(8, 6, 0.24, 0.005);
    const scores = Float32Array.from([...noisy(1000, 7, 0.2, 0.04), ...weak]);
    const { median, sigma } = scoreBulk(scores, 0, scores.length);
    expect(Math.max(...weak)).toBeLessThan(median + 3 * sigma);
    expect(kept(scores).sort((a, b) => a - b)).toEqual(range(1000, 8));
    // One outstanding photo does not hide the weak group under it.
    const withStar = Float32Array.from([...scores, 0.3]);
    expect(kept(withStar).sort((a, b) => a - b)).toEqual(range(1000, 9));
  });

  it('keeps nothing when nothing stands out, and only a short list when the bulk’s own tail reaches past the softer cut', () => {
    const flat = Float32Array.from(noisy(5000, 3, 0.2, 0.04));
    expect(kept(flat)).toEqual([]);
    // A bell-shaped bulk (each score a sum of four uniforms) has a thin tail: some 80 of its own
    // 5000 scores pass 2 sigma, none 3; the knee keeps only the few best of them.
    const uniform = noisy(20_000, 99, 0.05, 0.04);
    const bell = Float32Array.from({ length: 5000 }, (_, i) => uniform.slice(4 * i, 4 * i + 4).reduce((a, b) => a + b));
    const { median, sigma } = scoreBulk(bell, 0, bell.length);
    expect(bell.filter((v) => v >= median + 2 * sigma).length).toBeGreaterThan(50);
    expect(kept(bell).length).toBeGreaterThan(0);
    expect(kept(bell).length).toBeLessThanOrEqual(5);
  });

  it('keeps nothing when every score is the same, and only what is above a tie of more than half', () => {
    expect(kept(Float32Array.from({ length: 100 }, () => 0.25))).toEqual([]);
    expect(kept(Float32Array.from([...Array.from({ length: 60 }, () => 0.2), 0.21, 0.22, 0.5]))).toEqual([62, 61, 60]);
    expect(relevanceCut(new Float32Array(0))).toBe(Number.POSITIVE_INFINITY);
    expect(kept(Float32Array.from([0.3]))).toEqual([]);
  });

  it('gives exactly the median and MAD a full sort gives, for odd, even, tied and sampled inputs', () => {
    const medianBySort = (values: Float32Array) => {
      const sorted = Float32Array.from(values).sort();
      const mid = sorted.length >> 1;
      return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
    };
    const bySort = (scores: Float32Array) => {
      const step = Math.max(1, Math.floor(scores.length / 20_000));
      const sample = scores.filter((_, i) => i % step === 0);
      const median = medianBySort(sample);
      return { median, sigma: 1.4826 * medianBySort(sample.map((v) => Math.abs(v - median))) };
    };
    const inputs = [
      ...[1, 2, 3, 4, 7, 10, 101].map((n, i) => Float32Array.from(noisy(n, 10 + i, 0.2, 0.1))),
      Float32Array.from(noisy(60, 20, 0, 1), (v) => Math.round(v * 4) / 4),
      Float32Array.from({ length: 50 }, () => 0.3),
      Float32Array.from({ length: 50 }, (_, i) => i / 50),
      Float32Array.from({ length: 50 }, (_, i) => 1 - i / 50),
      Float32Array.from(noisy(45_001, 21, 0.2, 0.1)),
    ];
    for (const scores of inputs) {
      const { median, sigma } = scoreBulk(scores, 0, scores.length);
      expect({ median, sigma }).toEqual(bySort(scores));
    }
  });
});

describe('rankRow', () => {
  it('ranks one row of a query-major matrix, filtering only candidates', () => {
    const scores = Float32Array.from([9, 9, 9, 0.1, 0.9, 0.5, 0.7]);
    const checked: number[] = [];
    const ranked = rankRow(scores, 3, 4, { minScore: 0.4, limit: 2, accept: (c) => (checked.push(c), c !== 1) });
    expect(ranked).toEqual([{ column: 3, score: expect.closeTo(0.7) as number }, { column: 2, score: expect.closeTo(0.5) as number }]);
    expect(checked).not.toContain(0);
  });
});

describe('groupPairs', () => {
  it('joins chains into components and drops singletons', () => {
    expect(groupPairs(7, [0, 1, 4], [1, 2, 5])).toEqual([[0, 1, 2], [4, 5]]);
  });
});

describe('filters', () => {
  it('split a query into the catalog columns it asks of and member sets that must all hold', () => {
    const query = { text: null, camera: 'eos', folder: '/lib/a', takenFrom: '2024-05-01', takenTo: '2024-05-03', keywords: ['Beach'] };
    expect(photoConditions(query)).toEqual({ camera: 'eos', folder: '/lib/a', takenFrom: '2024-05-01', takenTo: '2024-05-03' });
    expect(photoConditions({ text: 'x', keywords: ['a'] })).toBeNull();
    expect(hasFilters({ text: 'x', keywords: ['a'] })).toBe(true);
    expect(hasFilters({ text: 'x' })).toBe(false);
    const match = inEvery([new Set(['p', 'q']), new Set(['p'])]);
    expect(['p', 'q', 'r'].filter(match)).toEqual(['p']);
    expect(inEvery([])('anything')).toBe(true);
  });
});
