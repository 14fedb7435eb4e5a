// Unit tests for the user's own keywords: added to photos without repeats (ignoring case, and
// next to keywords imported with the photo), removed whatever their origin, counted per
// keyword, and seen wherever keywords are read (tagger.ts keywordsByPhoto), after a reopen too.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Catalog } from '../../../main/library/catalog';
import { addKeywords, keywordCounts, removeKeyword } from '../../../main/tagging/keyword-store';
import { keywordsByPhoto } from '../../../main/tagging/tagger';

let dir: string;
let catalog: Catalog;
let a: string;
let b: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'clipfolio-keywords-'));
  catalog = await Catalog.open(dir);
  const root = catalog.addRoot(join(dir, 'photos'));
  [a, b] = ['a.jpg', 'b.jpg'].map((name) => catalog.upsertPhoto({ path: join(dir, 'photos', name), rootId: root.id, size: 1, mtimeMs: 0 }).id) as [string, string];
  // What the indexer writes for a keyword in the photo's own metadata.
  catalog.updateTable('keywords', () => [{ photoId: a, keyword: 'Holiday' }]);
});
afterEach(async () => {
  await catalog.close();
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
    expect(Object.fromEntries(keywordsByPhoto(catalog))).toEqual({ [a]: ['Holiday', 'beach'], [b]: ['beach', 'holiday'] });
  });

  it('refuses an unknown photo or no text, changing nothing', () => {
    expect(() => addKeywords(catalog, [a, '0123456789abcdef'], ['x'])).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
    expect(() => addKeywords(catalog, [a], ['  '])).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(catalog.table('keywords')).toHaveLength(1);
  });

  it('keeps them over a reopen', async () => {
    addKeywords(catalog, [b], ['sunset']);
    await catalog.close();
    catalog = await Catalog.open(dir);
    expect(keywordsByPhoto(catalog).get(b)).toEqual(['sunset']);
  });
});

describe('removeKeyword', () => {
  it('removes a keyword from one photo, ignoring case, whether added or imported', () => {
    addKeywords(catalog, [a, b], ['beach']);
    removeKeyword(catalog, a, 'BEACH');
    removeKeyword(catalog, a, ' holiday');
    expect(keywordsByPhoto(catalog).get(a)).toBeUndefined();
    expect(keywordsByPhoto(catalog).get(b)).toEqual(['beach']);
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
