import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { learnThreshold, marginSpread, meanDirection, normalise, rocchio, rocchioWeights, standardDeviation, type LibrarySample } from '../../../main/tagging/calibration';
import { decideCategory, isTagged, taggedCountsAt } from '../../../main/tagging/category-scoring';
import { CATEGORY_TEMPLATES, categoryPrompts } from '../../../main/tagging/prompt-templates';

describe('prompt ensemble', () => {
  it('uses templates from the CLIP paper verbatim, then the user phrasings once', () => {
    const paper = JSON.parse(readFileSync(path.resolve(process.cwd(), '../shared/testdata/clip/imagenet-prompts.json'), 'utf8')) as { templates: string[] };
    for (const t of CATEGORY_TEMPLATES) expect(paper.templates).toContain(t);
    const prompts = categoryPrompts(' beach ', ['sand and sea', 'sand and sea', ' ']);
    expect(prompts[0]).toBe('a photo of a beach.');
    expect(prompts.filter((p) => p === 'sand and sea')).toHaveLength(1);
    expect(prompts).toHaveLength(CATEGORY_TEMPLATES.length + 1);
  });
});

describe('decisions', () => {
  const margins = Float32Array.of(0.2, -0.1, 0.3, -0.2);

  it('count each corrected photo once, whichever side of the cut it is on', () => {
    // Both corrections already on their side of the default cut: they change nothing.
    expect(decideCategory(margins, { threshold: null, accepted: [0], rejected: [1] })).toMatchObject({ threshold: 0, taggedCount: 2 });
    // Against the cut: each correction moves its own photo, and the cut stays the user's.
    const corrected = decideCategory(margins, { threshold: 0.1, accepted: [3], rejected: [2] });
    expect(corrected).toMatchObject({ threshold: 0.1, taggedCount: 2 });
    expect([0, 1, 2, 3].map((c) => isTagged(corrected, c))).toEqual([true, false, false, true]);
  });

  it('change exactly the corrected photos: rejecting 1, then 2 takes 1, then 2 out; accepting one outside adds it', () => {
    const scores = Float32Array.from({ length: 50 }, (_, i) => Math.sin(i * 1.7) * 0.1);
    const tagged = (plan: { accepted: number[]; rejected: number[] }) => {
      const result = decideCategory(scores, { threshold: null, ...plan });
      const set = scores.reduce<number[]>((out, _, c) => (isTagged(result, c) ? [...out, c] : out), []);
      expect(result.taggedCount).toBe(set.length);
      return set;
    };
    const before = tagged({ accepted: [], rejected: [] });
    const [first = -1, second = -1] = before;
    const outside = scores.findIndex((m) => m < 0);
    expect(tagged({ accepted: [], rejected: [first] })).toEqual(before.filter((c) => c !== first));
    expect(tagged({ accepted: [], rejected: [first, second] })).toEqual(before.filter((c) => c !== first && c !== second));
    expect(tagged({ accepted: [outside], rejected: [] })).toEqual([...before, outside].sort((a, b) => a - b));
  });

  it('count at each cut as one decision per cut does', () => {
    const plan = { accepted: [1], rejected: [2] };
    expect(taggedCountsAt(margins, plan, [-0.3, 0, 0.25])).toEqual([-0.3, 0, 0.25].map((t) => decideCategory(margins, { ...plan, threshold: t }).taggedCount));
    expect(taggedCountsAt(margins, plan, [-0.3, 0, 0.25])).toEqual([3, 2, 1]);
  });
});

