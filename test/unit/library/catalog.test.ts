// Unit tests for the SQLite catalog: photos and folders by key, paging by key, the filter
// columns, small tables handed out anew on every change, keywords, album order by position,
// and the edit history (every edit undone and redone as it was, over a reopen too; a failed
// edit leaves nothing behind).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Catalog, type ChangeKind } from '../../../main/library/catalog';
import { HISTORY_LIMIT } from '../../../main/library/edit-history';
import { isId } from '../../../main/library/photo-id';
import { addToAlbum, createManualAlbum, deleteAlbum, moveInAlbum, removeFromAlbum } from '../../../main/albums/album-store';
import { addCategory, decideTag } from '../../../main/tagging/category-store';
import { addKeywords, keywordsOf } from '../../../main/tagging/keyword-store';

let dir: string;
let catalog: Catalog;
const file = () => join(dir, 'catalog.sqlite');
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'clipfolio-catalog-'));
  catalog = Catalog.open(file());
});
afterEach(async () => {
  catalog.close();
  await rm(dir, { recursive: true, force: true });
});

const photoDir = '/photos';
function photoInput(rootId: string, i: number, folder = photoDir) {
  return { rootId, path: `${folder}/img-${i}.jpg`, size: 1000 + i, mtimeMs: 1_700_000_000_000 + i };
}

function reopen(): Catalog {
  catalog.close();
  catalog = Catalog.open(file());
  return catalog;
}

