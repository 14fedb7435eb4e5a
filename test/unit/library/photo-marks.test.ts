// Unit tests for the user's marks on photos (library/photo-marks.ts) in a real catalog: stars,
// favourites and quarter turns as one undoable edit per call, the filter columns that find
// them, and the photo change log a window reads instead of listing every photo again.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Catalog } from '../../../main/library/catalog';
import { ratePhotos, rotatePhotos, setFavourite, turned } from '../../../main/library/photo-marks';

let dir: string;
let catalog: Catalog;
let ids: string[];
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'clipfolio-marks-'));
  catalog = Catalog.open(join(dir, 'catalog.sqlite'));
  const root = catalog.addRoot('/photos');
  ids = [1, 2, 3].map((i) => catalog.upsertPhoto({ rootId: root.id, path: `/photos/${i}.jpg`, size: i, mtimeMs: i }).id);
});
afterEach(async () => {
  catalog.close();
  await rm(dir, { recursive: true, force: true });
});

const marks = (id: string | undefined) => {
  const photo = catalog.getPhoto(id ?? '');
  return photo && { rating: photo.rating, favourite: photo.favourite, rotation: photo.rotation };
};

describe('stars, favourites and turns', () => {
  it('are one edit per call, counted, undone and redone together', () => {
    const [a, b, c] = ids;
    expect(marks(a)).toEqual({ rating: 0, favourite: false, rotation: 0 });
    expect(ratePhotos(catalog, [a ?? '', b ?? ''], 4)).toBe(2);
    expect(ratePhotos(catalog, [a ?? '', b ?? ''], 4)).toBe(0);
    expect(catalog.history().undo?.label).toBe('Give 2 photos 4 stars');
    expect(setFavourite(catalog, [b ?? '', c ?? ''], true)).toBe(2);
    expect(rotatePhotos(catalog, [c ?? ''], 'left')).toBe(1);
    expect(rotatePhotos(catalog, [c ?? ''], 'left')).toBe(1);
    expect(marks(c)).toEqual({ rating: 0, favourite: true, rotation: 180 });

    catalog.undo();
    catalog.undo();
    expect(marks(c)).toEqual({ rating: 0, favourite: true, rotation: 0 });
    catalog.undo();
    expect(marks(b)).toEqual({ rating: 4, favourite: false, rotation: 0 });
    catalog.redo();
    expect(marks(b)).toEqual({ rating: 4, favourite: true, rotation: 0 });
    expect(ratePhotos(catalog, [a ?? ''], 0)).toBe(1);
    expect(catalog.history().undo?.label).toBe('Clear the stars of 1 photo');
  });

  it('refuses a rating out of range and an unknown photo, changing nothing', () => {
    for (const bad of [6, -1, 2.5]) expect(() => ratePhotos(catalog, ids, bad)).toThrow(/0 to 5/);
    expect(() => setFavourite(catalog, [ids[0] ?? '', 'zzzzzzzzzzzzzzzz'], true)).toThrow(/no photo/);
    expect(ids.map(marks).every((m) => m?.rating === 0 && !m.favourite)).toBe(true);
    expect(catalog.history().undo).toBeNull();
  });

  it('turn a quarter at a time and come round', () => {
    expect(turned(0, 'right')).toBe(90);
    expect(turned(270, 'right')).toBe(0);
    expect(turned(0, 'left')).toBe(270);
    expect(turned(90, 'left')).toBe(0);
  });

  it('are what the rating and favourite filters find', () => {
    const [a, b, c] = ids;
    ratePhotos(catalog, [a ?? ''], 5);
    ratePhotos(catalog, [b ?? ''], 2);
    setFavourite(catalog, [b ?? '', c ?? ''], true);
    expect([...catalog.photoIdsWhere({ minRating: 2 })].sort()).toEqual([a, b].sort());
    expect([...catalog.photoIdsWhere({ minRating: 3 })]).toEqual([a]);
    expect([...catalog.photoIdsWhere({ favourites: true })].sort()).toEqual([b, c].sort());
    expect([...catalog.photoIdsWhere({ favourites: true, minRating: 1 })]).toEqual([b]);
  });
});

describe('the photo change log', () => {
  it('answers the records changed since a revision, in catalog order, with those removed', () => {
    const [a, b, c] = ids;
    const start = catalog.photosRevision;
    ratePhotos(catalog, [c ?? '', a ?? ''], 3);
    const rated = catalog.photosRevision;
    const since = catalog.photoChangesSince(start);
    expect(since?.revision).toBe(rated);
    expect(since?.photos.map((p) => [p.id, p.rating])).toEqual([
      [a, 3],
      [c, 3],
    ]);
    expect(catalog.photoChangesSince(rated)).toEqual({ revision: rated, photos: [], removed: [] });

    catalog.removePhoto(b ?? '');
    expect(catalog.photoChangesSince(rated)).toMatchObject({ photos: [], removed: [b] });
    // Undo brings b back, and the log names it.
    const removedAt = catalog.photosRevision;
    catalog.undo();
    expect(catalog.photoChangesSince(removedAt)?.photos.map((p) => p.id)).toEqual([a, c]);
  });

  it('answers null for a revision it does not know: before this process, or ahead of it', () => {
    const now = catalog.photosRevision;
    expect(catalog.photoChangesSince(0)).toBeNull();
    expect(catalog.photoChangesSince(now + 1)).toBeNull();
    expect(catalog.photoChangesSince(now)).toEqual({ revision: now, photos: [], removed: [] });
  });

  it('answers null past the changes it keeps, so the window lists everything', () => {
    const root = catalog.roots()[0]?.id ?? '';
    const start = catalog.photosRevision;
    catalog.batch(() => {
      for (let i = 0; i < 10_001; i++) catalog.upsertPhoto({ rootId: root, path: `/photos/many/${i}.jpg`, size: 1, mtimeMs: 1 });
    });
    expect(catalog.photoChangesSince(start)).toBeNull();
    const after = catalog.photosRevision;
    ratePhotos(catalog, [ids[0] ?? ''], 1);
    expect(catalog.photoChangesSince(after)?.photos).toHaveLength(1);
  });
});
