// Runs in: vitest (forked process). `clipfolio eval` as a user runs it on a generated tree of
// labelled photos (red/, green/, blue/) with the known-answer models: every photo sorted
// right (100% top-1) with a correct per-class table, two models side by side over the same
// photos, and a photo the library already holds reused rather than embedded again.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ModelEvaluation } from '../../../main/shared/api-contract';
import { testModelDir } from '../../fixtures/test-models';
import { runClipfolio } from './run-cli';

const SHADES = {
  blue: [[10, 30, 230], [0, 0, 250], [20, 20, 200]],
  green: [[20, 220, 30], [0, 250, 0], [30, 190, 20], [10, 240, 60]],
  red: [[230, 20, 20], [250, 0, 10], [200, 10, 30]],
} as const;

let tmp: string;
let tree: string;

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'clipfolio-eval-'));
  tree = path.join(tmp, 'labelled');
  for (const [name, shades] of Object.entries(SHADES)) {
    // Photos at any depth under a class folder belong to it.
    const folder = path.join(tree, name, name === 'green' ? 'park' : '');
    await mkdir(folder, { recursive: true });
    await Promise.all(shades.map(([r, g, b], i) => sharp({ create: { width: 64, height: 48, channels: 3, background: { r, g, b } } }).jpeg().toFile(path.join(folder, `${name}-${i}.jpg`))));
  }
});

afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

const run = (...args: string[]) => runClipfolio(['eval', tree, '--library', path.join(tmp, 'library'), ...args], { CLIPFOLIO_HOME: tmp });

it('sorts every photo of a labelled tree right, with a correct per-class table', async () => {
  const result = await run('--model', testModelDir('transformers'), '--json');
  expect(result.code, result.stderr).toBe(0);
  const report = JSON.parse(result.stdout) as { classes: string[]; photos: number; models: ModelEvaluation[] };
  expect(report).toMatchObject({ classes: ['blue', 'green', 'red'], photos: 10 });
  const [only] = report.models;
  expect(only).toMatchObject({ photos: 10, top1: 1, top5: 1, confusions: [], failed: [], reused: 0, templates: 'category' });
  expect(only?.classes).toEqual([
    { name: 'blue', photos: 3, accuracy: 1, tagged: 3, precision: 1, recall: 1 },
    { name: 'green', photos: 4, accuracy: 1, tagged: 4, precision: 1, recall: 1 },
    { name: 'red', photos: 3, accuracy: 1, tagged: 3, precision: 1, recall: 1 },
  ]);
  expect(only?.photosPerSecond).toBeGreaterThan(0);
});

it('runs two models over the same photos and prints them side by side, with the paper’s templates too', async () => {
  const result = await run('--model', testModelDir('transformers'), '--model', testModelDir('immich'), '--templates', 'imagenet');
  expect(result.code, result.stderr).toBe(0);
  const lines = result.stdout.split('\n');
  expect(lines[0]).toMatch(/^\s+transformers\s+immich$/);
  expect(lines.find((l) => l.startsWith('top-1'))).toMatch(/^top-1\s+100\.0%\s+100\.0%$/);
  expect(lines.find((l) => l.startsWith('green (4)'))).toMatch(/100\.0%\s+100\.0%\s+100\.0%\s+100\.0%\s+100\.0%\s+100\.0%/);
});

it('reuses the embeddings of photos already in the library', async () => {
  const library = ['--library', path.join(tmp, 'library'), '--model', testModelDir('transformers')];
  expect((await runClipfolio(['index', path.join(tree, 'red'), ...library], { CLIPFOLIO_HOME: tmp })).code).toBe(0);
  const report = JSON.parse((await run('--model', testModelDir('transformers'), '--json')).stdout) as { models: ModelEvaluation[] };
  expect(report.models[0]).toMatchObject({ reused: 3, top1: 1 });
});

it('says what it needs when the folder has no class folders', async () => {
  const result = await runClipfolio(['eval', path.join(tree, 'red'), '--library', path.join(tmp, 'library'), '--model', testModelDir('transformers')], { CLIPFOLIO_HOME: tmp });
  expect(result.code).toBe(1);
  expect(result.stderr).toMatch(/needs at least two folders, one per class/);
});