describe('photos and folders', () => {
  it('round-trip with their lookups by id, path and hash', () => {
    const root = catalog.addRoot(photoDir);
    expect(catalog.addRoot(`${photoDir}/`)).toEqual(root);
    const a = catalog.upsertPhoto({ ...photoInput(root.id, 1), hash: 'h1', camera: { make: 'Canon', model: 'EOS R5', lens: null }, gps: { lat: 1.5, lon: -2 } });
    const b = catalog.upsertPhoto({ ...photoInput(root.id, 2), hash: 'h1' });
    catalog.upsertPhoto(photoInput(root.id, 3));
    expect(isId(a.id)).toBe(true);
    expect(a.status).toBe('pending');
    catalog.updatePhoto(b.id, { duplicateOf: a.id, width: 640, height: 480 });
    catalog.setStatus(a.id, 'indexed');
    reopen();
    expect(catalog.roots()).toEqual([root]);
    expect(catalog.photoCount).toBe(3);
    expect(catalog.getPhoto(a.id)).toMatchObject({ status: 'indexed', camera: { make: 'Canon', model: 'EOS R5', lens: null }, gps: { lat: 1.5, lon: -2 } });
    expect(catalog.getPhoto(a.id)?.indexedAt).toMatch(/^\d{4}-/);
    expect(catalog.getPhoto(b.id)).toMatchObject({ duplicateOf: a.id, width: 640, camera: null, gps: null });
    expect(catalog.findByPath(`${photoDir}/img-2.jpg`)?.id).toBe(b.id);
    expect(catalog.findByHash('h1').map((p) => p.id)).toEqual([a.id, b.id]);
    // Upserting the same path updates in place and keeps the id.
    const again = catalog.upsertPhoto({ ...photoInput(root.id, 2), size: 5, hash: 'h2' });
    expect(again).toMatchObject({ id: b.id, size: 5 });
    expect(catalog.findByHash('h2').map((p) => p.id)).toEqual([b.id]);
    const moved = catalog.movePhoto(a.id, `${photoDir}/sub/renamed.jpg`);
    expect(moved).toMatchObject({ id: a.id, path: `${photoDir}/sub/renamed.jpg`, addedAt: a.addedAt });
    expect(catalog.findByPath(`${photoDir}/img-1.jpg`)).toBeUndefined();
    expect(() => catalog.movePhoto(a.id, '/outside/x.jpg')).toThrow(/outside every library folder/);
  });

  it('counts photos kept by the catalog itself, and counts them when an older catalog is brought up to date', () => {
    const root = catalog.addRoot(photoDir);
    for (let i = 0; i < 5; i++) catalog.upsertPhoto(photoInput(root.id, i));
    expect(catalog.photoCount).toBe(5);
    // The catalog as schema version 5 left it: no count of its own yet.
    catalog.close();
    const raw = new DatabaseSync(file());
    raw.exec('DROP TRIGGER photo_count_added; DROP TRIGGER photo_count_removed; DROP TABLE photo_count; PRAGMA user_version = 5');
    raw.close();
    catalog = Catalog.open(file());
    expect(catalog.photoCount).toBe(5);
    catalog.upsertPhoto(photoInput(root.id, 9));
    expect(reopen().photoCount).toBe(6);
  });

  it('refuses nested folders; removing one takes its photos and everything on them', () => {
    const root = catalog.addRoot(photoDir);
    expect(() => catalog.addRoot(`${photoDir}/inner`)).toThrow(/overlaps/);
    const other = catalog.addRoot('/other');
    const ids = [1, 2].map((i) => catalog.upsertPhoto(photoInput(root.id, i)).id);
    const kept = catalog.upsertPhoto(photoInput(other.id, 9, '/other')).id;
    catalog.updatePhoto(kept, { duplicateOf: ids[0] });
    const category = addCategory(catalog, { name: 'red' });
    decideTag(catalog, ids, category.id, 'rejected');
    addKeywords(catalog, ids, ['beach']);
    const album = createManualAlbum(catalog, 'Trip', [...ids, kept]);
    expect(catalog.removeRoot(root.id).sort()).toEqual([...ids].sort());
    expect(catalog.roots()).toEqual([other]);
    expect(catalog.photoCount).toBe(1);
    expect(catalog.decisions()).toEqual([]);
    expect(keywordsOf(catalog, ids[0] as string)).toEqual([]);
    expect(catalog.albumPhotoIds(album.id)).toEqual([kept]);
    expect(catalog.getPhoto(kept)?.duplicateOf).toBeNull();
  });

  it('pages in catalog order by key, with totals, per folder and status', () => {
    const root = catalog.addRoot(photoDir);
    const ids = Array.from({ length: 7 }, (_, i) => catalog.upsertPhoto(photoInput(root.id, i)).id);
    catalog.setStatus(ids[3] as string, 'failed', 'broken');
    const first = catalog.listPhotos({ limit: 3 });
    expect(first.total).toBe(7);
    expect(first.photos.map((p) => p.id)).toEqual(ids.slice(0, 3));
    expect(catalog.listPhotos({ after: ids[2], limit: 3 }).photos.map((p) => p.id)).toEqual(ids.slice(3, 6));
    expect(catalog.listPhotos({ after: ids[5], limit: 3 }).photos.map((p) => p.id)).toEqual(ids.slice(6));
    expect(catalog.listPhotos({ status: 'failed', limit: 10 })).toMatchObject({ total: 1, photos: [{ id: ids[3], reason: 'broken' }] });
    expect(catalog.statusCounts()).toEqual({ pending: 6, indexed: 0, failed: 1, skipped: 0 });
    catalog.removePhoto(ids[2] as string);
    expect(() => catalog.listPhotos({ after: ids[2], limit: 3 })).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
  });

  it('answers dates, camera and folder from their columns, as text and exactly', () => {
    const root = catalog.addRoot(photoDir);
    const put = (i: number, folder: string, fields: object) => catalog.updatePhoto(catalog.upsertPhoto(photoInput(root.id, i, folder)).id, fields).id;
    const early = put(1, `${photoDir}/2023`, { takenAt: '2023-05-01T10:00:00', camera: { make: 'NIKON CORPORATION', model: 'NIKON D70', lens: null } });
    const lastDay = put(2, `${photoDir}/2023`, { takenAt: '2023-12-31T23:59:59+02:00', camera: { make: 'Canon', model: 'EOS 5D', lens: null } });
    const later = put(3, `${photoDir}/2024/trip`, { takenAt: '2024-01-02T08:00:00' });
    const lookalike = put(4, `${photoDir}/2023_%`, { takenAt: null });
    expect(catalog.photoIdsWhere({ takenFrom: '2023-01-01', takenTo: '2023-12-31' })).toEqual(new Set([early, lastDay]));
    expect(catalog.photoIdsWhere({ takenFrom: '2024-01-01' })).toEqual(new Set([later]));
    expect(catalog.photoIdsWhere({ camera: 'nikon d70' })).toEqual(new Set([early]));
    // Inside the folder at any depth; a sibling whose name starts the same is not.
    expect(catalog.photoIdsWhere({ folder: `${photoDir}/2023` })).toEqual(new Set([early, lastDay]));
    expect(catalog.photoIdsWhere({ folder: `${photoDir}/2024` })).toEqual(new Set([later]));
    expect(catalog.photoIdsWhere({ folder: `${photoDir}/2023_%` })).toEqual(new Set([lookalike]));
    expect(catalog.newestPhotos({ folder: photoDir }, () => true, 10).map((p) => p.id)).toEqual([later, lastDay, early, lookalike]);
    expect(catalog.photoIdsNotSeen(`${photoDir}/2023`, new Set([`${photoDir}/2023/img-1.jpg`]))).toEqual([lastDay]);
  });

  it('moves the photos revision on every photo change and on nothing else', () => {
    const root = catalog.addRoot(photoDir);
    const revision = () => catalog.photosRevision;
    let last = revision();
    const moved = (work: () => unknown) => {
      work();
      const next = revision();
      const changed = next !== last;
      last = next;
      return changed;
    };
    let id = '';
    expect(moved(() => (id = catalog.upsertPhoto(photoInput(root.id, 1)).id))).toBe(true);
    expect(moved(() => catalog.updatePhoto(id, { width: 10 }))).toBe(true);
    expect(moved(() => addCategory(catalog, { name: 'red' }))).toBe(false);
    expect(moved(() => createManualAlbum(catalog, 'Trip', [id]))).toBe(false);
    expect(moved(() => catalog.removePhoto(id))).toBe(true);
  });

  it('tells its listeners what each committed change touched, once per transaction', () => {
    const root = catalog.addRoot(photoDir);
    const id = catalog.upsertPhoto(photoInput(root.id, 1)).id;
    const heard: ChangeKind[][] = [];
    catalog.onChange((kinds) => heard.push([...kinds].sort()));
    catalog.batch(() => {
      catalog.updatePhoto(id, { width: 1 });
      catalog.updatePhoto(id, { width: 2 });
    });
    addKeywords(catalog, [id], ['x']);
    expect(heard).toEqual([['photos'], ['history', 'keywords']]);
  });
});

