// Tests the tag panel's rows: applied categories first (by score), undecided ones next,
// rejected ones last, keywords apart.
import { describe, expect, it } from 'vitest';
import type { CategoryInfo, PhotoTagInfo } from '../../../main/shared/api-contract';
import { parseKeywords, tagConfidence, tagRows } from '../../../renderer/src/lib/photo-tags';

const category = (id: string, name: string): CategoryInfo => ({
  id,
  name,
  prompts: [],
  negativePrompts: [],
  threshold: null,
  colour: '#123456',
  parentId: null,
  calibration: null,
  learned: false,
});

describe('tagRows', () => {
  const categories = [category('a', 'beach'), category('b', 'snow'), category('c', 'city'), category('d', 'food')];

  it('orders applied, then undecided, then rejected, and keeps keywords apart', () => {
    const tags: PhotoTagInfo[] = [
      { name: 'city', categoryId: 'c', score: -0.01, source: 'rejected' },
      { name: 'snow', categoryId: 'b', score: 0.02, source: 'auto' },
      { name: 'beach', categoryId: 'a', score: -0.03, source: 'accepted' },
      { name: 'holiday', categoryId: null, score: null, source: 'keyword' },
    ];
    const { rows, keywords } = tagRows(categories, tags);
    expect(rows.map((r) => [r.category.name, r.source, r.score])).toEqual([
      ['snow', 'auto', 0.02],
      ['beach', 'accepted', -0.03],
      ['food', null, null],
      ['city', 'rejected', -0.01],
    ]);
    expect(keywords).toEqual(['holiday']);
  });

  it('lists every category as undecided when the photo has no tags', () => {
    expect(tagRows(categories, []).rows.map((r) => r.source)).toEqual([null, null, null, null]);
  });
});

describe('tagConfidence', () => {
  it('is one half at the default cut, and near-certain or near-nil a few hundredths away', () => {
    expect(tagConfidence(0)).toBe(0.5);
    expect(tagConfidence(0.05)).toBeGreaterThan(0.99);
    expect(tagConfidence(-0.05)).toBeLessThan(0.01);
    expect(tagConfidence(0.01)).toBeCloseTo(0.731, 3);
    expect(tagConfidence(null)).toBeNull();
  });
});

describe('parseKeywords', () => {
  it('splits the field at commas, trimmed, without empty ones', () => {
    expect(parseKeywords(' beach, Sunset ,,  ')).toEqual(['beach', 'Sunset']);
    expect(parseKeywords('  ')).toEqual([]);
  });
});
