import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PhotoRecord } from '../../../main/library/catalog-schema';
import { photoFilter } from '../../../main/search/photo-filters';
import { rankRow } from '../../../main/search/rank';
import { relevanceCut } from '../../../main/search/relevance-cut';
import { groupPairs } from '../../../main/search/union-find';

function noisy(n: number, seed: number, mean: number, spread: number): number[] {
  let s = seed;
  return Array.from({ length: n }, () => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return mean + spread * (s / 2 ** 31 - 0.5);
  });
}

describe('relevance cut', () => {
  it('follows each query’s own distribution instead of one number', () => {
    const low = Float32Array.from([...noisy(1000, 1, 0.15, 0.04), 0.26, 0.27]);
    const high = Float32Array.from([...noisy(1000, 2, 0.25, 0.04), 0.36, 0.37]);
    const cutLow = relevanceCut(low);
    const cutHigh = relevanceCut(high);
    expect(cutLow).toBeLessThan(0.26);
    expect(cutHigh).toBeGreaterThan(0.27);
    expect(cutHigh).toBeLessThan(0.36);
    expect(rankRow(low, 0, low.length, { minScore: cutLow, limit: 10 }).map((r) => r.column)).toEqual([1001, 1000]);
  });

  it('keeps nothing when nothing stands out', () => {
    const flat = Float32Array.from(noisy(5000, 3, 0.2, 0.04));
    expect(rankRow(flat, 0, flat.length, { minScore: relevanceCut(flat), limit: 10 })).toEqual([]);
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
      return median + 3 * 1.4826 * medianBySort(sample.map((v) => Math.abs(v - median)));
    };
    const inputs = [
      ...[1, 2, 3, 4, 7, 10, 101].map((n, i) => Float32Array.from(noisy(n, 10 + i, 0.2, 0.1))),
      Float32Array.from(noisy(60, 20, 0, 1), (v) => Math.round(v * 4) / 4),
      Float32Array.from({ length: 50 }, () => 0.3),
      Float32Array.from({ length: 50 }, (_, i) => i / 50),
      Float32Array.from({ length: 50 }, (_, i) => 1 - i / 50),
      Float32Array.from(noisy(45_001, 21, 0.2, 0.1)),
    ];
    for (const scores of inputs) expect(relevanceCut(scores)).toBe(bySort(scores));
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

describe('photoFilter', () => {
  const photo = (over: Partial<PhotoRecord>): PhotoRecord => ({
    id: 'p', rootId: 'r', path: '/lib/a/x.jpg', size: 1, mtimeMs: 0, hash: null, width: null, height: null,
    takenAt: '2024-05-03T10:00:00', takenAtSource: 'exif', camera: { make: 'Canon', model: 'EOS R5', lens: null },
    gps: null, orientation: null, format: 'jpeg', status: 'indexed', reason: null, duplicateOf: null, addedAt: '', indexedAt: null, modelId: null,
    ...over,
  });

  it('combines every filter with AND', () => {
    const match = photoFilter(
      { text: null, camera: 'eos', folder: path.resolve('/lib/a'), takenFrom: '2024-05-01', takenTo: '2024-05-03', keywords: ['Beach'], categoryIds: ['c'] },
      { keywords: new Map([['p', ['beach']]]), categoryMembers: new Map([['c', new Set(['p'])]]) },
    );
    expect(match(photo({}))).toBe(true);
    expect(match(photo({ takenAt: '2024-05-04T00:00:00' }))).toBe(false);
    expect(match(photo({ path: '/lib/ab/x.jpg' }))).toBe(false);
    expect(match(photo({ camera: null }))).toBe(false);
    expect(match(photo({ id: 'q' }))).toBe(false);
  });
});
