// Runs in: vitest (forked process). Zero-shot categories and corrections end to end: the
// real worker encodes the prompts and runs the margins graph over photos embedded with the
// known-answer model, whose answers for colour words and colour photos are known; that a
// correction changes its own photos only and learning only when applied; what a re-tag
// reuses (the memoised TagSet, each category's margins) and what makes it start over; and
// the category editor's preview of a draft, scored and counted as a re-tag does it.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { previewCategory } from '../../../main/app/category-preview';
import { LibraryMatrix } from '../../../main/search/library-matrix';
import { lookAlikesToDecide } from '../../../main/tagging/look-alikes';
import { LOGIT_SCALE, meanDirection } from '../../../main/tagging/calibration';
import { addCategory, decideTag, findCategory, removeCategory, updateCategory } from '../../../main/tagging/category-store';
import { BACKGROUND_PROMPTS, categoryPrompts } from '../../../main/tagging/prompt-templates';
import { applyLearning, keepCategory, suggestLearning } from '../../../main/tagging/learning-suggestion';
import { describeSuggestion } from '../../../main/shared/suggestion-words';
import { categoryQuery, computeTags, photosWithCategory, tagsOfPhoto, type TagSet } from '../../../main/tagging/tagger';
import { sidecarEntries } from '../../../main/interop/sidecar-entries';
import { COLOUR_PHOTOS, openColourLibrary, type ColourLibrary, type PhotoName } from './colour-library';

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
  it('a rejection takes exactly the rejected photos out, one and then two', async () => {
    const red = findCategory(lib.ctx.catalog, 'red');
    const before = await tagged('red');
    expect(before).toEqual(expect.arrayContaining(['magenta1', 'magenta2']));

    decideTag(lib.ctx.catalog, [lib.idOf('magenta1')], red.id, 'rejected');
    expect(await tagged('red')).toEqual(before.filter((n) => n !== 'magenta1'));
    decideTag(lib.ctx.catalog, [lib.idOf('magenta2')], red.id, 'rejected');
    expect(await tagged('red')).toEqual(before.filter((n) => !n.startsWith('magenta')));

    const tags = await computeTags(lib.ctx);
    const magenta1 = tagsOfPhoto(tags, lib.idOf('magenta1'), ['holiday']);
    expect(magenta1.map((t) => [t.name, t.source])).toEqual([
      ['red', 'rejected'],
      ['blue', 'auto'],
      ['warm', 'auto'],
      ['holiday', 'keyword'],
    ]);
    expect(findCategory(lib.ctx.catalog, 'red').calibration).toMatchObject({ rejected: 2, accepted: 0, tagged: before.length - 2 });
    decideTag(lib.ctx.catalog, [lib.idOf('magenta1'), lib.idOf('magenta2')], red.id, null);
    expect(await tagged('red')).toEqual(before);
  });

  it('offers the near-identical photos a correction left as they were, and changes none of them', async () => {
    const red = findCategory(lib.ctx.catalog, 'red');
    const before = await tagged('red');
    decideTag(lib.ctx.catalog, [lib.idOf('magenta1')], red.id, 'rejected');
    // magenta2 looks the same and is still tagged red: offered; nothing else is.
    expect((await lookAlikesToDecide(lib.ctx, [lib.idOf('magenta1')], red.id, 'rejected')).map(lib.nameOf)).toEqual(['magenta2']);
    expect(await tagged('red')).toEqual(before.filter((n) => n !== 'magenta1'));
    // Decided the same way, it is no longer offered.
    decideTag(lib.ctx.catalog, [lib.idOf('magenta2')], red.id, 'rejected');
    expect(await lookAlikesToDecide(lib.ctx, [lib.idOf('magenta1')], red.id, 'rejected')).toEqual([]);
    decideTag(lib.ctx.catalog, [lib.idOf('magenta1'), lib.idOf('magenta2')], red.id, null);
    // The greys are not red: accepting one offers the other two.
    decideTag(lib.ctx.catalog, [lib.idOf('grey1')], red.id, 'accepted');
    expect((await lookAlikesToDecide(lib.ctx, [lib.idOf('grey1')], red.id, 'accepted')).map(lib.nameOf).sort()).toEqual(['grey2', 'grey3']);
    decideTag(lib.ctx.catalog, [lib.idOf('grey1')], red.id, null);
    expect(await tagged('red')).toEqual(before);
  });

  it('an accept adds exactly that photo, even one far from the category', async () => {
    const red = findCategory(lib.ctx.catalog, 'red');
    const before = await tagged('red');
    decideTag(lib.ctx.catalog, [lib.idOf('grey1')], red.id, 'accepted');
    expect(await tagged('red')).toEqual([...before, 'grey1'].sort());
    decideTag(lib.ctx.catalog, [lib.idOf('grey1')], red.id, null);
    expect(await tagged('red')).toEqual(before);
  });

  it('a manual cut stays where the user set it whatever the rejections', async () => {
    addCategory(lib.ctx.catalog, { name: 'hot', prompts: ['red'], threshold: -0.05 });
    const hot = findCategory(lib.ctx.catalog, 'hot');
    const before = await tagged('hot');
    const rejected = before.slice(0, 5);
    for (const [i, name] of rejected.entries()) {
      decideTag(lib.ctx.catalog, [lib.idOf(name)], hot.id, 'rejected');
      expect(await tagged('hot')).toEqual(before.filter((n) => !rejected.slice(0, i + 1).includes(n)));
    }
    expect(findCategory(lib.ctx.catalog, 'hot')).toMatchObject({ threshold: -0.05, calibration: { threshold: -0.05 } });
    removeCategory(lib.ctx.catalog, 'hot');
  });
});

