// Runs in: test processes. A library for CLI commands that need no model (keywords, album
// edits): a catalog written beforehand with photos a..z under one folder (no files on disk),
// and one command run against it as a user runs it, plainly or with --json.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import { Catalog } from '../../../main/library/catalog';
import { runClipfolio, type CliRun } from './run-cli';

export interface CatalogOnlyLibrary {
  /** The catalogued path of photo `name`. */
  photo: (name: string) => string;
  /** `clipfolio COMMAND ...args --library DIR`. */
  run: (...args: string[]) => Promise<CliRun>;
  /** The same with --json: exits 0 and prints one JSON document. */
  json: <T>(...args: string[]) => Promise<T>;
  /** Another command on the same library, plainly or with --json. */
  runOf: (command: string, ...args: string[]) => Promise<CliRun>;
  jsonOf: <T>(command: string, ...args: string[]) => Promise<T>;
  remove: () => Promise<void>;
}

export async function catalogOnlyLibrary(command: string, photoNames: readonly string[]): Promise<CatalogOnlyLibrary> {
  const tmp = await mkdtemp(path.join(os.tmpdir(), `clipfolio-${command}-cli-`));
  const library = path.join(tmp, 'library');
  const photo = (name: string) => path.join(tmp, 'photos', `${name}.jpg`);
  await mkdir(library, { recursive: true });
  const catalog = Catalog.open(path.join(library, 'catalog.sqlite'));
  const root = catalog.addRoot(path.join(tmp, 'photos'));
  for (const name of photoNames) catalog.upsertPhoto({ path: photo(name), rootId: root.id, size: 1, mtimeMs: 0 });
  catalog.close();
  const runCommand = (name: string, ...args: string[]) => runClipfolio([name, ...args, '--library', library], { CLIPFOLIO_HOME: tmp });
  const jsonOf = async <T>(name: string, ...args: string[]) => {
    const result = await runCommand(name, ...args, '--json');
    expect(result.code, `${name} ${args.join(' ')}: ${result.stderr}`).toBe(0);
    return JSON.parse(result.stdout) as T;
  };
  return {
    photo,
    run: (...args: string[]) => runCommand(command, ...args),
    json: <T>(...args: string[]) => jsonOf<T>(command, ...args),
    runOf: runCommand,
    jsonOf,
    remove: () => rm(tmp, { recursive: true, force: true }),
  };
}
