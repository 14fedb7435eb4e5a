// Runs in: vitest (forked process). `clipfolio trash` and `clipfolio export` as a user runs
// them, on a library indexed with the known-answer model: trash moves the file to the
// freedesktop trash (XDG_DATA_HOME points it into the test's folder) and the photo out of
// the library; `clipfolio undo` puts the file back and the photo with its keyword and album
// place; `redo` trashes it again. Export copies an album's files, a taken name getting " (2)".
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { testModelDir } from '../../fixtures/test-models';
import { writeNoisePhoto } from '../library/indexing-photos';
import { runClipfolio } from './run-cli';

let tmp: string;
let photos: string;
let trash: string;
let model: string[];
let lib: string[];
let run: (...args: string[]) => Promise<string>;

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'clipfolio-trash-cli-'));
  photos = path.join(tmp, 'photos');
  trash = path.join(tmp, 'data', 'Trash');
  for (const name of ['a', 'b', 'c']) await writeNoisePhoto(path.join(photos, `${name}.jpg`), name.charCodeAt(0));
  lib = ['--library', path.join(tmp, 'library')];
  model = [...lib, '--model', testModelDir('transformers'), '--provider', 'cpu'];
  run = async (...args: string[]) => {
    const result = await runClipfolio(args, { CLIPFOLIO_HOME: tmp, XDG_DATA_HOME: path.join(tmp, 'data') });
    expect(result.code, `${args.join(' ')}: ${result.stderr}`).toBe(0);
    return result.stdout;
  };
  await run('index', photos, ...model, '--json');
});

afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

const at = (name: string) => path.join(photos, name);
const listed = async () => (JSON.parse(await run('photos', ...lib, '--json')) as { path: string }[]).map((p) => path.basename(p.path)).sort();

it('trashes a photo, and undo brings back the file and the photo with its keyword and album place', { timeout: 120_000 }, async () => {
  await run('keywords', 'add', at('b.jpg'), 'keeper', ...lib);
  await run('albums', 'create', 'Picks', at('b.jpg'), at('c.jpg'), ...lib);
  expect(JSON.parse(await run('trash', at('b.jpg'), ...model, '--json'))).toEqual({ trashed: 1, failed: [] });
  expect(existsSync(at('b.jpg'))).toBe(false);
  expect(await readdir(path.join(trash, 'files'))).toEqual(['b.jpg']);
  expect(await readFile(path.join(trash, 'info', 'b.jpg.trashinfo'), 'utf8')).toContain(`Path=${at('b.jpg')}`);
  expect(await listed()).toEqual(['a.jpg', 'c.jpg']);

  expect(JSON.parse(await run('undo', ...lib, '--json'))).toMatchObject({ undid: 'Move “b.jpg” to the Trash', leftOver: [] });
  expect(existsSync(at('b.jpg'))).toBe(true);
  expect(await readdir(path.join(trash, 'files'))).toEqual([]);
  expect(await listed()).toEqual(['a.jpg', 'b.jpg', 'c.jpg']);
  expect(JSON.parse(await run('keywords', 'list', at('b.jpg'), ...lib, '--json'))).toEqual({ path: at('b.jpg'), keywords: ['keeper'] });
  expect(JSON.parse(await run('albums', 'show', 'Picks', ...model, '--json'))).toEqual([at('b.jpg'), at('c.jpg')]);

  await run('redo', ...lib);
  expect(existsSync(at('b.jpg'))).toBe(false);
  expect(await listed()).toEqual(['a.jpg', 'c.jpg']);
  await run('undo', ...lib);
  expect(existsSync(at('b.jpg'))).toBe(true);
});

it('copies an album into a folder, keeping names and renaming a taken one', { timeout: 120_000 }, async () => {
  const out = path.join(tmp, 'USB stick');
  await mkdir(out);
  await writeFile(path.join(out, 'c.jpg'), 'already here');
  const result = JSON.parse(await run('export', 'Picks', out, ...lib, '--json')) as { copied: number; renamed: { to: string }[]; failed: unknown[] };
  expect(result).toMatchObject({ copied: 2, failed: [], cancelled: false });
  expect(result.renamed.map((r) => path.basename(r.to))).toEqual(['c (2).jpg']);
  expect((await readdir(out)).sort()).toEqual(['b.jpg', 'c (2).jpg', 'c.jpg']);
  expect(await readFile(path.join(out, 'c.jpg'), 'utf8')).toBe('already here');
  expect(await readFile(path.join(out, 'b.jpg'))).toEqual(await readFile(at('b.jpg')));
});
