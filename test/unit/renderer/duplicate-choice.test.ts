// Tests which near-duplicate is kept: the largest by pixels then file size, or the sharpest
// with the largest breaking ties and standing in where sharpness is unknown; and that
// "keep the best, trash the rest" trashes every other photo of every group.
import { describe, expect, it } from 'vitest';
import { bestOf, othersOf } from '../../../renderer/src/lib/duplicate-choice';
import { photoInfo } from '../../fixtures/photo-info';

const small = photoInfo('small', { width: 800, height: 600, size: 90_000 });
const bigLight = photoInfo('bigLight', { width: 4000, height: 3000, size: 2_000_000 });
const bigHeavy = photoInfo('bigHeavy', { width: 4000, height: 3000, size: 3_500_000 });

describe('keeping the best of near-duplicates', () => {
  it('keeps the most pixels, then the bigger file', () => {
    expect(bestOf([small, bigLight, bigHeavy], 'largest')).toBe('bigHeavy');
    expect(bestOf([small, bigLight], 'largest')).toBe('bigLight');
    expect(bestOf([], 'largest')).toBeUndefined();
  });

  it('keeps the sharpest, the largest where sharpness ties or is unknown', () => {
    const sharpness = new Map<string, number | null>([['small', 900], ['bigLight', 120], ['bigHeavy', 120]]);
    expect(bestOf([small, bigLight, bigHeavy], 'sharpest', sharpness)).toBe('small');
    expect(bestOf([bigLight, bigHeavy], 'sharpest', sharpness)).toBe('bigHeavy');
    expect(bestOf([small, bigLight], 'sharpest', new Map([['small', null]]))).toBe('bigLight');
  });

  it('trashes every photo but the kept one of each group', () => {
    const groups = [[small, bigLight], [bigHeavy, photoInfo('other')]];
    expect(othersOf(groups, (group) => bestOf(group, 'largest')).map((p) => p.id)).toEqual(['small', 'other']);
  });
});
