// Tests the filter bar's facets: cameras named as people name them, every value offered with
// its count among what the other facets let through (so counts narrow as others are picked,
// and every year stays reachable), OR within a facet and AND across facets, membership
// facets from main's memberships, folders taking their subfolders in, and ratings; and the
// month grouping the grid shows.
import { describe, expect, it } from 'vitest';
import type { PhotoInfo } from '../../../main/shared/api-contract';
import { cameraName } from '../../../renderer/src/lib/camera-name';
import { clearFacet, facetValues, hasPicks, membersOf, NO_PICKS, picksPredicate, ratingCounts, togglePick, type Picks } from '../../../renderer/src/lib/facets';
import { groupByMonth } from '../../../renderer/src/lib/photo-groups';
import { photoInfo } from '../../fixtures/photo-info';

function photo(id: string, takenAt: string | null, make: string | null = null, model: string | null = null, more: Partial<PhotoInfo> = {}): PhotoInfo {
  return photoInfo(id, { width: 1, height: 1, takenAt, camera: make || model ? { make, model, lens: null } : null, addedAt: '2024-04-01T08:00:00.000Z', ...more });
}

const photos = [
  photo('a', '2024-03-02T10:00:00', 'Canon', 'Canon EOS R5', { rating: 5, path: '/lib/Pictures/2024/a.jpg' }),
  photo('b', '2024-03-20T10:00:00', 'NIKON CORPORATION', 'NIKON D70', { rating: 2, favourite: true, path: '/lib/Pictures/2024/trip/b.jpg' }),
  photo('c', '2023-12-24T10:00:00', 'Canon', 'Canon EOS R5', { format: 'png', path: '/lib/Pictures/c.png' }),
  photo('d', null, null, null, { path: '/lib/Pictures/d.jpg' }),
  photo('e', '2008-07-01T10:00:00', 'NIKON', 'COOLPIX P6000', { path: '/lib/Pictures/old/e.jpg' }),
];

const ids = (picks: Picks, members = membersOf({ keywords: [{ name: 'NASA', photoIds: ['a', 'e'] }], categories: [], albums: [{ id: 'al', photoIds: ['b', 'c'] }] })) =>
  photos.filter(picksPredicate(picks, members)).map((p) => p.id);

