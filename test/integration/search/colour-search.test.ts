// Runs in: vitest (forked process). Search end to end with the real worker and the
// known-answer model: ranking by colour words, the relevance cut, filters combined with
// AND, smart albums, "more like this" and near-duplicate groups.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createManualAlbum, createSmartAlbum } from '../../../main/albums/album-store';
import { albumPhotoIds, nearDuplicateGroups, searchPhotos, similarPhotos } from '../../../main/search/photo-search';
import { addCategory } from '../../../main/tagging/category-store';
import { openColourLibrary, type ColourLibrary, type PhotoName } from '../tagging/colour-library';

let lib: ColourLibrary;

beforeAll(async () => {
  lib = await openColourLibrary();
});

afterAll(async () => {
  await lib.close();
});

const names = (hits: { photoId: string }[]): PhotoName[] => hits.map((h) => lib.nameOf(h.photoId));

describe('free-text search', () => {
  it('lists the photos the words name first, then ranks the matching colour and cuts off the unrelated bulk', async () => {
    const hits = await searchPhotos(lib.ctx, { text: 'green' });
    // green1.png and green2.png are named "green"; then the model's answer: yellow, as green as it is red.
    expect(hits.slice(0, 2).map((h) => [lib.nameOf(h.photoId), h.match, h.score])).toEqual([
      ['green1', 'name', null],
      ['green2', 'name', null],
    ]);
    expect(names(hits.slice(2))).toEqual(['yellow']);
    expect(names(hits).some((n) => n.startsWith('red') || n.startsWith('grey') || n.startsWith('blue'))).toBe(false);
    const scores = hits.filter((h) => h.score !== null).map((h) => h.score ?? 0);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect((await searchPhotos(lib.ctx, { text: 'green' }, { noCut: true })).length).toBe(13);
  });

  it('keeps a group of weaker matches whole, and a lone standout alone', async () => {
    // No colour word: the text is the start token's dimension only, which the greys (least
    // colour) answer best, at about 2.5 to 3 robust sigmas; the 3-sigma cut alone kept two of them.
    expect(names(await searchPhotos(lib.ctx, { text: 'a photo' })).sort()).toEqual(['grey1', 'grey2', 'grey3']);
    // Yellow is the only photo both red and green; the half-matching reds and greens stay out.
    expect(names(await searchPhotos(lib.ctx, { text: 'red green' }))).toEqual(['yellow']);
  });

  it('combines filters with AND', async () => {
    const reds = names(await searchPhotos(lib.ctx, { text: 'red' }));
    expect(reds).toEqual(expect.arrayContaining(['red1', 'red2', 'red3']));
    // Photos at even positions (red1, red3, magenta2, ...) are Canon and in photos/even.
    expect(names(await searchPhotos(lib.ctx, { text: 'red', camera: 'canon' }))).toEqual(
      reds.filter((n) => ['red1', 'red3', 'magenta2'].includes(n)),
    );
    const folder = path.join(lib.dir, 'photos', 'odd');
    expect(names(await searchPhotos(lib.ctx, { text: 'red', folder }))).toEqual(reds.filter((n) => ['red2', 'magenta1', 'yellow'].includes(n)));
    // red1 was taken on 2024-01-01, red2 on 01-02, red3 on 01-03.
    expect(names(await searchPhotos(lib.ctx, { text: 'red', takenFrom: '2024-01-02', takenTo: '2024-01-03' })).sort()).toEqual(['red2', 'red3']);
    expect(names(await searchPhotos(lib.ctx, { text: 'red', takenFrom: '2024-01-02', takenTo: '2024-01-03', camera: 'nikon' }))).toEqual(['red2']);
  });

  it('filters by category tags, keywords and albums, also without text', async () => {
    const blue = addCategory(lib.ctx.catalog, { name: 'blue' });
    expect(names(await searchPhotos(lib.ctx, { text: null, categoryIds: [blue.id] })).sort()).toEqual(['blue1', 'blue2', 'magenta1', 'magenta2']);
    expect(names(await searchPhotos(lib.ctx, { text: 'red', categoryIds: [blue.id] })).sort()).toEqual(['magenta1', 'magenta2']);
    lib.ctx.catalog.addKeywords([{ photoId: lib.idOf('magenta2'), keyword: 'Party' }]);
    expect(names(await searchPhotos(lib.ctx, { text: null, categoryIds: [blue.id], keywords: ['party'] }))).toEqual(['magenta2']);
    const album = createManualAlbum(lib.ctx.catalog, 'picks', [lib.idOf('grey1'), lib.idOf('red2'), lib.idOf('magenta1')]);
    expect(names(await searchPhotos(lib.ctx, { text: 'red', albumId: album.id })).sort()).toEqual(['magenta1', 'red2']);
    const smart = createSmartAlbum(lib.ctx.catalog, 'bluish picks', { text: null, categoryIds: [blue.id], albumId: album.id });
    expect((await albumPhotoIds(lib.ctx, smart)).map(lib.nameOf)).toEqual(['magenta1']);
  });
});

describe('more like this and near-duplicates', () => {
  it('finds the photos nearest a photo, without the photo itself', async () => {
    const hits = names(await similarPhotos(lib.ctx, lib.idOf('green1'), {}, { limit: 1 }));
    expect(hits).toEqual(['green2']);
  });

  it('groups near-identical photos', async () => {
    const groups = (await nearDuplicateGroups(lib.ctx, 0.99)).map((g) => names(g).sort());
    expect(groups).toEqual(expect.arrayContaining([['grey1', 'grey2', 'grey3'], ['magenta1', 'magenta2']]));
    for (const group of groups) expect(group.every((n) => n.replace(/\d$/, '') === group[0]?.replace(/\d$/, ''))).toBe(true);
  });

  it('leaves photos the user said are not duplicates apart, until that is undone', async () => {
    const grouped = async () => (await nearDuplicateGroups(lib.ctx, 0.99)).map((g) => names(g).sort());
    const { catalog } = lib.ctx;
    catalog.edit('Mark 2 photos as not duplicates', () => catalog.markNotDuplicates([lib.idOf('magenta1'), lib.idOf('magenta2')]));
    expect(await grouped()).not.toContainEqual(['magenta1', 'magenta2']);
    // One pair of three apart: the third still joins both, so the greys stay one group.
    catalog.edit('Mark 2 photos as not duplicates', () => catalog.markNotDuplicates([lib.idOf('grey1'), lib.idOf('grey2')]));
    expect(await grouped()).toContainEqual(['grey1', 'grey2', 'grey3']);
    catalog.undo();
    catalog.undo();
    expect(await grouped()).toContainEqual(['magenta1', 'magenta2']);
  });
});
