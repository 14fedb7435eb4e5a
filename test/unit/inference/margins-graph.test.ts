// Runs in: vitest (forked process; onnxruntime in the test process itself). The margins graph
// against a plain float64 computation of the "tag calibration" note from the same engine's
// cosines, on random photos and on photos at the ends of the cosine range, where the float32
// exponentials could overflow.
import { afterAll, describe, expect, it } from 'vitest';
import { SimilarityEngine } from '../../../main/inference/similarity';
import { LOGIT_SCALE } from '../../../main/tagging/calibration';

const DIM = 16;
const CATEGORIES = 3;
const BACKGROUND = 4;
/** Negative prompts: category 0 has the first, category 2 both, category 1 none. */
const NEGATIVES = 2;
const OWN_NEGATIVES = [[0], [], [0, 1]];

function unitRows(rows: number, seed: number): Float32Array[] {
  let state = seed;
  const next = () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31 - 0.5;
  };
  return Array.from({ length: rows }, () => {
    const row = Float32Array.from({ length: DIM }, next);
    const scale = 1 / Math.hypot(...row);
    return row.map((x) => x * scale);
  });
}

const pack = (rows: readonly Float32Array[]) => {
  const out = new Float32Array(rows.length * DIM);
  rows.forEach((v, r) => out.set(v, r * DIM));
  return out;
};

const categories = unitRows(CATEGORIES, 1);
const alternatives = unitRows(BACKGROUND + NEGATIVES, 2);
const queries = [...categories, ...alternatives];
// Random photos, then each query itself and its opposite (cosines 1 and -1).
const photos = [...unitRows(200, 3), ...queries, ...queries.map((q) => q.map((x) => -x))];
const mask = Float32Array.from({ length: CATEGORIES * (BACKGROUND + NEGATIVES) }, (_, k) => {
  const [c, a] = [Math.floor(k / (BACKGROUND + NEGATIVES)), k % (BACKGROUND + NEGATIVES)];
  return a < BACKGROUND || (OWN_NEGATIVES[c] ?? []).includes(a - BACKGROUND) ? 1 : 0;
});

const engine = new SimilarityEngine(1);
engine.setMatrix('photos', { version: 1, data: pack(photos), rows: photos.length, dim: DIM });

afterAll(() => engine.dropMatrix('photos'));

describe('margins graph', () => {
  it('matches the note computed in float64 from the cosines, category-major, everywhere in the cosine range', async () => {
    const margins = await engine.margins('photos', 1, pack(queries), CATEGORIES, mask);
    const count = queries.length;
    const cosines = await engine.score('photos', 1, pack(queries), count);
    expect(margins).toHaveLength(CATEGORIES * photos.length);
    for (let c = 0; c < CATEGORIES; c++) {
      const columns = [...Array.from({ length: BACKGROUND }, (_, a) => a), ...(OWN_NEGATIVES[c] ?? []).map((n) => BACKGROUND + n)];
      photos.forEach((_, p) => {
        const s = (q: number) => cosines[p * count + q] ?? Number.NaN;
        const lse = Math.log(columns.reduce((sum, a) => sum + Math.exp(LOGIT_SCALE * s(CATEGORIES + a)), 0)) / LOGIT_SCALE;
        expect(Math.abs((margins[c * photos.length + p] ?? Number.NaN) - (s(c) - lse)), `category ${c}, photo ${p}`).toBeLessThan(1e-6);
      });
    }
  });

  it('stays finite when every alternative is at cosine -1, below the range it is exact in', async () => {
    const [category = new Float32Array(), alternative = new Float32Array()] = unitRows(2, 4);
    const photo = alternative.map((x) => -x);
    engine.setMatrix('far', { version: 1, data: photo, rows: 1, dim: DIM });
    const [margin = Number.NaN] = await engine.margins('far', 1, pack([category, alternative, alternative]), 1, Float32Array.of(1, 1));
    const cosine = category.reduce((sum, x, i) => sum + x * (photo[i] ?? 0), 0);
    // The true LSE is -1 + ln 2 / T; the floor holds it near -0.67, so the margin errs low.
    expect(Number.isFinite(margin)).toBe(true);
    expect(margin).toBeGreaterThan(cosine + 0.6);
    expect(margin).toBeLessThan(cosine + 1);
  });

  it('refuses a mask that does not fit the queries', async () => {
    await expect(engine.margins('photos', 1, pack(queries), CATEGORIES, new Float32Array(2))).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });
});
