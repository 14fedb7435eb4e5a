// Unit tests for the trash on real files: the freedesktop Trash specification's home trash
// (files/ and info/, a .trashinfo with the percent-encoded path and the local deletion
// time), two files of one name side by side in the trash, putting one back (and refusing
// to overwrite a file that took its place), and the platform's trash where there is no
// freedesktop one, through its boundary.
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { moveToTrash, restoreFromTrash } from '../../../main/library/trash-bin';

let dir: string;
let homeTrash: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'clipfolio-trash-'));
  homeTrash = join(dir, 'data', 'Trash');
  await mkdir(join(dir, 'Pictures', 'Fête 2024'), { recursive: true });
  await mkdir(join(dir, 'Pictures', 'other'), { recursive: true });
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the freedesktop trash', () => {
  it('takes a file with a .trashinfo saying where it was, and gives it back', async () => {
    const photo = join(dir, 'Pictures', 'Fête 2024', 'cake #1.jpg');
    await writeFile(photo, 'jpeg bytes');
    const trashed = await moveToTrash(photo, { homeTrash, platform: 'linux' });
    expect(trashed).toEqual({ path: photo, trashPath: join(homeTrash, 'files', 'cake #1.jpg') });
    expect(await readFile(trashed.trashPath ?? '', 'utf8')).toBe('jpeg bytes');
    const info = await readFile(join(homeTrash, 'info', 'cake #1.jpg.trashinfo'), 'utf8');
    expect(info).toMatch(/^\[Trash Info\]\nPath=.*\/Pictures\/F%C3%AAte%202024\/cake%20%231\.jpg\nDeletionDate=\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\n$/);
    await expect(readFile(photo)).rejects.toThrow();

    await restoreFromTrash(trashed);
    expect(await readFile(photo, 'utf8')).toBe('jpeg bytes');
    expect(await readdir(join(homeTrash, 'files'))).toEqual([]);
    expect(await readdir(join(homeTrash, 'info'))).toEqual([]);
  });

  it('keeps two files of one name apart, and never puts one back over a new file', async () => {
    const a = join(dir, 'Pictures', 'Fête 2024', 'IMG_1.jpg');
    const b = join(dir, 'Pictures', 'other', 'IMG_1.jpg');
    await writeFile(a, 'a');
    await writeFile(b, 'b');
    const first = await moveToTrash(a, { homeTrash, platform: 'linux' });
    const second = await moveToTrash(b, { homeTrash, platform: 'linux' });
    expect([first.trashPath, second.trashPath]).toEqual([join(homeTrash, 'files', 'IMG_1.jpg'), join(homeTrash, 'files', 'IMG_1.2.jpg')]);
    expect((await readdir(join(homeTrash, 'info'))).sort()).toEqual(['IMG_1.2.jpg.trashinfo', 'IMG_1.jpg.trashinfo']);

    await writeFile(b, 'a new file at the old place');
    await expect(restoreFromTrash(second)).rejects.toThrow(/exists again/);
    expect(await readFile(b, 'utf8')).toBe('a new file at the old place');
    expect(await readFile(second.trashPath ?? '', 'utf8')).toBe('b');
  });

  it('refuses a file that is not there, moving nothing', async () => {
    await expect(moveToTrash(join(dir, 'Pictures', 'gone.jpg'), { homeTrash, platform: 'linux' })).rejects.toThrow(/cannot be moved to the trash/);
  });
});

describe('the platform trash', () => {
  it('is asked to take the file on macOS and Windows, which say not where it went', async () => {
    const taken: string[] = [];
    const photo = join(dir, 'Pictures', 'other', 'x.jpg');
    await writeFile(photo, 'x');
    for (const platform of ['darwin', 'win32'] as const) {
      expect(await moveToTrash(photo, { platform, platformTrash: (path) => Promise.resolve(void taken.push(path)) })).toEqual({ path: photo, trashPath: null });
    }
    expect(taken).toEqual([photo, photo]);
    await expect(restoreFromTrash({ path: photo, trashPath: null })).rejects.toThrow(/put it back from there/);
  });
});