describe('small tables', () => {
  it('are handed out anew after every change and kept in their order', () => {
    const before = catalog.table('categories');
    const red = addCategory(catalog, { name: 'red' });
    addCategory(catalog, { name: 'blue' });
    const after = catalog.table('categories');
    expect(after).not.toBe(before);
    expect(catalog.table('categories')).toBe(after);
    catalog.updateTable('categories', (rows) => [...rows].reverse());
    expect(reopen().table('categories').map((c) => c.name)).toEqual(['blue', 'red']);
    expect(catalog.table('categories').find((c) => c.id === red.id)).toEqual(red);
  });
});

describe('album order', () => {
  it('inserts at a place, moves and removes by position, and renumbers when halving runs out of room', () => {
    const root = catalog.addRoot(photoDir);
    const [p0, p1, p2, p3, p4, p5] = Array.from({ length: 6 }, (_, i) => catalog.upsertPhoto(photoInput(root.id, i)).id) as [string, string, string, string, string, string];
    const album = createManualAlbum(catalog, 'Trip', [p0, p1, p2]);
    addToAlbum(catalog, album.id, [p3, p4], 1);
    expect(catalog.albumPhotoIds(album.id)).toEqual([p0, p3, p4, p1, p2]);
    addToAlbum(catalog, album.id, [p5, p0], 0);
    expect(catalog.albumPhotoIds(album.id)).toEqual([p5, p0, p3, p4, p1, p2]);
    moveInAlbum(catalog, album.id, [p2], 1);
    expect(catalog.albumPhotoIds(album.id)).toEqual([p5, p2, p0, p3, p4, p1]);
    removeFromAlbum(catalog, album.id, [p0, p4]);
    expect(catalog.albumPhotoIds(album.id)).toEqual([p5, p2, p3, p1]);
    // Sixty moves into the same gap halve it past what a double can tell apart.
    for (let i = 0; i < 60; i++) moveInAlbum(catalog, album.id, [i % 2 === 0 ? p1 : p3], 1);
    expect(catalog.albumPhotoIds(album.id)).toEqual([p5, p3, p1, p2]);
    expect(catalog.albumCounts()).toEqual(new Map([[album.id, 4]]));
  });
});

describe('keywords read from files', () => {
  it('are replaced when a photo is read again, and the user’s own stay without repeats', () => {
    const root = catalog.addRoot(photoDir);
    const id = catalog.upsertPhoto(photoInput(root.id, 1)).id;
    catalog.addKeywords([{ photoId: id, keyword: 'Old' }]);
    addKeywords(catalog, [id], ['Mine']);
    catalog.replaceReadKeywords([id], [
      { photoId: id, keyword: 'New' },
      { photoId: id, keyword: 'mine' },
    ]);
    expect(keywordsOf(catalog, id)).toEqual(['Mine', 'New']);
    expect(catalog.photosWithKeywords(['NEW', 'mine'])).toEqual(new Set([id]));
  });
});

