// The embedding CLI end to end: a real process, the real worker and the generated
// known-answer model, checked against what the model must answer.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testModelDir } from '../../fixtures/test-models';
import { runClipfolio } from './run-cli';

const model = testModelDir('transformers');
const testdata = path.resolve(process.cwd(), '../shared/testdata');
let dir: string;
let home: string;

function dot(a: number[], b: number[]): number {
  return a.reduce((sum, x, i) => sum + x * (b[i] ?? 0), 0);
}

function norm(v: number[]): number {
  return Math.sqrt(dot(v, v));
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'clipfolio-cli-'));
  home = path.join(dir, 'home');
  const colours = { red: [220, 30, 30], green: [30, 200, 40], blue: [30, 40, 220] } as const;
  for (const [name, [r, g, b]] of Object.entries(colours)) {
    await sharp({ create: { width: 64, height: 48, channels: 3, background: { r, g, b } } })
      .jpeg()
      .toFile(path.join(dir, `${name}.jpg`));
  }
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('clipfolio CLI', () => {
  it('debug tokenize prints the golden ids as one JSON document', async () => {
    const golden = JSON.parse(await readFile(path.join(testdata, 'clip/tokens-golden.json'), 'utf8')) as {
      cases: { text: string; ids: number[] }[];
    };
    const cases = golden.cases.slice(0, 5);
    const run = await runClipfolio(['debug', 'tokenize', ...cases.map((c) => c.text), '--model', model, '--json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual(cases.map((c) => ({ text: c.text, ids: c.ids })));
  });

  it('embed-text returns unit vectors, and the colour words land on their colour', async () => {
    const run = await runClipfolio(['embed-text', 'a photo of something red', 'blue', '--model', model, '--json'], {
      CLIPFOLIO_HOME: home,
    });
    expect(run.code, run.stderr).toBe(0);
    const rows = JSON.parse(run.stdout) as { text: string; ids: number[]; embedding: number[] }[];
    expect(rows.map((r) => r.text)).toEqual(['a photo of something red', 'blue']);
    for (const row of rows) {
      expect(row.embedding).toHaveLength(512);
      expect(norm(row.embedding)).toBeCloseTo(1, 5);
      expect(row.ids[0]).toBe(49406);
      expect(row.ids.at(-1)).toBe(49407);
    }
    const [red, blue] = rows.map((r) => r.embedding);
    expect(red![0]).toBeGreaterThan(red![2]!);
    expect(blue![2]).toBeGreaterThan(blue![0]!);
  });

  it('embed-image ranks each colour photo first for its own word and reports broken files', async () => {
    const files = ['red', 'green', 'blue'].map((c) => path.join(dir, `${c}.jpg`));
    const broken = path.join(testdata, 'images/bad/empty/libgd__empty.jpeg');
    const images = await runClipfolio(['embed-image', ...files, broken, '--model', model, '--json']);
    expect(images.code).toBe(1);
    const rows = JSON.parse(images.stdout) as ({ file: string; embedding: number[] } | { file: string; error: { code: string; message: string } })[];
    expect(rows).toHaveLength(4);
    const failed = rows[3]!;
    expect('error' in failed && failed.error.message.length > 0).toBe(true);

    const texts = await runClipfolio(['embed-text', 'red', 'green', 'blue', '--model', model, '--json']);
    const words = JSON.parse(texts.stdout) as { embedding: number[] }[];
    words.forEach((word, w) => {
      const scores = rows.slice(0, 3).map((row) => ('embedding' in row ? dot(row.embedding, word.embedding) : -1));
      expect(scores.indexOf(Math.max(...scores))).toBe(w);
    });
  });

  it('debug preprocess writes the model input as float32 NCHW', async () => {
    const out = path.join(dir, 'red.f32');
    const run = await runClipfolio(['debug', 'preprocess', path.join(dir, 'red.jpg'), '--out', out, '--model', model]);
    expect(run.code, run.stderr).toBe(0);
    const bytes = await readFile(out);
    expect(bytes.byteLength).toBe(3 * 224 * 224 * 4);
    const tensor = new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
    // Red channel well above the CLIP mean, green and blue below it.
    expect(tensor[0]!).toBeGreaterThan(1);
    expect(tensor[224 * 224]!).toBeLessThan(-1);
    expect(tensor[2 * 224 * 224]!).toBeLessThan(-1);
  });

  it('doctor reports the platform, providers and the model folder state', async () => {
    const run = await runClipfolio(['doctor', '--json', '--model', model], { CLIPFOLIO_HOME: home });
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as {
      providers: { available: string[]; auto: { chosen: string; reason: string } };
      model: { ok: boolean; layout: string };
      modelsDir: string;
    };
    expect(report.providers.available).toContain('cpu');
    expect(report.providers.auto.reason.length).toBeGreaterThan(0);
    expect(report.model).toMatchObject({ ok: true, layout: 'transformers' });
    expect(report.modelsDir).toBe(path.join(home, 'models'));
  });

  it('fails with a message on stderr and a non-zero code for a missing model folder', async () => {
    const run = await runClipfolio(['embed-text', 'x', '--model', path.join(dir, 'nope')]);
    expect(run.code).not.toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/clipfolio: .*nope/);
  });

  it('rejects unknown commands and flags as usage errors', async () => {
    expect((await runClipfolio(['frobnicate'])).code).toBe(2);
    const run = await runClipfolio(['embed-text', 'x', '--bogus']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/bogus/);
  });
});
