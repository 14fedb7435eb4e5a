import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { categoryMargins, learnThreshold, logSumExpColumns, meanDirection, rocchio } from '../../../main/tagging/calibration';
import { decideCategory, isTagged, scoreCategories } from '../../../main/tagging/category-scoring';
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

describe('calibrated margins', () => {
  // Queries: 0 category, 1 negative, 2-3 background; 3 photos. Written a query per line,
  // handed over photo-major as the similarity product returns them.
  const byQuery = [[0.3, 0.3, 0.2], /* neg */ [0.1, 0.35, 0.1], /* bg */ [0.2, 0.2, 0.25], [0.2, 0.2, 0.25]];
  const scores = Float32Array.from({ length: 12 }, (_, k) => byQuery[k % 4]?.[Math.floor(k / 4)] ?? 0);
  const input = { scores, n: 3, count: 4 };

  it('LSE at CLIP logit scale is a soft max', () => {
    const lse = logSumExpColumns(input, [2, 3]);
    expect(lse[0]).toBeCloseTo(0.2 + Math.log(2) / 100, 5);
  });

  it('LSE is exact against a direct sum, whichever term is largest, and ignores terms far below it', () => {
    const far = { scores: Float32Array.from([0.3, 0.3 - 0.5, 0.25, 0.31]), n: 1, count: 4 };
    const direct = (values: number[]) => Math.log(values.reduce((sum, v) => sum + Math.exp(100 * v), 0)) / 100;
    expect(logSumExpColumns(far, [0, 2, 3])[0]).toBeCloseTo(direct([0.3, 0.25, 0.31]), 6);
    expect(logSumExpColumns(far, [0, 1])[0]).toBeCloseTo(direct([0.3, 0.3 - 0.5]), 6);
    expect(logSumExpColumns(far, [])[0]).toBe(Number.NEGATIVE_INFINITY);
  });

  it('LSE by table stays within float32 resolution of the exact formula at every gap', () => {
    // Near 0.01 a float32 holds the result to ~1e-9, so the table's own error (<= 1.2e-9) shows.
    const gaps = Array.from({ length: 500 }, (_, i) => i * 0.0005);
    const pairs = Float32Array.from(gaps.flatMap((gap, i) => (i % 2 === 0 ? [0.01, 0.01 - gap] : [0.01 - gap, 0.01])));
    const lse = logSumExpColumns({ scores: pairs, n: gaps.length, count: 2 }, [0, 1]);
    gaps.forEach((_, i) => {
      const a = pairs[2 * i] ?? 0;
      const b = pairs[2 * i + 1] ?? 0;
      const exact = Math.max(a, b) + Math.log1p(Math.exp(-100 * Math.abs(a - b))) / 100;
      expect(Math.abs((lse[i] ?? 0) - exact), `gap ${Math.abs(a - b)}`).toBeLessThan(3e-9);
    });
  });

  it('is positive exactly when the category beats background and negatives under softmax', () => {
    const bg = logSumExpColumns(input, [2, 3]);
    const [plain = new Float32Array(), withNegative = new Float32Array()] = categoryMargins(input, bg, [
      { column: 0, negativeColumns: [] },
      { column: 0, negativeColumns: [1] },
    ]);
    expect(plain[0]).toBeGreaterThan(0);
    expect(plain[1]).toBeGreaterThan(0);
    expect(plain[2]).toBeLessThan(0);
    // Photo 1 is closer to the negative prompt (0.35) than to the category (0.3).
    expect(withNegative[1]).toBeLessThan(0);
    expect(withNegative[0]).toBeGreaterThan(0);
  });

  it('scoreCategories applies corrections last and reports the learned threshold', () => {
    const [result] = scoreCategories(input, logSumExpColumns(input, [2, 3]), [{ column: 0, negativeColumns: [], threshold: null, accepted: [2], rejected: [1] }]);
    // Photo 0 scores exactly as the rejected photo 1 does, so the cut raised above photo 1
    // drops it too; photo 2 (accepted, alone under the cut) is tagged by its own decision.
    expect([0, 1, 2].map((c) => result && isTagged(result, c))).toEqual([false, false, true]);
    expect(result?.taggedCount).toBe(1);
    // Photo 2 (accepted, margin < 0) and photo 1 (rejected, margin > 0) cannot both be on
    // the right side, so the threshold moves to put one of them right.
    expect(result?.threshold).not.toBe(0);
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
