// Unit tests for the user's own keywords: added to photos without repeats (ignoring case, and
// next to keywords imported with the photo), removed whatever their origin, counted per
// keyword, and seen wherever keywords are read (keywordsOf), after a reopen too.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Catalog } from '../../../main/library/catalog';
import { addKeywords, keywordCounts, keywordsOf, removeKeyword } from '../../../main/tagging/keyword-store';

let dir: string;
let catalog: Catalog;
let a: string;
let b: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'clipfolio-keywords-'));
  catalog = Catalog.open(join(dir, 'catalog.sqlite'));
  const root = catalog.addRoot(join(dir, 'photos'));
  [a, b] = ['a.jpg', 'b.jpg'].map((name) => catalog.upsertPhoto({ path: join(dir, 'photos', name), rootId: root.id, size: 1, mtimeMs: 0 }).id) as [string, string];
  // What the indexer writes for a keyword in the photo's own metadata.
  catalog.addKeywords([{ photoId: a, keyword: 'Holiday' }]);
});
afterEach(async () => {
  catalog.close();
  await rm(dir, { recursive: true, force: true });
});

describe('addKeywords', () => {
  it('adds trimmed keywords to every photo that lacks them, once each, keeping the first spelling', () => {
    const added = addKeywords(catalog, [a, b, a], [' beach ', 'holiday', 'Beach', '']);
    expect(added).toEqual([
      { photoId: a, keyword: 'beach', origin: 'manual' },
      { photoId: b, keyword: 'beach', origin: 'manual' },
      { photoId: b, keyword: 'holiday', origin: 'manual' },
    ]);
    expect(addKeywords(catalog, [b], ['BEACH'])).toEqual([]);
    expect([keywordsOf(catalog, a), keywordsOf(catalog, b)]).toEqual([['Holiday', 'beach'], ['beach', 'holiday']]);
  });

  it('refuses an unknown photo or no text, changing nothing', () => {
    expect(() => addKeywords(catalog, [a, '0123456789abcdef'], ['x'])).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
    expect(() => addKeywords(catalog, [a], ['  '])).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect([keywordsOf(catalog, a), keywordsOf(catalog, b)]).toEqual([['Holiday'], []]);
  });

  it('keeps them over a reopen', () => {
    addKeywords(catalog, [b], ['sunset']);
    catalog.close();
    catalog = Catalog.open(join(dir, 'catalog.sqlite'));
    expect(keywordsOf(catalog, b)).toEqual(['sunset']);
  });
});

describe('removeKeyword', () => {
  it('removes a keyword from one photo, ignoring case, whether added or imported', () => {
    addKeywords(catalog, [a, b], ['beach']);
    removeKeyword(catalog, a, 'BEACH');
    removeKeyword(catalog, a, ' holiday');
    expect(keywordsOf(catalog, a)).toEqual([]);
    expect(keywordsOf(catalog, b)).toEqual(['beach']);
  });

  it('refuses a keyword the photo does not carry, or an unknown photo', () => {
    expect(() => removeKeyword(catalog, b, 'Holiday')).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
    expect(() => removeKeyword(catalog, '0123456789abcdef', 'Holiday')).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
  });
});

describe('keywordCounts', () => {
  it('counts photos per keyword, ignoring case, by name', () => {
    addKeywords(catalog, [a, b], ['sunset', 'HOLIDAY']);
    expect(keywordCounts(catalog)).toEqual([
      { keyword: 'Holiday', photos: 2 },
      { keyword: 'sunset', photos: 2 },
    ]);
  });
});
