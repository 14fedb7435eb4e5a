// Runs in: vitest (forked process). The tagging and search commands as a user runs them:
// `index` a folder of colour photos with the known-answer model, then categories, tags,
// a correction, search with a filter, stars and favourites, similar, duplicates, albums,
// keywords and export-xmp.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { testModelDir } from '../../fixtures/test-models';
import { runClipfolio } from '../cli/run-cli';

let tmp: string;
let photos: string;
const colours = { red1: [255, 0, 0], red2: [230, 20, 10], green: [0, 255, 0], blue: [0, 0, 255], grey1: [60, 60, 60], grey2: [62, 60, 58] } as const;

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'clipfolio-search-cli-'));
  photos = path.join(tmp, 'photos');
  await mkdir(photos);
  for (const [name, [r, g, b]] of Object.entries(colours)) {
    await sharp({ create: { width: 40, height: 30, channels: 3, background: { r, g, b } } }).png().toFile(path.join(photos, `${name}.png`));
  }
});

afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

it('categories, tags, corrections, search, albums, keywords and XMP from the command line', { timeout: 180_000 }, async () => {
  const env = { CLIPFOLIO_HOME: tmp };
  const lib = ['--library', path.join(tmp, 'library')];
  const model = [...lib, '--model', testModelDir('transformers'), '--provider', 'cpu'];
  const run = async (...args: string[]) => {
    const result = await runClipfolio(args, env);
    expect(result.code, `${args.join(' ')}: ${result.stderr}`).toBe(0);
    return result.stdout;
  };
  const at = (name: string) => path.join(photos, `${name}.png`);

  await run('index', photos, ...model, '--json');
  await run('categories', 'add', 'red', ...lib);
  await run('categories', 'add', 'green', '--negative', 'blue', '--threshold', '0', ...lib);
  const listed = JSON.parse(await run('categories', 'list', ...lib, '--json')) as { name: string; negativePrompts: string[] }[];
  expect(listed.map((c) => c.name)).toEqual(['red', 'green']);

  const tags = JSON.parse(await run('tags', ...model, '--json')) as { path: string; tags: { name: string; source: string; score: number }[] }[];
  const tagsOf = (rows: typeof tags, name: string) => rows.find((r) => r.path === at(name))?.tags.map((t) => `${t.name}:${t.source}`);
  expect(tagsOf(tags, 'red1')).toEqual(['red:auto']);
  expect(tagsOf(tags, 'green')).toEqual(['green:auto']);
  expect(tagsOf(tags, 'grey1')).toEqual([]);

  await run('tag', at('red2'), 'red', '--reject', ...lib);
  const after = JSON.parse(await run('tags', ...model, '--json')) as typeof tags;
  expect(tagsOf(after, 'red2')).toEqual(['red:rejected']);

  const hits = JSON.parse(await run('search', 'red', ...model, '--json')) as { path: string; score: number }[];
  expect(hits[0]?.path).toBe(at('red1'));
  // The rejection wins over the ranking: red2 is the second reddest photo but not tagged red.
  const filtered = JSON.parse(await run('search', 'red', '--category', 'red', ...model, '--json')) as { path: string }[];
  expect(filtered.map((h) => h.path)).not.toContain(at('red2'));
  const green = JSON.parse(await run('search', 'green', '--category', 'green', '--folder', photos, ...model, '--json')) as { path: string }[];
  expect(green.map((h) => h.path)).toEqual([at('green')]);

  const similar = JSON.parse(await run('similar', at('grey1'), '--limit', '1', ...model, '--json')) as { path: string }[];
  expect(similar.map((h) => h.path)).toEqual([at('grey2')]);
  const groups = JSON.parse(await run('duplicates', '--min-score', '0.99', ...model, '--json')) as { path: string }[][];
  expect(groups.map((g) => g.map((h) => h.path).sort())).toContainEqual([at('grey1'), at('grey2')]);

  await run('albums', 'create', 'picks', at('blue'), at('red1'), ...lib);
  await run('albums', 'smart', 'reddish picks', 'red', '--album', 'picks', ...lib);
  expect(JSON.parse(await run('albums', 'show', 'reddish picks', ...model, '--json'))).toEqual([at('red1')]);
  expect(JSON.parse(await run('albums', 'show', 'green', ...model, '--json'))).toEqual([at('green')]);

  // The user's own keywords are tags too: listed, matched by the keyword filter, exported.
  await run('keywords', 'add', at('grey1'), 'Holiday', 'night', ...lib);
  await run('keywords', 'remove', at('grey1'), 'night', ...lib);
  const withKeyword = JSON.parse(await run('tags', ...model, '--json')) as typeof tags;
  expect(tagsOf(withKeyword, 'grey1')).toEqual(['Holiday:keyword']);
  const holiday = JSON.parse(await run('search', '--keyword', 'holiday', ...model, '--json')) as { path: string }[];
  expect(holiday.map((h) => h.path)).toEqual([at('grey1')]);

  // Stars and favourites narrow a search, with or without words, and go out with the sidecars.
  await run('rate', at('red1'), at('blue'), '4', ...lib);
  await run('rate', at('green'), '2', ...lib);
  await run('favourite', at('blue'), ...lib);
  const rated = JSON.parse(await run('search', 'red', '--min-rating', '3', '--all', ...model, '--json')) as { path: string }[];
  expect(rated.map((h) => h.path)).toEqual([at('red1'), at('blue')]);
  const favourites = JSON.parse(await run('search', '--favourites', ...model, '--json')) as { path: string }[];
  expect(favourites.map((h) => h.path)).toEqual([at('blue')]);

  await run('export-xmp', ...model, '--json');
  expect(existsSync(`${at('green')}.xmp`)).toBe(true);
  expect(await readFile(`${at('grey1')}.xmp`, 'utf8')).toContain('<rdf:li>Holiday</rdf:li>');
  expect(await readFile(`${at('blue')}.xmp`, 'utf8')).toMatch(/xmp:Rating="4"[\s\S]*<rdf:li>Favorite<\/rdf:li>/);
  expect(existsSync(`${at('grey2')}.xmp`)).toBe(false);
});

it('usage mistakes are told before the default model is looked for or downloaded', async () => {
  // A user data folder of its own, without --model: opening the engine would create its models folder.
  const home = path.join(tmp, 'fresh-home');
  const mistakes = [
    ['search'],
    ['search', '  '],
    ['search', 'red', '--from', 'yesterday'],
    ['search', 'red', '--min-rating', '6'],
    ['similar', 'x.png', '--to', 'soon'],
    ['albums', 'show'],
    ['albums', 'show', 'a', 'b'],
    ['tags', 'x.png'],
    ['duplicates', 'x.png'],
    ['duplicates', '--min-score', '2'],
    ['export-xmp', 'x.png'],
  ];
  for (const args of mistakes) {
    const result = await runClipfolio(args, { CLIPFOLIO_HOME: home });
    expect(result.code, `${args.join(' ')}: ${result.stderr}`).toBe(2);
  }
  expect((await runClipfolio(['search'], { CLIPFOLIO_HOME: home })).stderr).toContain('usage: clipfolio search');
  expect(existsSync(path.join(home, 'models'))).toBe(false);
});
