// Runs in: vitest (forked process). Search finds what the user typed before what looks like
// it, spawned as a user runs it with the known-answer model: `clipfolio search astronaut`
// lists astronaut.png first; a keyword the user added ("NASA"), a category and an album are
// found by their names; folder names by their words; case and accents do not matter
// ("koln" finds "Köln"), a prefix is enough ("astro"); filters still apply to name matches.
import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { testModelDir } from '../../fixtures/test-models';
import { runClipfolio } from '../cli/run-cli';
import { writeNoisePhoto } from '../library/indexing-photos';

const corpus = path.resolve(process.cwd(), '../shared/testdata/images');
let tmp: string;
let photos: string;
let run: (...args: string[]) => Promise<string>;
let model: string[];
let lib: string[];

interface Hit {
  path: string;
  score: number | null;
  match?: string;
}

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'clipfolio-name-search-'));
  photos = path.join(tmp, 'Pictures');
  await mkdir(path.join(photos, 'Köln Trip'), { recursive: true });
  await copyFile(path.join(corpus, 'scenes/skimage/astronaut.png'), path.join(photos, 'astronaut.png'));
  await copyFile(path.join(corpus, 'scenes/opencv/apple.jpg'), path.join(photos, 'Köln Trip', 'apple.jpg'));
  for (let i = 0; i < 4; i++) await writeNoisePhoto(path.join(photos, `IMG_000${i}.jpg`), i + 1);
  lib = ['--library', path.join(tmp, 'library')];
  model = [...lib, '--model', testModelDir('transformers'), '--provider', 'cpu'];
  run = async (...args: string[]) => {
    const result = await runClipfolio(args, { CLIPFOLIO_HOME: tmp });
    expect(result.code, `${args.join(' ')}: ${result.stderr}`).toBe(0);
    return result.stdout;
  };
  await run('index', photos, ...model, '--json');
});

afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

const search = async (...args: string[]) => JSON.parse(await run('search', ...args, ...model, '--json')) as Hit[];
const at = (...parts: string[]) => path.join(photos, ...parts);

it('lists the photo named what was typed first, then what looks like it', { timeout: 120_000 }, async () => {
  const hits = await search('astronaut', '--all');
  expect(hits[0]).toEqual({ path: at('astronaut.png'), score: null, match: 'name' });
  // The rest is the model's ranking, each photo once.
  expect(hits.slice(1).every((h) => h.score !== null && h.match === undefined)).toBe(true);
  expect(new Set(hits.map((h) => h.path)).size).toBe(hits.length);
  expect((await search('Astro'))[0]?.path).toBe(at('astronaut.png'));
  expect((await search('img_0002'))[0]).toMatchObject({ path: at('IMG_0002.jpg'), match: 'name' });
  // The plain output says what matched where a score would be.
  expect((await run('search', 'astronaut', ...model)).split('\n')[0]).toBe(`name\t${at('astronaut.png')}`);
});

it('finds keywords, categories, albums and folders by name, ignoring case and accents', { timeout: 120_000 }, async () => {
  await run('keywords', 'add', at('IMG_0001.jpg'), 'NASA', ...lib);
  expect((await search('nasa'))[0]).toEqual({ path: at('IMG_0001.jpg'), score: null, match: 'keyword' });
  await run('categories', 'add', 'Space walks', ...lib);
  await run('tag', at('IMG_0002.jpg'), 'Space walks', '--accept', ...lib);
  expect((await search('space walks'))[0]).toMatchObject({ path: at('IMG_0002.jpg'), match: 'category' });
  await run('albums', 'create', 'Fête de famille', at('IMG_0003.jpg'), ...lib);
  expect((await search('fete'))[0]).toMatchObject({ path: at('IMG_0003.jpg'), match: 'album' });
  expect((await search('koln'))[0]).toMatchObject({ path: at('Köln Trip', 'apple.jpg'), match: 'folder' });
  expect((await search('KÖLN trip'))[0]).toMatchObject({ path: at('Köln Trip', 'apple.jpg'), match: 'folder' });
});

it('applies the filters to what the name finds', { timeout: 120_000 }, async () => {
  await run('rate', at('IMG_0000.jpg'), '5', ...lib);
  const rated = await search('img', '--min-rating', '4');
  expect(rated.filter((h) => h.match).map((h) => h.path)).toEqual([at('IMG_0000.jpg')]);
  const elsewhere = await search('astronaut', '--folder', at('Köln Trip'));
  expect(elsewhere.map((h) => h.path)).not.toContain(at('astronaut.png'));
});
