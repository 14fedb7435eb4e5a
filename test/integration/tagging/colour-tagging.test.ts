// Runs in: vitest (forked process). Zero-shot categories and corrections end to end: the
// real worker encodes the prompts and runs the similarity product over photos embedded
// with the known-answer model, whose answers for colour words and colour photos are known.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCategory, decideTag, findCategory, updateCategory } from '../../../main/tagging/category-store';
import { computeTags, photosWithCategory, tagsOfPhoto } from '../../../main/tagging/tagger';
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
