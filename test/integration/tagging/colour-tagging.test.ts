// Runs in: vitest (forked process). Zero-shot categories and corrections end to end: the
// real worker encodes the prompts and runs the margins graph over photos embedded with the
// known-answer model, whose answers for colour words and colour photos are known; what a
// re-tag reuses (the memoised TagSet, each category's margins) and what makes it start over;
// and the category editor's preview of a draft, scored as a re-tag scores it.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { previewCategory } from '../../../main/app/category-preview';
import { LibraryMatrix } from '../../../main/search/library-matrix';
import { LOGIT_SCALE, meanDirection } from '../../../main/tagging/calibration';
import { addCategory, decideTag, findCategory, removeCategory, updateCategory } from '../../../main/tagging/category-store';
import { BACKGROUND_PROMPTS, categoryPrompts } from '../../../main/tagging/prompt-templates';
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

  it('accepted photos unlike the words extend the category instead of replacing it', async () => {
    // The words' cosines with photos spread far less than an accepted photo's direction does
    // (here the ten templates of "blues" match nothing): with a fixed weight, two accepted reds made
    // "blues" tag reds and no blue photo.
    addCategory(lib.ctx.catalog, { name: 'blues', prompts: ['blue'] });
    const blues = findCategory(lib.ctx.catalog, 'blues');
    expect(await tagged('blues')).toEqual(expect.arrayContaining(['blue1', 'blue2']));
    for (const name of ['red1', 'red2'] as const) decideTag(lib.ctx.catalog, lib.idOf(name), blues.id, 'accepted');
    expect(await tagged('blues')).toEqual(expect.arrayContaining(['blue1', 'blue2', 'red1', 'red2']));
    for (const name of ['red1', 'red2'] as const) decideTag(lib.ctx.catalog, lib.idOf(name), blues.id, null);
    removeCategory(lib.ctx.catalog, 'blues');
  });
});

