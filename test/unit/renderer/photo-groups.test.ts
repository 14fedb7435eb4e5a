// Tests the month order (newest first, ties by path, undated last) and that a refresh merged
// into the previous order equals a full sort, Recent imports (newest addition first, a
// section per import batch, 30 days back from the latest) and filtering that keeps sections.
import { describe, expect, it } from 'vitest';
import type { PhotoInfo } from '../../../main/shared/api-contract';
import { BATCH_GAP_MS, filterSections, groupByMonth, recentCount, recentImports, RECENT_DAYS, type OrderedPhotos } from '../../../renderer/src/lib/photo-groups';
import { photoInfo } from '../../fixtures/photo-info';
import { seededRandom as random } from '../../fixtures/seeded-random';

const photo = (id: string, addedAt = '2024-01-01T00:00:00.000Z', takenAt: string | null = null): PhotoInfo => photoInfo(id, { addedAt, takenAt });

const at = (ms: number) => new Date(Date.UTC(2026, 10, 29, 12) + ms).toISOString();
const ids = (photos: readonly PhotoInfo[]) => photos.map((p) => p.id);

describe('groupByMonth', () => {
  const taken = (id: string, takenAt: string | null) => photo(id, undefined, takenAt);

  it('orders by the wall-clock digits as written, newest first, whatever the zone', () => {
    const photos = [
      taken('utc', '2024-03-15T14:05:09.500Z'),
      taken('offset', '2024-03-15T14:05:10+09:00'),
      taken('plain', '2024-03-15T14:05:09'),
      taken('april', '2024-04-01T00:00:00'),
      taken('undated', null),
      taken('older', '2023-12-31T23:59:59.999Z'),
    ];
    const { photos: ordered, sections } = groupByMonth(photos);
    expect(ids(ordered)).toEqual(['april', 'offset', 'utc', 'plain', 'older', 'undated']);
    expect(sections.map((s) => [s.key, s.label, s.start, s.count])).toEqual([
      ['2024-04', 'April 2024', 0, 1],
      ['2024-03', 'March 2024', 1, 3],
      ['2023-12', 'December 2023', 4, 1],
      ['undated', 'Undated', 5, 1],
    ]);
  });

  it('breaks ties by path in code-unit order, not by locale', () => {
    const at = '2024-03-15T14:05:09';
    // localeCompare would put 'a' before 'B'; code units put capitals first.
    expect(ids(groupByMonth([taken('a', at), taken('B', at), taken('C', null), taken('b', null)]).photos)).toEqual(['B', 'a', 'C', 'b']);
  });

  it('is empty without photos', () => {
    expect(groupByMonth([])).toEqual({ photos: [], sections: [] });
  });
});


describe('a refresh merged into the previous order', () => {
  const two = (n: number) => String(n).padStart(2, '0');
  const library = (rnd: () => number, count: number, from = 0): PhotoInfo[] =>
    Array.from({ length: count }, (_, k) => {
      const i = from + k;
      const r = rnd();
      const day = `20${two(18 + Math.floor(rnd() * 3))}-${two(1 + Math.floor(rnd() * 12))}-${two(1 + Math.floor(rnd() * 28))}`;
      // Few distinct times, so ties by path are common; undated ones and zone suffixes too.
      const time = `${day}T${two(Math.floor(rnd() * 3))}:00:${two(Math.floor(rnd() * 2))}`;
      const takenAt = r < 0.1 ? null : r < 0.3 ? `${time}.${String(Math.floor(rnd() * 3)).padStart(3, '0')}Z` : r < 0.4 ? `${time}+02:00` : time;
      const addedAt = new Date(Date.UTC(2026, 10, 1) + Math.floor(rnd() * 40) * 60 * 60 * 1000).toISOString();
      return { ...photo(`p${i}`, addedAt, takenAt), path: `/lib/${Math.floor(rnd() * 5)}/IMG_${i}.jpg` };
    });
  const plain = (ordered: OrderedPhotos) => ({ photos: ids(ordered.photos), sections: ordered.sections });

  it('equals a full sort when the tail is appended, replaced or cut, and when the list is another', () => {
    for (let seed = 1; seed <= 40; seed += 1) {
      const rnd = random(seed);
      const size = 50 + Math.floor(rnd() * 300);
      const before = library(rnd, size);
      const kept = Math.floor(size * (0.6 + rnd() * 0.4));
      // The tail again from `kept`: some photos as new records (indexed since), some dropped, some new.
      const tail = before.slice(kept).filter(() => rnd() < 0.8).map((p) => (rnd() < 0.5 ? { ...p } : p));
      const after = [...before.slice(0, kept), ...tail, ...library(rnd, Math.floor(rnd() * 60), size)];
      const other = library(rnd, 80, 10_000);
      for (const [group, next] of [
        [groupByMonth, after],
        [recentImports, after],
        [groupByMonth, other],
      ] as const) {
        expect(plain(group(next, group(before))), `seed ${seed}`).toEqual(plain(group(next)));
      }
      // An order of the other kind is no base to merge into.
      expect(plain(groupByMonth(after, recentImports(before)))).toEqual(plain(groupByMonth(after)));
    }
  });

  it('sorts afresh when a record is listed twice, which has one place in the old order', () => {
    const list = library(random(3), 30);
    const twice = [...list, list[29]!];
    expect(plain(groupByMonth(twice, groupByMonth(twice)))).toEqual(plain(groupByMonth(twice)));
  });

  it('equals a full sort refresh after refresh, as while a library indexes', () => {
    const rnd = random(7);
    let list = library(rnd, 400);
    let month = groupByMonth(list);
    let recent = recentImports(list);
    for (let round = 0; round < 20; round += 1) {
      list = [...list, ...library(rnd, 25, 400 + round * 25)];
      month = groupByMonth(list, month);
      recent = recentImports(list, recent);
      expect(plain(month)).toEqual(plain(groupByMonth(list)));
      expect(plain(recent)).toEqual(plain(recentImports(list)));
    }
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
    const month = (id: string, m: number) => photo(id, undefined, `2024-0${m}-01T10:00:00`);
    const ordered = groupByMonth([month('a', 3), month('b', 3), month('c', 3), month('d', 2), month('e', 2), month('f', 1), month('g', 1)]);
    const { photos, sections } = filterSections(ordered, (p) => p.id !== 'b' && p.id !== 'd' && p.id !== 'e');
    expect(ids(photos)).toEqual(['a', 'c', 'f', 'g']);
    expect(sections.map((s) => [s.key, s.start, s.count])).toEqual([['2024-03', 0, 2], ['2024-01', 2, 2]]);
  });
});