describe('learning from corrections', () => {
  it('is suggested with its effect in photos, and changes nothing until applied', async () => {
    addCategory(lib.ctx.catalog, { name: 'scarlet', prompts: ['red'] });
    const scarlet = findCategory(lib.ctx.catalog, 'scarlet');
    const before = await tagged('scarlet');
    expect(before).toEqual(expect.arrayContaining(['red1', 'red2', 'red3', 'magenta1', 'yellow']));
    // One rejection is an exception its own decision settles: nothing to suggest.
    decideTag(lib.ctx.catalog, [lib.idOf('magenta1')], scarlet.id, 'rejected');
    expect(await suggestLearning(lib.ctx, scarlet.id)).toBeNull();
    decideTag(lib.ctx.catalog, [lib.idOf('yellow')], scarlet.id, 'rejected');
    const afterCorrections = await tagged('scarlet');
    expect(afterCorrections).toEqual(before.filter((n) => n !== 'magenta1' && n !== 'yellow'));

    const suggestion = await suggestLearning(lib.ctx, scarlet.id);
    if (!suggestion) throw new Error('two rejections above the cut suggest nothing');
    expect(suggestion).toMatchObject({ accepted: 0, rejected: 2, movesQuery: true });
    expect(suggestion.leaves.map(lib.nameOf)).toContain('magenta2');
    expect(suggestion.leaves.map(lib.nameOf)).not.toContain('red1');
    expect(describeSuggestion(suggestion)).toMatch(/^(Raise the cut( and learn from your corrections)?|Learn from your corrections): \d+ photos? would leave$/);
    // Still only the corrected photos changed.
    expect(await tagged('scarlet')).toEqual(afterCorrections);

    await applyLearning(lib.ctx, scarlet.id, suggestion.key);
    const learned = await tagged('scarlet');
    const expected = afterCorrections.filter((n) => !suggestion.leaves.map(lib.nameOf).includes(n));
    expect(learned).toEqual([...expected, ...suggestion.joins.map(lib.nameOf)].sort());
    const applied = findCategory(lib.ctx.catalog, 'scarlet').learned;
    expect(applied?.modelId).toBe(lib.ctx.modelId);
    expect(applied?.rejected).toContain(lib.idOf('yellow'));
    // Applied, the same corrections suggest nothing more; a stale key is refused.
    expect(await suggestLearning(lib.ctx, scarlet.id)).toBeNull();
    await expect(applyLearning(lib.ctx, scarlet.id, suggestion.key)).rejects.toThrow(/changed/);
    removeCategory(lib.ctx.catalog, 'scarlet');
  });

  it('kept as it is, the suggestion is not offered again until the corrections change', async () => {
    addCategory(lib.ctx.catalog, { name: 'crimson', prompts: ['red'] });
    const crimson = findCategory(lib.ctx.catalog, 'crimson');
    decideTag(lib.ctx.catalog, [lib.idOf('magenta1'), lib.idOf('yellow')], crimson.id, 'rejected');
    const before = await tagged('crimson');
    const suggestion = await suggestLearning(lib.ctx, crimson.id);
    if (!suggestion) throw new Error('no suggestion');
    await keepCategory(lib.ctx, crimson.id, suggestion.key);
    expect(await suggestLearning(lib.ctx, crimson.id)).toBeNull();
    expect(await tagged('crimson')).toEqual(before);
    decideTag(lib.ctx.catalog, [lib.idOf('red3')], crimson.id, 'rejected');
    const next = await suggestLearning(lib.ctx, crimson.id);
    expect(next?.key).not.toBe(suggestion.key);
    expect(next).toMatchObject({ rejected: 3 });
    removeCategory(lib.ctx.catalog, 'crimson');
  });

  it('applied from accepted photos unlike the words, extends the category instead of replacing it', async () => {
    // The words' cosines with photos spread far less than an accepted photo's direction does
    // (here the ten templates of "blues" match nothing): with a fixed weight, two accepted reds made
    // "blues" tag reds and no blue photo.
    addCategory(lib.ctx.catalog, { name: 'blues', prompts: ['blue'] });
    const blues = findCategory(lib.ctx.catalog, 'blues');
    expect(await tagged('blues')).toEqual(expect.arrayContaining(['blue1', 'blue2']));
    decideTag(lib.ctx.catalog, [lib.idOf('red1'), lib.idOf('red2')], blues.id, 'accepted');
    const suggestion = await suggestLearning(lib.ctx, blues.id);
    if (!suggestion) throw new Error('two accepted photos below the cut suggest nothing');
    await applyLearning(lib.ctx, blues.id, suggestion.key);
    expect(await tagged('blues')).toEqual(expect.arrayContaining(['blue1', 'blue2', 'red1', 'red2']));
    removeCategory(lib.ctx.catalog, 'blues');
  });

  it('new words drop the learned query, and under another model it is learned again from the same photos', async () => {
    addCategory(lib.ctx.catalog, { name: 'ruby', prompts: ['red'] });
    const ruby = findCategory(lib.ctx.catalog, 'ruby');
    decideTag(lib.ctx.catalog, [lib.idOf('magenta1'), lib.idOf('yellow')], ruby.id, 'rejected');
    const suggestion = await suggestLearning(lib.ctx, ruby.id);
    if (!suggestion) throw new Error('no suggestion');
    await applyLearning(lib.ctx, ruby.id, suggestion.key);
    const learned = findCategory(lib.ctx.catalog, ruby.id);
    const asIfOtherModel = { ...learned, learned: learned.learned && { ...learned.learned, modelId: 'another-model' } };
    const again = await categoryQuery(lib.ctx, asIfOtherModel);
    expect(Array.from(again)).toEqual(learned.learned?.vector.map((x) => Math.fround(x)));
    updateCategory(lib.ctx.catalog, ruby.id, { prompts: ['crimson red'] });
    expect(findCategory(lib.ctx.catalog, ruby.id).learned).toBeNull();
    removeCategory(lib.ctx.catalog, 'ruby');
  });
});