describe('facets', () => {
  it('name cameras as people do: the maker once, in its usual capitals', () => {
    expect(cameraName(photos[0] as PhotoInfo)).toBe('Canon EOS R5');
    expect(cameraName(photos[1] as PhotoInfo)).toBe('Nikon D70');
    expect(cameraName(photos[4] as PhotoInfo)).toBe('Nikon COOLPIX P6000');
    expect(cameraName({ camera: { make: 'OLYMPUS IMAGING CORP.', model: 'E-M5', lens: null } })).toBe('Olympus E-M5');
    expect(cameraName({ camera: { make: 'EASTMAN KODAK COMPANY', model: 'KODAK EASYSHARE C340', lens: null } })).toBe('Kodak EASYSHARE C340');
    expect(cameraName({ camera: { make: 'Apple', model: 'iPhone 12', lens: null } })).toBe('Apple iPhone 12');
    expect(cameraName(photos[3] as PhotoInfo)).toBeNull();
  });

  it('offer every year, newest first, with the months of a picked year, counted among what other picks allow', () => {
    expect(facetValues(photos, NO_PICKS, 'date', null)).toEqual([
      { value: '2024', count: 2 },
      { value: '2023', count: 1 },
      { value: '2008', count: 1 },
    ]);
    const year = togglePick(NO_PICKS, 'date', '2024');
    expect(facetValues(photos, year, 'date', null).map((v) => v.value)).toEqual(['2024-03', '2024', '2023', '2008']);
    // Picking a camera narrows the years offered, and the year narrows the cameras.
    const canon = togglePick(NO_PICKS, 'camera', 'Canon EOS R5');
    expect(facetValues(photos, canon, 'date', null)).toEqual([
      { value: '2024', count: 1 },
      { value: '2023', count: 1 },
    ]);
    expect(facetValues(photos, year, 'camera', null)).toEqual([
      { value: 'Canon EOS R5', count: 1 },
      { value: 'Nikon D70', count: 1 },
    ]);
    // A facet's own picks do not narrow its own counts: the other cameras stay to be added.
    expect(facetValues(photos, canon, 'camera', null).map((v) => v.value)).toEqual(['Canon EOS R5', 'Nikon COOLPIX P6000', 'Nikon D70']);
  });

  it('OR values within a facet and AND facets together', () => {
    expect(ids(NO_PICKS)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(ids(togglePick(togglePick(NO_PICKS, 'date', '2024'), 'date', '2008'))).toEqual(['a', 'b', 'e']);
    expect(ids(togglePick(togglePick(NO_PICKS, 'date', '2024'), 'camera', 'Nikon D70'))).toEqual(['b']);
    expect(ids(togglePick(NO_PICKS, 'date', '2024-03'))).toEqual(['a', 'b']);
    expect(ids(togglePick(NO_PICKS, 'format', 'png'))).toEqual(['c']);
  });

  it('use main’s memberships for keywords and albums, and let nothing through before they come', () => {
    const nasa = togglePick(NO_PICKS, 'keyword', 'NASA');
    expect(ids(nasa)).toEqual(['a', 'e']);
    expect(ids(togglePick(nasa, 'album', 'al'))).toEqual([]);
    expect(ids(togglePick(NO_PICKS, 'album', 'al'))).toEqual(['b', 'c']);
    expect(photos.filter(picksPredicate(nasa, null))).toEqual([]);
    const members = membersOf({ keywords: [{ name: 'NASA', photoIds: ['a', 'e'] }], categories: [], albums: [] });
    expect(facetValues(photos, togglePick(NO_PICKS, 'date', '2008'), 'keyword', members)).toEqual([{ value: 'NASA', count: 1 }]);
  });

  it('count folders with their subfolders, down from the library folder, and pick them that way', () => {
    const folders = facetValues(photos, NO_PICKS, 'folder', null, ['/lib/Pictures']);
    expect(folders).toEqual([
      { value: '/lib/Pictures', count: 5 },
      { value: '/lib/Pictures/2024', count: 2 },
      { value: '/lib/Pictures/2024/trip', count: 1 },
      { value: '/lib/Pictures/old', count: 1 },
    ]);
    expect(ids(togglePick(NO_PICKS, 'folder', '/lib/Pictures/2024'))).toEqual(['a', 'b']);
  });

  it('filter by the fewest stars and favourites, with counts for each choice', () => {
    expect(ids({ ...NO_PICKS, minRating: 2 })).toEqual(['a', 'b']);
    expect(ids({ ...NO_PICKS, minRating: 3 })).toEqual(['a']);
    expect(ids({ ...NO_PICKS, favourites: true })).toEqual(['b']);
    expect(ratingCounts(photos, NO_PICKS, null)).toEqual({ stars: [5, 2, 2, 1, 1, 1], favourites: 1 });
    expect(ratingCounts(photos, togglePick(NO_PICKS, 'camera', 'Canon EOS R5'), null).stars).toEqual([2, 1, 1, 1, 1, 1]);
  });

  it('toggle and clear picks', () => {
    const on = togglePick(NO_PICKS, 'camera', 'Nikon D70');
    expect(hasPicks(on)).toBe(true);
    expect(togglePick(on, 'camera', 'Nikon D70')).toEqual(NO_PICKS);
    expect(clearFacet({ ...NO_PICKS, minRating: 3, favourites: true }, 'rating')).toEqual(NO_PICKS);
  });
});

describe('grouping', () => {
  it('orders newest first into month sections, undated last', () => {
    const { photos: ordered, sections } = groupByMonth(photos.slice(0, 4));
    expect(ordered.map((p) => p.id)).toEqual(['b', 'a', 'c', 'd']);
    expect(sections).toEqual([
      { key: '2024-03', label: 'March 2024', start: 0, count: 2 },
      { key: '2023-12', label: 'December 2023', start: 2, count: 1 },
      { key: 'undated', label: 'Undated', start: 3, count: 1 },
    ]);
  });
});
