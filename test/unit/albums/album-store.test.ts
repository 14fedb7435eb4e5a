// Unit tests for the album store's rename and order: names follow the rules of a new album,
// and the albums table's order (the sidebar's) changes by moving one album and survives a reopen.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createManualAlbum, createSmartAlbum, listAlbums, moveAlbum, renameAlbum } from '../../../main/albums/album-store';
import { Catalog } from '../../../main/library/catalog';

let dir: string;
let catalog: Catalog;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'clipfolio-albums-'));
  catalog = Catalog.open(join(dir, 'catalog.sqlite'));
});
afterEach(async () => {
  catalog.close();
  await rm(dir, { recursive: true, force: true });
});

const names = () => listAlbums(catalog).map((a) => a.name);

describe('renameAlbum', () => {
  it('trims the new name and keeps the rest of the album', () => {
    const album = createManualAlbum(catalog, 'Summer');
    const renamed = renameAlbum(catalog, album.id, '  Summer 2024 ');
    expect(renamed).toEqual({ ...album, name: 'Summer 2024' });
    expect(listAlbums(catalog)).toEqual([renamed]);
  });

  it('refuses an empty name or one another album has, in any case, but lets an album change its own case', () => {
    const summer = createManualAlbum(catalog, 'Summer');
    createSmartAlbum(catalog, 'Reds', { text: 'red' });
    expect(() => renameAlbum(catalog, summer.id, '   ')).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => renameAlbum(catalog, summer.id, 'REDS')).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(renameAlbum(catalog, summer.id, 'SUMMER').name).toBe('SUMMER');
    expect(names()).toEqual(['SUMMER', 'Reds']);
  });

  it('refuses an unknown album', () => {
    expect(() => renameAlbum(catalog, '0123456789abcdef', 'x')).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
  });
});

describe('moveAlbum', () => {
  it('moves an album up or down the order, clamping the index, and returns the new order', () => {
    const [a, b, c] = ['A', 'B', 'C'].map((n) => createManualAlbum(catalog, n));
    expect(moveAlbum(catalog, c?.id ?? '', 0).map((x) => x.name)).toEqual(['C', 'A', 'B']);
    moveAlbum(catalog, c?.id ?? '', 1);
    expect(names()).toEqual(['A', 'C', 'B']);
    moveAlbum(catalog, a?.id ?? '', 99);
    expect(names()).toEqual(['C', 'B', 'A']);
    moveAlbum(catalog, b?.id ?? '', 1);
    expect(names()).toEqual(['C', 'B', 'A']);
    expect(() => moveAlbum(catalog, '0123456789abcdef', 0)).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
  });

  it('keeps the order and names after the catalog is closed and reopened', () => {
    const [a, b] = ['A', 'B'].map((n) => createManualAlbum(catalog, n));
    moveAlbum(catalog, b?.id ?? '', 0);
    renameAlbum(catalog, a?.id ?? '', 'Alpha');
    catalog.close();
    catalog = Catalog.open(join(dir, 'catalog.sqlite'));
    expect(names()).toEqual(['B', 'Alpha']);
  });
});