describe('one decision function', () => {
  it('the preview, the counts, the category album, tags of each photo and XMP entries agree for random corrections and cuts', async () => {
    addCategory(lib.ctx.catalog, { name: 'tint', prompts: ['red', 'blue'] });
    const tint = findCategory(lib.ctx.catalog, 'tint');
    const names = Object.keys(COLOUR_PHOTOS) as PhotoName[];
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let round = 0; round < 8; round++) {
      decideTag(lib.ctx.catalog, names.map(lib.idOf), tint.id, null);
      for (const name of names) {
        const r = random();
        if (r < 0.2) decideTag(lib.ctx.catalog, [lib.idOf(name)], tint.id, 'accepted');
        else if (r < 0.4) decideTag(lib.ctx.catalog, [lib.idOf(name)], tint.id, 'rejected');
      }
      const cut = Math.round((random() * 0.2 - 0.1) * 1000) / 1000;
      updateCategory(lib.ctx.catalog, tint.id, { threshold: cut });
      const tags = await computeTags(lib.ctx);
      const album = photosWithCategory(tags, tint.id);
      const count = findCategory(lib.ctx.catalog, tint.id).calibration?.tagged;
      const preview = await previewCategory(lib.ctx, { name: 'tint', prompts: ['red', 'blue'], negativePrompts: [] }, { categoryId: tint.id, cuts: [cut] });
      const perPhoto = [...lib.ctx.catalog.photos()].filter((p) => tagsOfPhoto(tags, p.id, []).some((t) => t.categoryId === tint.id && t.source !== 'rejected'));
      const xmp = sidecarEntries(lib.ctx.catalog, tags).filter((e) => e.subjects.includes('tint'));
      expect(preview.counts, `round ${round}`).toEqual([{ cut, tagged: album.size }]);
      expect(count, `round ${round}`).toBe(album.size);
      expect(new Set(perPhoto.map((p) => p.id))).toEqual(album);
      expect(new Set(xmp.map((e) => e.photoPath))).toEqual(new Set(perPhoto.map((p) => p.path)));
    }
    removeCategory(lib.ctx.catalog, 'tint');
  });
});

describe('re-tags', () => {
  /** Margins by photo id, so tag sets over differently ordered columns compare. */
  const marginsOf = (tags: TagSet) =>
    new Map(tags.categories.flatMap((c) => [...tags.ids].map((id, column) => [`${c.category.name} ${id}`, c.margins[column] ?? Number.NaN] as const)));
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
    [...ids].forEach((id, photo) => {
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
    decideTag(ctx.catalog, [lib.idOf('grey1')], blue.id, 'accepted');
    const corrected = await computeTags(ctx);
    expect(corrected).not.toBe(edited);
    expect(photosWithCategory(corrected, blue.id)).toContain(lib.idOf('grey1'));
    decideTag(ctx.catalog, [lib.idOf('grey1')], blue.id, null);
    updateCategory(ctx.catalog, blue.id, { negativePrompts: [] });
    addCategory(ctx.catalog, { name: 'cyan' });
    const added = await computeTags(ctx);
    expect(added.categories.map((c) => c.category.name)).toContain('cyan');
    removeCategory(ctx.catalog, 'cyan');
    const removed = await computeTags(ctx);
    expect(removed.categories.map((c) => c.category.name)).not.toContain('cyan');
    // Blue alone for its edit, nothing for its correction (its margins stand), and blue's edit
    // undone together with cyan's arrival.
    expect(scoredCounts(margins)).toEqual([all, 1, 2]);
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
