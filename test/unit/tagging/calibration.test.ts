import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { learnThreshold, meanDirection, rocchio } from '../../../main/tagging/calibration';
import { decideCategory, isTagged } from '../../../main/tagging/category-scoring';
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
    // Rejecting photo 2 raises the cut past every photo; photo 3, accepted, keeps the tag under it.
    const raised = decideCategory(margins, { threshold: 0.1, accepted: [3], rejected: [2] });
    expect(raised.threshold).toBeGreaterThan(0.3);
    expect(raised.taggedCount).toBe(1);
    expect([0, 1, 2, 3].map((c) => isTagged(raised, c))).toEqual([false, false, false, true]);
  });

  it('apply corrections last and report the learned threshold', () => {
    // Photo 0 scores exactly as the rejected photo 1 does, so the cut raised above photo 1
    // drops it too; photo 2 (accepted, alone under the cut) is tagged by its own decision.
    const result = decideCategory(Float32Array.of(0.05, 0.05, -0.04), { threshold: null, accepted: [2], rejected: [1] });
    expect([0, 1, 2].map((c) => isTagged(result, c))).toEqual([false, false, true]);
    expect(result.taggedCount).toBe(1);
    // Photo 2 (accepted, margin < 0) and photo 1 (rejected, margin > 0) cannot both be on
    // the right side, so the threshold moves to put one of them right.
    expect(result.threshold).not.toBe(0);
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

  it('Rocchio moves the category towards accepted and away from rejected, centred on the library', () => {
    const v = meanDirection([Float32Array.from([1, 0, 0]), Float32Array.from([1, 0.2, 0])]);
    const mu = Float32Array.from([0, 0, 0.5]);
    const moved = rocchio(v, null, Float32Array.from([0, 1, 0.5]), mu);
    expect(moved[1]).toBeLessThan(0);
    // The library-wide direction (dim 2) is not what separates, so it is left alone.
    expect(moved[2]).toBeCloseTo(0);
    expect(Math.hypot(...moved)).toBeCloseTo(1);
  });
});
