// Runs in: vitest (forked process). `clipfolio rate` and `clipfolio favourite` as a user runs
// them, on a catalog written beforehand: stars given and taken away, favourites added and
// removed, `photos --min-rating/--favourites` keeping the marked ones, one undo per command,
// and the mistakes refused. (`search --min-rating` is checked with the model in search-cli.)
import { afterAll, beforeAll, expect, it } from 'vitest';
import { catalogOnlyLibrary, type CatalogOnlyLibrary } from './catalog-only-library';

let lib: CatalogOnlyLibrary;
const photo = (name: string) => lib.photo(name);

interface Listed {
  path: string;
  rating: number;
  favourite: boolean;
}

const listed = async (...filters: string[]) => (await lib.jsonOf<Listed[]>('photos', ...filters)).map((p) => [p.path, p.rating, p.favourite]);

beforeAll(async () => {
  lib = await catalogOnlyLibrary('rate', ['a', 'b', 'c']);
});

afterAll(async () => {
  await lib.remove();
});

it('rates and favourites photos, and photos lists the marked ones', { timeout: 60_000 }, async () => {
  expect(await lib.json(photo('a'), photo('b'), '4')).toMatchObject({ rating: 4, changed: 2 });
  expect((await lib.run(photo('b'), '2')).stdout).toBe('Gave 2 stars to 1 photo.\n');
  expect(await lib.jsonOf('favourite', photo('c'))).toMatchObject({ favourite: true, changed: 1 });

  expect(await listed('--min-rating', '3')).toEqual([[photo('a'), 4, false]]);
  expect(await listed('--min-rating', '2')).toEqual([
    [photo('a'), 4, false],
    [photo('b'), 2, false],
  ]);
  expect(await listed('--favourites')).toEqual([[photo('c'), 0, true]]);

  // Each command is one undo step, shared with the app's Edit menu.
  expect(await lib.jsonOf('undo')).toMatchObject({ undid: 'Add 1 photo to favourites' });
  expect(await listed('--favourites')).toEqual([]);
  expect(await lib.json(photo('a'), '0')).toMatchObject({ rating: 0, changed: 1 });
  expect(await listed('--min-rating', '1')).toEqual([[photo('b'), 2, false]]);
  expect(await lib.jsonOf('favourite', photo('b'))).toMatchObject({ changed: 1 });
  expect(await lib.jsonOf('favourite', photo('b'), '--remove')).toMatchObject({ favourite: false, changed: 1 });
});

it('refuses stars out of range, unknown photos and a bad filter', { timeout: 60_000 }, async () => {
  for (const args of [[photo('a')], [photo('a'), '6'], [photo('a'), '2.5'], [photo('a'), 'three'], ['2']]) {
    const result = await lib.run(...args);
    expect(result.code, args.join(' ')).toBe(2);
    expect(result.stderr).toContain('usage: clipfolio rate');
  }
  const missing = await lib.run(photo('zzz'), '3');
  expect(missing.code).toBe(1);
  expect(missing.stderr).toContain('is not a photo in the library');
  const filter = await lib.runOf('photos', '--min-rating', '9');
  expect(filter.code).toBe(2);
  expect(filter.stderr).toContain('--min-rating takes a number of stars, 1 to 5');
});
