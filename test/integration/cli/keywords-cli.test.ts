// Runs in: vitest (forked process). `clipfolio keywords` as a user runs it, on a catalog
// written beforehand (keywords need no model): added without repeats, listed per photo and
// for the library, removed, with --json, and the mistakes it refuses. That tags, search and
// export-xmp see them is checked with the model in search/search-cli.test.ts.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { catalogOnlyLibrary, type CatalogOnlyLibrary } from './catalog-only-library';

let lib: CatalogOnlyLibrary;
const photo = (name: string) => lib.photo(name);
const keywords = (...args: string[]) => lib.run(...args);
const json = <T>(...args: string[]) => lib.json<T>(...args);

beforeAll(async () => {
  lib = await catalogOnlyLibrary('keywords', ['a', 'b']);
});

afterAll(async () => {
  await lib.remove();
});

it('adds, lists and removes keywords on photos', { timeout: 60_000 }, async () => {
  expect(await json('add', photo('a'), 'Beach', 'sunset', 'beach')).toEqual({ path: photo('a'), keywords: ['Beach', 'sunset'] });
  expect((await keywords('add', photo('b'), 'BEACH')).stdout).toBe(`${photo('b')}\tBEACH\n`);
  expect(await json('list')).toEqual([
    { keyword: 'Beach', photos: 2 },
    { keyword: 'sunset', photos: 1 },
  ]);
  expect(await json('remove', photo('a'), 'beach')).toEqual({ path: photo('a'), keywords: ['sunset'] });
  expect(await json('list', photo('a'))).toEqual({ path: photo('a'), keywords: ['sunset'] });
});

it('refuses an unknown photo or keyword and malformed arguments', { timeout: 60_000 }, async () => {
  const missing = await keywords('remove', photo('b'), 'nope');
  expect(missing.code).toBe(1);
  expect(missing.stderr).toContain('[NOT_FOUND]');
  expect((await keywords('add', photo('zzz'), 'x')).code).toBe(1);
  for (const args of [[], ['add', photo('a')], ['remove', photo('a'), 'x', 'y'], ['list', photo('a'), 'x'], ['rename', photo('a')]]) {
    const result = await keywords(...args);
    expect(result.code, args.join(' ')).toBe(2);
    expect(result.stderr).toContain('usage: clipfolio keywords');
  }
});
