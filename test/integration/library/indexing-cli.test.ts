// Integration test: `clipfolio index` over the WHOLE shared image corpus (broken, malicious,
// bomb and edge-case files included), in place with a private --library: it finishes, every
// valid photo is indexed with its orientation applied, every broken one is listed with a
// readable reason. Then `status --json` and `photos --json` describe that library, and
// `watch` over it stops cleanly on SIGINT.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { testModelDir } from '../../fixtures/test-models';
import { runClipfolio } from '../cli/run-cli';

const corpus = path.resolve(process.cwd(), '../shared/testdata/images');

let tmp: string;
let libraryDir: string;

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'clipfolio-index-cli-'));
  libraryDir = path.join(tmp, 'library');
});

afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

interface Problem {
  path: string;
  reason: string;
}

interface PhotoEntry {
  id: string;
  path: string;
  status: string;
  reason: string | null;
  takenAt: string | null;
  width: number | null;
  height: number | null;
  camera: unknown;
}

it('indexes the whole corpus, then reports it through status and photos', { timeout: 600_000 }, async () => {
  const env = { CLIPFOLIO_HOME: tmp };
  const started = performance.now();
  const run = await runClipfolio(['index', corpus, '--library', libraryDir, '--model', testModelDir('transformers'), '--provider', 'cpu', '--json'], env);
  console.log(`corpus index: ${((performance.now() - started) / 1000).toFixed(1)} s wall`);
  expect(run.code, run.stderr).toBe(0);
  const summary = JSON.parse(run.stdout) as { indexed: number; skipped: number; failed: Problem[]; skippedFiles: Problem[]; seconds: number; imagesPerSecond: number };
  expect(summary.indexed).toBeGreaterThan(300);
  expect(summary.failed.length).toBeGreaterThan(20);
  for (const problem of [...summary.failed, ...summary.skippedFiles]) {
    expect(problem.reason.trim().length, problem.path).toBeGreaterThan(5);
  }
  expect(summary.skippedFiles.some((s) => s.path.endsWith('.bmp'))).toBe(true);
  expect(summary.seconds).toBeGreaterThan(0);
  expect(summary.imagesPerSecond).toBeGreaterThan(0);

  const photosRun = await runClipfolio(['photos', '--library', libraryDir, '--json'], env);
  expect(photosRun.code, photosRun.stderr).toBe(0);
  const photos = JSON.parse(photosRun.stdout) as PhotoEntry[];
  expect(photos.length).toBe(summary.indexed + summary.failed.length + summary.skipped);
  for (const photo of photos) {
    expect(Object.keys(photo)).toEqual(expect.arrayContaining(['id', 'path', 'status', 'reason', 'takenAt', 'width', 'height', 'camera']));
    expect(['indexed', 'failed', 'skipped']).toContain(photo.status);
    if (photo.status === 'indexed') expect(photo.width).toBeGreaterThan(0);
    else expect(photo.reason?.length).toBeGreaterThan(5);
  }
  const byName = new Map(photos.map((p) => [path.relative(corpus, p.path), p]));
  for (let o = 1; o <= 8; o++) {
    // Orientations 5..8 turn the stored 1800x1200 landscape pixels upright.
    expect(byName.get(`exif/orientation-recurser/Landscape_${o}.jpg`)).toMatchObject({ status: 'indexed', width: 1800, height: 1200 });
    expect(byName.get(`exif/orientation-recurser/Portrait_${o}.jpg`)).toMatchObject({ status: 'indexed', width: 1200, height: 1800 });
  }
  expect(byName.get('bad/empty/libgd__empty.jpeg')).toMatchObject({ status: 'skipped', reason: 'the file is empty' });
  expect(byName.get('bad/truncated/libgd__just_header.png')?.status).toBe('failed');

  const statusRun = await runClipfolio(['status', '--library', libraryDir, '--json'], env);
  expect(statusRun.code, statusRun.stderr).toBe(0);
  const status = JSON.parse(statusRun.stdout) as Record<string, unknown>;
  expect(status).toMatchObject({
    library: libraryDir,
    model: { id: 'transformers', dim: 512 },
    total: photos.length,
    counts: { indexed: summary.indexed, failed: summary.failed.length, skipped: summary.skipped, pending: 0 },
    roots: [{ path: corpus, photos: photos.length }],
  });
  expect((status.failures as Problem[]).map((f) => f.path).sort()).toEqual(summary.failed.map((f) => f.path).sort());

  // Nothing changed on disk, so a second run decodes nothing.
  const again = await runClipfolio(['index', corpus, '--library', libraryDir, '--model', testModelDir('transformers'), '--provider', 'cpu', '--json'], env);
  expect(again.code, again.stderr).toBe(0);
  expect(JSON.parse(again.stdout)).toMatchObject({ indexed: 0, failed: [], removed: 0 });
});

it('watch indexes, follows the library folders and exits 0 on SIGINT', { timeout: 120_000 }, async () => {
  const child = spawn(process.execPath, [path.resolve('bin', 'clipfolio.mjs'), 'watch', '--library', libraryDir, '--model', testModelDir('transformers'), '--provider', 'cpu'], {
    env: { ...process.env, CLIPFOLIO_HOME: tmp },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      // Once: a second Ctrl-C would end it at once, which a user does on purpose.
      if (!stdout.includes('watching ') && (stdout + d).includes('watching ')) child.kill('SIGINT');
      stdout += d;
    });
    child.on('error', reject);
    child.on('exit', (exitCode) => resolve(exitCode));
  });
  expect(code, stderr).toBe(0);
  expect(stdout).toMatch(/indexed 0, unchanged \d+/);
});
