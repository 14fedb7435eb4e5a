// Tests the near-duplicate view's sections (one per group, in the order main sent them,
// groups left with a single photo dropped), Recent imports (newest addition first, a section
// per import batch, 30 days back from the latest) and filtering that keeps sections.
import { describe, expect, it } from 'vitest';
import type { PhotoInfo } from '../../../main/shared/api-contract';
import { asGroups, BATCH_GAP_MS, filterSections, recentCount, recentImports, RECENT_DAYS } from '../../../renderer/src/lib/photo-groups';

const photo = (id: string, addedAt = '2024-01-01T00:00:00.000Z'): PhotoInfo => ({
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
  addedAt,
});

const at = (ms: number) => new Date(Date.UTC(2026, 10, 29, 12) + ms).toISOString();
const ids = (photos: readonly PhotoInfo[]) => photos.map((p) => p.id);

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

describe('recentImports', () => {
  const minute = 60_000;
  const day = 24 * 60 * minute;
  // Two imports today an hour and a half apart, one a week ago, one past the 30 days.
  const library = [
    photo('old', at(-(RECENT_DAYS + 1) * day)),
    photo('week-b', at(-7 * day)),
    photo('week-a', at(-7 * day)),
    photo('morning-1', at(-90 * minute)),
    photo('morning-2', at(-89 * minute)),
    photo('noon-1', at(0)),
    photo('noon-2', at(minute)),
  ];

  it('lists the last 30 days newest addition first, a section per import batch', () => {
    const { photos, sections } = recentImports(library);
    expect(ids(photos)).toEqual(['noon-2', 'noon-1', 'morning-2', 'morning-1', 'week-a', 'week-b']);
    expect(sections.map((s) => [s.start, s.count])).toEqual([[0, 2], [2, 2], [4, 2]]);
    expect(sections[0]?.label).toMatch(/^Added \d{1,2} November 2026, \d{2}:\d{2}$/);
    expect(new Set(sections.map((s) => s.key)).size).toBe(3);
    expect(recentCount(library)).toBe(6);
  });

  it('counts the 30 days back from the latest addition, not from today', () => {
    const longAgo = [photo('a', '2019-05-01T10:00:00.000Z'), photo('b', '2019-03-31T10:00:00.000Z')];
    expect(ids(recentImports(longAgo).photos)).toEqual(['a']);
  });

  it('keeps a batch whole however long it ran, and splits at a pause longer than the gap', () => {
    const steady = Array.from({ length: 5 }, (_, i) => photo(`p${i}`, at(i * (BATCH_GAP_MS - 1))));
    expect(recentImports(steady).sections).toHaveLength(1);
    const paused = [photo('x', at(0)), photo('y', at(BATCH_GAP_MS + 1))];
    expect(recentImports(paused).sections).toHaveLength(2);
  });

  it('is empty for an empty library', () => {
    expect(recentImports([])).toEqual({ photos: [], sections: [] });
    expect(recentCount([])).toBe(0);
  });
});

describe('filterSections', () => {
  it('keeps the photos a filter accepts in their sections and drops sections left empty', () => {
    const ordered = asGroups([[photo('a'), photo('b'), photo('c')], [photo('d'), photo('e')], [photo('f'), photo('g')]]);
    const { photos, sections } = filterSections(ordered, (p) => p.id !== 'b' && p.id !== 'd' && p.id !== 'e');
    expect(ids(photos)).toEqual(['a', 'c', 'f', 'g']);
    expect(sections.map((s) => [s.key, s.start, s.count])).toEqual([['group-1', 0, 2], ['group-3', 2, 2]]);
  });
});
