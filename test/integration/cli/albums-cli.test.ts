// Runs in: vitest (forked process). `clipfolio albums` editing commands as a user runs them,
// on a catalog written beforehand (editing albums needs no model): a photo moved within a
// manual album, an album renamed, moved up the order and deleted, each with --json, and the
// mistakes they refuse.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { catalogOnlyLibrary, type CatalogOnlyLibrary } from './catalog-only-library';

let lib: CatalogOnlyLibrary;
const photo = (name: string) => lib.photo(name);
const albums = (...args: string[]) => lib.run(...args);
const json = <T>(...args: string[]) => lib.json<T>(...args);

beforeAll(async () => {
  lib = await catalogOnlyLibrary('albums', ['a', 'b', 'c']);
});

afterAll(async () => {
  await lib.remove();
});

it('moves a photo within an album, renames, reorders and deletes albums', { timeout: 60_000 }, async () => {
  const trip = await json<{ id: string; photoIds: string[] }>('create', 'trip', photo('a'), photo('b'), photo('c'));
  const [a, b, c] = trip.photoIds;
  expect((await json<{ photoIds: string[] }>('move', 'trip', photo('c'), '1')).photoIds).toEqual([c, a, b]);
  await json('create', 'Later');

  expect(await json<{ id: string; name: string }>('rename', 'TRIP', 'Summer trip')).toMatchObject({ id: trip.id, name: 'Summer trip' });
  expect((await json<{ name: string }[]>('reorder', 'later', '1')).map((x) => x.name)).toEqual(['Later', 'Summer trip']);
  expect((await json<{ name: string }[]>('list')).map((x) => x.name)).toEqual(['Later', 'Summer trip']);
  expect((await albums('list')).stdout).toBe('Later\tmanual\nSummer trip\tmanual\n');

  expect(await json<{ name: string }>('delete', 'Later')).toMatchObject({ name: 'Later' });
  expect(await json<{ name: string; photoIds: string[] }[]>('list')).toEqual([{ name: 'Summer trip', kind: 'manual', photos: 3 }]);
});

it('refuses a taken name, an unknown album and a bad position', { timeout: 60_000 }, async () => {
  await json('create', 'taken');
  await json('create', 'mine');
  const taken = await albums('rename', 'mine', 'TAKEN');
  expect(taken.code).toBe(1);
  expect(taken.stderr).toContain('[INVALID_ARGUMENT]');
  const unknown = await albums('reorder', 'nope', '1');
  expect(unknown.code).toBe(1);
  expect(unknown.stderr).toContain('[NOT_FOUND]');
  for (const args of [['reorder', 'mine', '0'], ['reorder', 'mine'], ['rename', 'mine'], ['move', 'mine', photo('a'), 'x'], ['delete', 'mine', 'extra']]) {
    const result = await albums(...args);
    expect(result.code, args.join(' ')).toBe(2);
    expect(result.stderr).toContain('usage: clipfolio albums');
  }
  expect((await json<{ name: string }[]>('list')).map((x) => x.name)).toEqual(['Summer trip', 'taken', 'mine']);
});
