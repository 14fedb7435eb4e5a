// Tests the editor's client-side split of a draft's scores at a threshold: matching and
// borderline photos, with the user's decisions winning over the cut.
import { describe, expect, it } from 'vitest';
import type { CategoryPreviewHit } from '../../../main/shared/api-contract';
import { splitPreview } from '../../../renderer/src/lib/category-preview';

const hit = (photoId: string, score: number, decision: CategoryPreviewHit['decision'] = null): CategoryPreviewHit => ({ photoId, score, decision });
const ids = (hits: CategoryPreviewHit[]) => hits.map((h) => h.photoId);

describe('splitPreview', () => {
  const hits = [hit('a', 0.2), hit('b', 0.05), hit('c', 0.01), hit('d', -0.01, 'accepted'), hit('e', -0.015), hit('f', 0.1, 'rejected'), hit('g', -0.3)];

  it('matches at or above the cut, decisions winning, in score order', () => {
    expect(ids(splitPreview(hits, 0).matching)).toEqual(['a', 'b', 'c', 'd']);
    expect(ids(splitPreview(hits, 0.05).matching)).toEqual(['a', 'b', 'd']);
    expect(ids(splitPreview(hits, -1).matching)).toEqual(['a', 'b', 'c', 'd', 'e', 'g']);
  });

  it('finds undecided photos within the band on both sides of the cut, closest first', () => {
    expect(ids(splitPreview(hits, 0, 0.02).borderline)).toEqual(['c', 'e']);
    expect(ids(splitPreview(hits, 0.04, 0.035).borderline)).toEqual(['b', 'c']);
    expect(splitPreview(hits, 0.5, 0.02).borderline).toEqual([]);
  });
});