describe('learning from corrections', () => {
  it('keeps the base threshold when it already separates the corrections', () => {
    expect(learnThreshold(0, [0.2], [-0.1], 0.1)).toBe(0);
  });

  it('moves above a rejected photo by a gap, so its near-copies fall below too', () => {
    expect(learnThreshold(0, [], [0.1], 0.4)).toBeCloseTo(0.2);
  });

  it('moves below accepted photos, and between accepted and rejected ones', () => {
    // Two accepted photos under the cut: it moves to the nearest cut that takes both in.
    expect(learnThreshold(0, [-0.3, -0.25], [], 0.4)).toBeCloseTo(-0.35);
    expect(learnThreshold(0, [0.3], [0.1], 0.8)).toBeCloseTo(0.2);
  });

  it('does not lower the cut for one accepted photo: that photo is an exception its own decision tags', () => {
    expect(learnThreshold(0, [-0.3], [], 0.4)).toBe(0);
    expect(learnThreshold(0, [-0.3], [-0.5], 0.4)).toBe(0);
  });

  it('the fewest corrections on the wrong side win, then the nearest to the base', () => {
    expect(learnThreshold(0, [0.5, 0.4], [0.1, 0.2], 0.1)).toBeCloseTo(0.225);
    // Overlapping: every cut leaves one wrong, so the base stays.
    expect(learnThreshold(0, [0.5, 0.4, 0.05], [0.1], 0.1)).toBe(0);
  });

  /** Unit photo vectors as LibraryMatrix.sample() gives them. */
  const sampleOf = (rows: number[][]): LibrarySample => {
    const dim = rows[0]?.length ?? 0;
    const out = new Float32Array(rows.length * dim);
    rows.forEach((row, r) => out.set(normalise(Float32Array.from(row)), r * dim));
    return { rows: out, count: rows.length, dim };
  };
  const dot = (a: Float32Array, b: ArrayLike<number>) => a.reduce((sum, x, i) => sum + x * (b[i] ?? 0), 0);

  it('Rocchio moves the category towards accepted and away from rejected, centred on the library', () => {
    const v = meanDirection([Float32Array.from([1, 0, 0]), Float32Array.from([1, 0.2, 0])]);
    const mu = Float32Array.from([0, 0, 0.5]);
    const sample = sampleOf([
      [1, 0, 1],
      [0, 1, 1],
      [-1, -1, 1],
    ]);
    const corrections = { accepted: null, rejected: Float32Array.from([0, 1, 0.5]) };
    const moved = rocchio(v, corrections, mu, rocchioWeights(v, [], corrections, mu, sample));
    expect(moved[1]).toBeLessThan(0);
    // The library-wide direction (dim 2) is not what separates, so it is left alone.
    expect(moved[2]).toBeCloseTo(0);
    expect(Math.hypot(...moved)).toBeCloseTo(1);
  });

  it('Rocchio weighs a correction by its spread over the library, so accepted photos unlike the words extend the category', () => {
    // Dim 2 is shared by every photo; the category's words (dim 0) separate the photos far
    // less than the accepted photo's direction (dim 1) does, as text vs image cosines in CLIP.
    const rows = [
      [0.1, -0.5, 0.8],
      [-0.1, 0.5, 0.8],
      [0, 0, 1],
    ];
    const sample = sampleOf(rows);
    const [fits, accepted, neutral] = rows.map((r) => normalise(Float32Array.from(r)));
    if (!fits || !accepted || !neutral) throw new Error('three photos');
    const v = Float32Array.of(1, 0, 0);
    const mu = Float32Array.from([0, 1, 2], (i) => ((fits[i] ?? 0) + (accepted[i] ?? 0) + (neutral[i] ?? 0)) / 3);
    const corrections = { accepted, rejected: null };
    const moved = rocchio(v, corrections, mu, rocchioWeights(v, [], corrections, mu, sample));
    // The accepted kind of photo scores higher than before, yet the photo the words fit stays first.
    expect(dot(moved, accepted)).toBeGreaterThan(dot(v, accepted));
    expect(dot(moved, fits)).toBeGreaterThan(dot(moved, accepted));
    // Without corrections the category is its words alone.
    const none = { accepted: null, rejected: null };
    expect(rocchioWeights(v, [], none, mu, sample)).toEqual({ accepted: 0, rejected: 0 });
    expect(rocchio(v, none, mu, { accepted: 1, rejected: 1 })).toBe(v);
  });

  it('measures the margins spread as the margins graph scores them, net of what the alternatives share', () => {
    const rows = [
      [0, 1, 0.2],
      [0.3, 1, 0.6],
      [0, 0.5, 1.4],
    ];
    const sample = sampleOf(rows);
    const category = normalise(Float32Array.of(0, 1, 1));
    const background = Float32Array.of(0, 0, 1);
    const photos = rows.map((r) => normalise(Float32Array.from(r)));
    // LSE over one alternative, or over two equal ones (+ ln 2 / T for every photo), is no spread of its own.
    const expected = standardDeviation(photos.map((x) => dot(category, x) - dot(background, x)));
    expect(marginSpread(category, [background], sample)).toBeCloseTo(expected, 6);
    expect(marginSpread(category, [background, background], sample)).toBeCloseTo(expected, 6);
    expect(marginSpread(category, [], sample)).toBeCloseTo(standardDeviation(photos.map((x) => dot(category, x))), 6);
  });
});
