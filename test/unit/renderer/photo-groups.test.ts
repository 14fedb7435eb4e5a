// Tests the near-duplicate view's sections: one per group, in the order main sent them,
// groups left with a single photo dropped.
import { describe, expect, it } from 'vitest';
import type { PhotoInfo } from '../../../main/shared/api-contract';
import { asGroups } from '../../../renderer/src/lib/photo-groups';

const photo = (id: string): PhotoInfo => ({
  id,
  rootId: 'r',
  path: `/p/${id}.jpg`,
  size: 1,
  width: null,
  height: null,
  takenAt: null,
  camera: null,
  format: 'jpeg',
  status: 'indexed',
  reason: null,
  duplicateOf: null,
});

describe('asGroups', () => {
  it('lays groups out one section each and skips single photos', () => {
    const { photos, sections } = asGroups([[photo('a'), photo('b'), photo('c')], [photo('d')], [photo('e'), photo('f')]]);
    expect(photos.map((p) => p.id)).toEqual(['a', 'b', 'c', 'e', 'f']);
    expect(sections).toEqual([
      { key: 'group-1', label: 'Group 1: 3 look alike', start: 0, count: 3 },
      { key: 'group-2', label: 'Group 2: 2 look alike', start: 3, count: 2 },
    ]);
  });

  it('is empty without groups', () => {
    expect(asGroups([])).toEqual({ photos: [], sections: [] });
  });
});
