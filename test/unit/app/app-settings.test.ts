// App settings on a real temporary user data folder: the import folder falls back to the
// default until one is chosen, a chosen one survives a restart, and a folder the importer
// could not use (relative, inside the library's data folder, holding a library folder, not
// writable) is refused with its reason.
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppSettingsStore, checkImportDir, SETTINGS_FILE } from '../../../main/app/app-settings';

let dir: string;
let userData: string;
let libraryDir: string;
const warnings: string[] = [];

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'clipfolio-settings-'));
  userData = path.join(dir, 'user-data');
  libraryDir = path.join(userData, 'library');
  await mkdir(libraryDir, { recursive: true });
  warnings.length = 0;
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Asserts the check refused the folder as an invalid argument, saying `why`. */
async function refused(check: Promise<string>, why: string): Promise<void> {
  const err = await check.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toHaveProperty('code', 'INVALID_ARGUMENT');
  expect(String(err)).toContain(why);
}

function open(): Promise<AppSettingsStore> {
  return AppSettingsStore.open(userData, path.join(userData, 'Imported'), (why) => warnings.push(why));
}

describe('the import folder setting', () => {
  it('is the default until one is chosen, and a chosen one is kept across restarts', async () => {
    const store = await open();
    expect(store.current.importDir).toBe(path.join(userData, 'Imported'));
    await store.update({ provider: 'cpu' });
    // The default is not written down, so a later default still applies.
    expect(JSON.parse(await readFile(path.join(userData, SETTINGS_FILE), 'utf8'))).not.toHaveProperty('importDir');

    const chosen = path.join(dir, 'Pictures', 'Imports');
    expect(await store.update({ importDir: chosen })).toMatchObject({ provider: 'cpu', importDir: chosen });
    const reopened = await open();
    expect(reopened.current).toMatchObject({ provider: 'cpu', importDir: chosen });
    expect(warnings).toEqual([]);
  });

  it('falls back to the default when the stored one is not a full path', async () => {
    await mkdir(userData, { recursive: true });
    await writeFile(path.join(userData, SETTINGS_FILE), JSON.stringify({ provider: 'cpu', modelId: 'm', importDir: 'relative/dir' }));
    expect((await open()).current).toEqual({ provider: 'cpu', modelId: 'm', importDir: path.join(userData, 'Imported') });
  });

  it('is made when missing, and left without the file that tried it', async () => {
    const wanted = path.join(dir, 'new', 'imports');
    expect(await checkImportDir(`${wanted}${path.sep}`, libraryDir, [])).toBe(wanted);
    expect(await readdir(wanted)).toEqual([]);
  });

  it('refuses a relative path, the library data folder and what is inside it', async () => {
    await refused(checkImportDir('Imports', libraryDir, []), 'full path');
    for (const inside of [libraryDir, path.join(libraryDir, 'imports')]) {
      await refused(checkImportDir(inside, libraryDir, []), "library's data folder");
    }
    // Beside it (and holding it) is fine: the scanner skips only the data folder itself.
    expect(await checkImportDir(path.join(userData, 'Imported'), libraryDir, [])).toBe(path.join(userData, 'Imported'));
    expect(await checkImportDir(userData, libraryDir, [])).toBe(userData);
  });

  it('refuses a folder holding a library folder, but not one inside or equal to one', async () => {
    const root = path.join(dir, 'Pictures', '2024');
    await refused(checkImportDir(path.join(dir, 'Pictures'), libraryDir, [root]), `contain the library folder ${root}`);
    expect(await checkImportDir(root, libraryDir, [root])).toBe(root);
    expect(await checkImportDir(path.join(root, 'Imports'), libraryDir, [root])).toBe(path.join(root, 'Imports'));
  });

  it('refuses a folder that cannot be made or written', async () => {
    await writeFile(path.join(dir, 'a-file'), 'x');
    await refused(checkImportDir(path.join(dir, 'a-file', 'imports'), libraryDir, []), 'Photos cannot be copied into');
  });
});