describe('edit history', () => {
  it('undoes and redoes an edit across tables, over a reopen, and a new edit drops the redo', () => {
    const root = catalog.addRoot(photoDir);
    const ids = [1, 2, 3].map((i) => catalog.upsertPhoto(photoInput(root.id, i)).id);
    const album = createManualAlbum(catalog, 'Lisbon', ids);
    moveInAlbum(catalog, album.id, [ids[2] as string], 0);
    const order = catalog.albumPhotoIds(album.id);
    deleteAlbum(catalog, album.id);
    expect(catalog.history().undo?.label).toBe('Delete album “Lisbon”');
    reopen();
    expect(catalog.undo()?.label).toBe('Delete album “Lisbon”');
    expect(catalog.table('albums').map((a) => a.name)).toEqual(['Lisbon']);
    expect(catalog.albumPhotoIds(album.id)).toEqual(order);
    expect(catalog.history()).toMatchObject({ undo: { label: 'Reorder “Lisbon”' }, redo: { label: 'Delete album “Lisbon”' } });
    expect(catalog.redo()?.label).toBe('Delete album “Lisbon”');
    expect(catalog.table('albums')).toEqual([]);
    catalog.undo();
    addKeywords(catalog, [ids[0] as string], ['beach']);
    expect(catalog.history().redo).toBeNull();
    expect(catalog.redo()).toBeNull();
  });

  it('brings a removed folder back with its photos’ decisions, keywords and album places', () => {
    const root = catalog.addRoot(photoDir);
    const ids = [1, 2].map((i) => catalog.upsertPhoto(photoInput(root.id, i)).id) as [string, string];
    const red = addCategory(catalog, { name: 'red' });
    decideTag(catalog, [ids[0]], red.id, 'accepted');
    addKeywords(catalog, [ids[1]], ['Grandma']);
    const album = createManualAlbum(catalog, 'Picks', [ids[1], ids[0]]);
    const before = { photos: [...catalog.photos()], decisions: catalog.decisions(), order: catalog.albumPhotoIds(album.id) };
    // The count is kept, not counted again, through the removal, its undo and its redo.
    expect(catalog.photoCount).toBe(2);
    catalog.edit('Remove the folder', () => catalog.removeRoot(root.id));
    expect(catalog.photoCount).toBe(0);
    catalog.undo();
    expect(catalog.photoCount).toBe(2);
    expect(catalog.roots()).toEqual([root]);
    expect([...catalog.photos()]).toEqual(before.photos);
    expect(catalog.decisions()).toEqual(before.decisions);
    expect(keywordsOf(catalog, ids[1])).toEqual(['Grandma']);
    expect(catalog.albumPhotoIds(album.id)).toEqual(before.order);
    catalog.redo();
    expect(catalog.photoCount).toBe(0);
  });

  it('keeps the last HISTORY_LIMIT edits', () => {
    const root = catalog.addRoot(photoDir);
    const id = catalog.upsertPhoto(photoInput(root.id, 1)).id;
    for (let i = 0; i < HISTORY_LIMIT + 5; i++) addKeywords(catalog, [id], [`k${i}`]);
    let undone = 0;
    while (catalog.undo()) undone += 1;
    expect(undone).toBe(HISTORY_LIMIT);
    expect(keywordsOf(catalog, id)).toEqual(['k0', 'k1', 'k2', 'k3', 'k4']);
  });

  it('leaves nothing of an edit that failed half-way, and records no history for it', () => {
    const root = catalog.addRoot(photoDir);
    const id = catalog.upsertPhoto(photoInput(root.id, 1)).id;
    const albums = catalog.table('albums');
    expect(() =>
      catalog.edit('Half an edit', () => {
        createManualAlbum(catalog, 'Doomed', [id]);
        throw new Error('stop');
      }),
    ).toThrow('stop');
    expect(catalog.table('albums')).toEqual(albums);
    expect(catalog.albumCounts()).toEqual(new Map());
    expect(catalog.history().undo).toBeNull();
  });
});

describe('machine writes', () => {
  it('commit a batch for every reader, and refuse a user edit inside one, which would be acknowledged before it is on disk', () => {
    const root = catalog.addRoot(photoDir);
    const photo = catalog.batch(() => catalog.upsertPhoto(photoInput(root.id, 1)));
    const other = Catalog.open(file());
    try {
      expect(other.getPhoto(photo.id)?.path).toBe(`${photoDir}/img-1.jpg`);
    } finally {
      other.close();
    }
    expect(() => catalog.batch(() => addKeywords(catalog, [photo.id], ['beach']))).toThrow(/user edit cannot join a machine write/);
    expect(keywordsOf(catalog, photo.id)).toEqual([]);
    // The connection is back to durable commits: the next edit stands, with its history.
    addKeywords(catalog, [photo.id], ['beach']);
    expect(keywordsOf(reopen(), photo.id)).toEqual(['beach']);
    expect(catalog.history().undo).not.toBeNull();
  });
});