describe('re-tags', () => {
  /** Margins by photo id, so tag sets over differently ordered columns compare. */
  const marginsOf = (tags: TagSet) =>
    new Map(tags.categories.flatMap((c) => tags.ids.map((id, column) => [`${c.category.name} ${id}`, c.margins[column] ?? Number.NaN] as const)));
  const expectSameMargins = (actual: TagSet, expected: TagSet) => {
    const want = marginsOf(expected);
    for (const [key, margin] of marginsOf(actual)) expect(margin, key).toBeCloseTo(want.get(key) ?? Number.NaN, 6);
  };
  /** A context over a matrix of its own: nothing cached yet, and its worker calls counted. */
  const freshContext = () => {
    const ctx = { ...lib.ctx, matrix: new LibraryMatrix(lib.store, lib.client) };
    return { ctx, margins: vi.spyOn(ctx.matrix, 'margins') };
  };
  /** Categories scored by each margins call so far. */
  const scoredCounts = (spy: ReturnType<typeof freshContext>['margins']) => spy.mock.calls.map(([, categories]) => categories);

  it('match a plain float64 computation of the note from the raw cosines', async () => {
    const { ctx } = freshContext();
    const tags = await computeTags(ctx);
    const warm = tags.categories.find((c) => c.category.name === 'warm');
    if (!warm) throw new Error('no warm category');
    // Unit rows, as the margins graph gets them: the category's query is its prompt ensemble's mean direction.
    const [query = new Float32Array()] = [meanDirection(await ctx.texts.embed(categoryPrompts('warm', ['red'])))];
    const alternatives = await ctx.texts.embed([...BACKGROUND_PROMPTS, ...warm.category.negativePrompts]);
    const rows = [query, ...alternatives];
    const queries = new Float32Array(rows.length * ctx.matrix.dim);
    rows.forEach((v, r) => queries.set(v, r * ctx.matrix.dim));
    const { scores, ids } = await ctx.matrix.score(queries, rows.length);
    expect(ids).toBe(tags.ids);
    ids.forEach((id, photo) => {
      const cosines = Array.from(scores.subarray(photo * rows.length, (photo + 1) * rows.length));
      const [category = 0, ...others] = cosines;
      const expected = category - Math.log(others.reduce((sum, s) => sum + Math.exp(LOGIT_SCALE * s), 0)) / LOGIT_SCALE;
      expect(Math.abs((warm.margins[photo] ?? Number.NaN) - expected), id).toBeLessThan(1e-6);
    });
  });

  it('return the same TagSet while nothing changes, scoring each category once', async () => {
    const { ctx, margins } = freshContext();
    const first = await computeTags(ctx);
    const [second, third] = await Promise.all([computeTags(ctx), computeTags(ctx)]);
    expect(second).toBe(first);
    expect(third).toBe(first);
    expect(scoredCounts(margins)).toEqual([ctx.catalog.table('categories').length]);
  });

  it('after a threshold change, decide again without a product', async () => {
    const { ctx, margins } = freshContext();
    const red = findCategory(ctx.catalog, 'red');
    const before = await computeTags(ctx);
    updateCategory(ctx.catalog, red.id, { threshold: 10 });
    const raised = await computeTags(ctx);
    expect(raised).not.toBe(before);
    expect(photosWithCategory(raised, red.id).size).toBe(0);
    updateCategory(ctx.catalog, red.id, { threshold: null });
    const restored = await computeTags(ctx);
    expectSameMargins(restored, before);
    expect(photosWithCategory(restored, red.id)).toEqual(photosWithCategory(before, red.id));
    expect(scoredCounts(margins)).toEqual([ctx.catalog.table('categories').length]);
  });

  it('after editing, correcting, adding or removing a category, score only the categories that changed', async () => {
    const { ctx, margins } = freshContext();
    const all = ctx.catalog.table('categories').length;
    const blue = findCategory(ctx.catalog, 'blue');
    const blueMargin = (tags: TagSet) => tags.categories.find((c) => c.category.id === blue.id)?.margins[tags.rowOf.get(lib.idOf('magenta1')) ?? -1];
    const before = await computeTags(ctx);
    updateCategory(ctx.catalog, blue.id, { negativePrompts: ['red'] });
    const edited = await computeTags(ctx);
    // Magenta is half red: the new negative prompt lowers its blue margin.
    expect(blueMargin(edited)).toBeLessThan(blueMargin(before) ?? Number.NaN);
    decideTag(ctx.catalog, lib.idOf('grey1'), blue.id, 'accepted');
    const corrected = await computeTags(ctx);
    expect(corrected).not.toBe(edited);
    expect(photosWithCategory(corrected, blue.id)).toContain(lib.idOf('grey1'));
    decideTag(ctx.catalog, lib.idOf('grey1'), blue.id, null);
    updateCategory(ctx.catalog, blue.id, { negativePrompts: [] });
    addCategory(ctx.catalog, { name: 'cyan' });
    const added = await computeTags(ctx);
    expect(added.categories.map((c) => c.category.name)).toContain('cyan');
    removeCategory(ctx.catalog, 'cyan');
    const removed = await computeTags(ctx);
    expect(removed.categories.map((c) => c.category.name)).not.toContain('cyan');
    // Blue alone for its edit, its correction, and its edit undone together with cyan's arrival.
    expect(scoredCounts(margins)).toEqual([all, 1, 1, 2]);
  });

  it('after a library change, score every category again, so each photo keeps its own margins', async () => {
    const { ctx, margins } = freshContext();
    const before = await computeTags(ctx);
    // Removing and re-adding a photo moves it to the last column and changes the version.
    const id = lib.idOf('red1');
    const vector = lib.store.get(id);
    if (!vector) throw new Error('red1 has no vector');
    await lib.store.remove(id);
    await lib.store.append(id, vector);
    const after = await computeTags(ctx);
    expect(after).not.toBe(before);
    expect(after.ids.at(-1)).toBe(id);
    expectSameMargins(after, before);
    const all = ctx.catalog.table('categories').length;
    expect(scoredCounts(margins)).toEqual([all, all]);
  });

  it("match the category editor's preview of the same category, which leaves their cached margins alone", async () => {
    const { ctx, margins } = freshContext();
    const tags = await computeTags(ctx);
    const warm = tags.categories.find((c) => c.category.name === 'warm');
    if (!warm) throw new Error('no warm category');
    const { id, name, prompts, negativePrompts, threshold } = warm.category;
    // Uncorrected at its default cut, so the re-tag's query and cut are the draft's own.
    expect([warm.accepted, warm.rejected, threshold]).toEqual([[], [], null]);
    const draft = { name, prompts, negativePrompts };
    const preview = await previewCategory(ctx, draft);
    expect(preview.scored).toBe(tags.ids.length);
    expect(preview.hits.map((h) => h.score)).toEqual(preview.hits.map((h) => h.score).sort((a, b) => b - a));
    const marginOf = (photoId: string) => warm.margins[tags.rowOf.get(photoId) ?? -1] ?? Number.NaN;
    for (const hit of preview.hits) expect(hit.score, hit.photoId).toBeCloseTo(marginOf(hit.photoId), 6);
    const matching = await previewCategory(ctx, draft, { minScore: preview.defaultThreshold });
    expect(new Set(matching.hits.map((h) => h.photoId))).toEqual(photosWithCategory(tags, id));
    // A threshold change after the previews still runs no product.
    updateCategory(ctx.catalog, id, { threshold: 10 });
    expect(photosWithCategory(await computeTags(ctx), id).size).toBe(0);
    updateCategory(ctx.catalog, id, { threshold: null });
    expect(scoredCounts(margins)).toEqual([ctx.catalog.table('categories').length, 1, 1]);
  });

  it('keep the library sample, which Rocchio weights are measured on, until the library grows by a tenth', async () => {
    const matrix = new LibraryMatrix(lib.store, lib.client);
    const sample = matrix.sample();
    const extra = ['extra-1', 'extra-2'];
    const vector = lib.store.get(lib.idOf('grey1'));
    if (!vector) throw new Error('grey1 has no vector');
    try {
      await lib.store.append('extra-1', vector);
      expect(matrix.sample()).toBe(sample);
      await lib.store.append('extra-2', vector);
      const resampled = matrix.sample();
      expect(resampled).not.toBe(sample);
      expect(resampled.count).toBe(sample.count + 2);
    } finally {
      for (const id of extra) await lib.store.remove(id);
    }
  });

  it('leave the stored calibration alone when a re-tag learns nothing new', async () => {
    const { ctx } = freshContext();
    await computeTags(ctx);
    const table = ctx.catalog.table('categories');
    // A new matrix for the same library forgets the memo; the same decisions come out.
    await computeTags({ ...ctx, matrix: new LibraryMatrix(lib.store, lib.client) });
    expect(ctx.catalog.table('categories')).toBe(table);
  });
});
