// Unit tests for finding photos by name: the words a photo is found by, folding case and
// accents, and the catalog's full-text name index following every write (added, moved,
// removed, and the undo of a removal) through its triggers.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Catalog } from '../../../main/library/catalog';
import { foldedWords, folderWords, namesQuery, wordsStart } from '../../../main/library/photo-words';

describe('photo words', () => {
  it('fold case and accents and split on anything but letters and digits', () => {
    expect(foldedWords('Fête_de-Famille 2024.JPG')).toEqual(['fete', 'de', 'famille', '2024', 'jpg']);
    expect(foldedWords('Köln/Zürich')).toEqual(['koln', 'zurich']);
    expect(wordsStart(['red', 'bi'], 'My Red Bike')).toBe(true);
    expect(wordsStart(['red', 'car'], 'My Red Bike')).toBe(false);
    expect(wordsStart([], 'anything')).toBe(false);
  });

  it('name folders from the library folder down, and quote what is typed for FTS5', () => {
    expect(folderWords('/home/ana/Pictures/2023/Lisbon', '/home/ana/Pictures')).toBe('Pictures 2023 Lisbon');
    expect(folderWords('/home/ana/Pictures', '/home/ana/Pictures')).toBe('Pictures');
    expect(namesQuery(['img', 'a', 'say "hi"'], 2)).toBe('"img"* "a" "say ""hi"""*');
  });
});

describe('the name index', () => {
  let dir: string;
  let catalog: Catalog;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'clipfolio-names-'));
    catalog = Catalog.open(join(dir, 'catalog.sqlite'));
  });
  afterEach(async () => {
    catalog.close();
    await rm(dir, { recursive: true, force: true });
  });

  const named = (typed: string, column: 'name' | 'folder' = 'name') => catalog.photosNamed(namesQuery(foldedWords(typed), 2), column, () => true, 10).map((id) => catalog.getPhoto(id)?.path);

  it('follows photos added, moved, removed and brought back by undo', () => {
    const root = catalog.addRoot('/p/Pictures');
    const add = (path: string) => catalog.upsertPhoto({ rootId: root.id, path, size: 1, mtimeMs: 1 });
    const astronaut = add('/p/Pictures/astronaut.png');
    add('/p/Pictures/Köln Trip/dom.jpg');
    expect(named('astro')).toEqual(['/p/Pictures/astronaut.png']);
    expect(named('koln', 'folder')).toEqual(['/p/Pictures/Köln Trip/dom.jpg']);
    expect(named('pictures', 'folder')).toHaveLength(2);

    catalog.movePhoto(astronaut.id, '/p/Pictures/space/moon-walk.png');
    expect(named('astro')).toEqual([]);
    expect(named('moon walk')).toEqual(['/p/Pictures/space/moon-walk.png']);
    expect(named('space', 'folder')).toEqual(['/p/Pictures/space/moon-walk.png']);

    catalog.edit('Remove a photo', () => catalog.removePhoto(astronaut.id));
    expect(named('moon')).toEqual([]);
    catalog.undo();
    expect(named('moon')).toEqual(['/p/Pictures/space/moon-walk.png']);
  });
});
