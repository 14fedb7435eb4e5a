// Runs in: vitest (forked process). Zero-shot categories and corrections end to end: the
// real worker encodes the prompts and runs the similarity product over photos embedded
// with the known-answer model, whose answers for colour words and colour photos are known.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { LibraryMatrix } from '../../../main/search/library-matrix';
import { addCategory, decideTag, findCategory, updateCategory } from '../../../main/tagging/category-store';
import { BACKGROUND_PROMPTS } from '../../../main/tagging/prompt-templates';
import { computeTags, photosWithCategory, tagsOfPhoto, type TagSet } from '../../../main/tagging/tagger';
import { openColourLibrary, type ColourLibrary, type PhotoName } from './colour-library';

let lib: ColourLibrary;

beforeAll(async () => {
  lib = await openColourLibrary();
});

afterAll(async () => {
  await lib.close();
});

async function tagged(category: string): Promise<PhotoName[]> {
  const tags = await computeTags(lib.ctx);
  return [...photosWithCategory(tags, findCategory(lib.ctx.catalog, category).id)].map(lib.nameOf).sort();
}

describe('zero-shot colour categories', () => {
  it('tags each colour photo with its colour and nothing else, out of the box', async () => {
    for (const name of ['red', 'green', 'blue']) addCategory(lib.ctx.catalog, { name });
    expect(await tagged('green')).toEqual(['green1', 'green2', 'yellow']);
    expect(await tagged('blue')).toEqual(['blue1', 'blue2', 'magenta1', 'magenta2']);
    const red = await tagged('red');
    expect(red).toEqual(expect.arrayContaining(['red1', 'red2', 'red3']));
    expect(red.some((n) => n.startsWith('green') || n.startsWith('blue') || n.startsWith('grey'))).toBe(false);
    const tags = await computeTags(lib.ctx);
    const ofRed1 = tagsOfPhoto(tags, lib.idOf('red1'), []);
    expect(ofRed1.map((t) => [t.name, t.source])).toEqual([['red', 'auto']]);
    expect(ofRed1[0]?.score).toBeGreaterThan(0);
  });

  it('a photo closer to a negative prompt than to the category is not tagged', async () => {
    addCategory(lib.ctx.catalog, { name: 'warm', prompts: ['red'] });
    expect(await tagged('warm')).toContain('yellow');
    const warm = findCategory(lib.ctx.catalog, 'warm');
    updateCategory(lib.ctx.catalog, warm.id, { negativePrompts: ['green'] });
    const after = await tagged('warm');
    expect(after).not.toContain('yellow');
    expect(after).toEqual(expect.arrayContaining(['red1', 'red2', 'red3']));
  });

  it('a raised threshold re-tags with fewer photos, without re-embedding', async () => {
    const red = findCategory(lib.ctx.catalog, 'red');
    const before = await tagged('red');
    updateCategory(lib.ctx.catalog, red.id, { threshold: 10 });
    expect(await tagged('red')).toEqual([]);
    updateCategory(lib.ctx.catalog, red.id, { threshold: null });
    expect(await tagged('red')).toEqual(before);
  });
});

describe('corrections', () => {
  it('win for their photo and teach the category about similar photos', async () => {
    const red = findCategory(lib.ctx.catalog, 'red');
    expect(await tagged('red')).toEqual(expect.arrayContaining(['magenta1', 'magenta2']));

    decideTag(lib.ctx.catalog, lib.idOf('magenta1'), red.id, 'rejected');
    const after = await tagged('red');
    // The rejected photo, and the other magenta photo that nobody corrected, lose the tag.
    expect(after).not.toContain('magenta1');
    expect(after).not.toContain('magenta2');
    expect(after).toEqual(expect.arrayContaining(['red1', 'red2', 'red3']));

    const tags = await computeTags(lib.ctx);
    const magenta1 = tagsOfPhoto(tags, lib.idOf('magenta1'), ['holiday']);
    expect(magenta1.map((t) => [t.name, t.source])).toEqual([
      ['red', 'rejected'],
      ['blue', 'auto'],
      ['warm', 'auto'],
      ['holiday', 'keyword'],
    ]);
    expect(findCategory(lib.ctx.catalog, 'red').calibration).toMatchObject({ rejected: 1, accepted: 0 });
  });

  it('an accept always wins, even for a photo far from the category', async () => {
    const red = findCategory(lib.ctx.catalog, 'red');
    decideTag(lib.ctx.catalog, lib.idOf('grey1'), red.id, 'accepted');
    expect(await tagged('red')).toContain('grey1');
    decideTag(lib.ctx.catalog, lib.idOf('grey1'), red.id, null);
    expect(await tagged('red')).not.toContain('grey1');
  });
});

describe('the background term', () => {
  /** Margins by photo id, so tag sets over differently ordered columns compare. */
  const marginsOf = (tags: TagSet) =>
    new Map(tags.categories.flatMap((c) => tags.ids.map((id, column) => [`${c.category.name} ${id}`, c.margins[column] ?? Number.NaN] as const)));
  const expectSameMargins = (actual: TagSet, expected: TagSet) => {
    const want = marginsOf(expected);
    for (const [key, margin] of marginsOf(actual)) expect(margin, key).toBeCloseTo(want.get(key) ?? Number.NaN, 6);
  };
  /** computeTags over a matrix of its own: nothing cached yet. */
  const fresh = () => computeTags({ ...lib.ctx, matrix: new LibraryMatrix(lib.store, lib.client) });

  it('is reduced once per library version and its prompts leave the product after that', async () => {
    const ctx = { ...lib.ctx, matrix: new LibraryMatrix(lib.store, lib.client) };
    const score = vi.spyOn(ctx.matrix, 'score');
    const first = await computeTags(ctx);
    const second = await computeTags(ctx);
    const [withBackground, without] = score.mock.calls.map(([, count]) => count);
    expect((withBackground ?? 0) - (without ?? 0)).toBe(BACKGROUND_PROMPTS.length);
    expectSameMargins(second, first);
  });

  it('is reduced again when the library changes, so each photo keeps its own', async () => {
    await computeTags(lib.ctx);
    // Removing and re-adding a photo moves it to the last column and changes the version.
    const id = lib.idOf('red1');
    const vector = lib.store.get(id);
    if (!vector) throw new Error('red1 has no vector');
    await lib.store.remove(id);
    await lib.store.append(id, vector);
    const after = await computeTags(lib.ctx);
    expect(after.ids.at(-1)).toBe(id);
    expectSameMargins(after, await fresh());
  });
});
