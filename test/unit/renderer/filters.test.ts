// Tests the filter chips: which chips a set of photos offers, OR within a kind and AND
// across kinds, toggling; and the month grouping the grid shows.
import { describe, expect, it } from 'vitest';
import type { PhotoInfo } from '../../../main/shared/api-contract';
import { availableChips, cameraName, chipPredicate, toggleChip } from '../../../renderer/src/lib/filters';
import { groupByMonth } from '../../../renderer/src/lib/photo-groups';
import { photoInfo } from '../../fixtures/photo-info';

function photo(id: string, takenAt: string | null, make: string | null = null, model: string | null = null, format = 'jpeg'): PhotoInfo {
  return photoInfo(id, { width: 1, height: 1, takenAt, camera: make || model ? { make, model, lens: null } : null, format, addedAt: '2024-04-01T08:00:00.000Z' });
}

const photos = [
  photo('a', '2024-03-02T10:00:00', 'Canon', 'Canon EOS R5'),
  photo('b', '2024-03-20T10:00:00', 'NIKON', 'Z 6'),
  photo('c', '2023-12-24T10:00:00', 'Canon', 'Canon EOS R5', 'png'),
  photo('d', null),
];

describe('filter chips', () => {
  it('names cameras without repeating the make', () => {
    expect(cameraName(photos[0] as PhotoInfo)).toBe('Canon EOS R5');
    expect(cameraName(photos[1] as PhotoInfo)).toBe('NIKON Z 6');
    expect(cameraName(photos[3] as PhotoInfo)).toBeNull();
  });

  it('offers kinds with at least two values, years newest first, others by count', () => {
    expect(availableChips(photos)).toEqual([
      { kind: 'year', value: '2024', count: 2 },
      { kind: 'year', value: '2023', count: 1 },
      { kind: 'camera', value: 'Canon EOS R5', count: 2 },
      { kind: 'camera', value: 'NIKON Z 6', count: 1 },
      { kind: 'format', value: 'jpeg', count: 3 },
      { kind: 'format', value: 'png', count: 1 },
    ]);
    expect(availableChips([photos[0] as PhotoInfo])).toEqual([]);
  });

  it('ORs chips of one kind and ANDs kinds', () => {
    const keep = (chips: Parameters<typeof chipPredicate>[0]) => photos.filter(chipPredicate(chips)).map((p) => p.id);
    expect(keep([])).toEqual(['a', 'b', 'c', 'd']);
    expect(keep([{ kind: 'year', value: '2024' }])).toEqual(['a', 'b']);
    expect(keep([{ kind: 'year', value: '2024' }, { kind: 'year', value: '2023' }])).toEqual(['a', 'b', 'c']);
    expect(keep([{ kind: 'year', value: '2024' }, { kind: 'camera', value: 'Canon EOS R5' }])).toEqual(['a']);
  });

  it('toggles a chip on and off', () => {
    const on = toggleChip([], { kind: 'year', value: '2024' });
    expect(on).toEqual([{ kind: 'year', value: '2024' }]);
    expect(toggleChip(on, { kind: 'year', value: '2024' })).toEqual([]);
  });
});

describe('grouping', () => {
  it('orders newest first into month sections, undated last', () => {
    const { photos: ordered, sections } = groupByMonth(photos);
    expect(ordered.map((p) => p.id)).toEqual(['b', 'a', 'c', 'd']);
    expect(sections).toEqual([
      { key: '2024-03', label: 'March 2024', start: 0, count: 2 },
      { key: '2023-12', label: 'December 2023', start: 2, count: 1 },
      { key: 'undated', label: 'Undated', start: 3, count: 1 },
    ]);
  });
});
