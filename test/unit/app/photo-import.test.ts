// The importer on real temporary folders: dropped folders become library folders, photos
// inside the library stay where they are, photos from elsewhere are copied (under safe,
// unique names, into a folder per day) unless the library already has their content, and
// anything that is not a supported photo is left out with its reason.
import { mkdir, mkdtemp, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dayFolderName, importFileName, PhotoImporter, safeFileName, type ImportRoots } from '../../../main/app/photo-import';
import { isWithin } from '../../../main/library/catalog';
import { hashBuffer } from '../../../main/library/content-hash';

const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(32, 1)]);
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(32, 2)]);
const WHEN = new Date(2026, 10, 29, 14, 0);

/** Library folders as the catalog keeps them, nested ones refused; `hashes` are its catalogued photos' content. */
function fakeRoots(initial: string[] = [], hashes = new Map<string, string>()): ImportRoots & { paths: string[] } {
  const paths = [...initial];
  return {
    paths,
    findByHash: (hash) => [...hashes].filter(([, h]) => h === hash).map(([p]) => ({ path: p })),
    rootFor: (p) => {
      const root = paths.find((r) => isWithin(r, p));
      return root === undefined ? undefined : { path: root };
    },
    addRoot: (p) => {
      if (paths.some((r) => isWithin(r, p) || isWithin(p, r))) throw new Error(`${p} overlaps a library folder`);
      paths.push(p);
      return { path: p };
    },
  };
}

describe('file names', () => {
  it('keeps a plain name and only the last segment of a path', () => {
    expect(safeFileName('beach.jpg')).toBe('beach.jpg');
    expect(safeFileName('../../etc/passwd')).toBe('passwd');
    expect(safeFileName('C:\\Users\\me\\IMG_1.HEIC')).toBe('IMG_1.HEIC');
  });

  it('refuses hidden, reserved, control and empty names', () => {
    expect(safeFileName('.bashrc')).toBe('bashrc');
    expect(safeFileName('..')).toBe('photo');
    expect(safeFileName('')).toBe('photo');
    expect(safeFileName('a<b>:c|d?*"e\u0001.png')).toBe('a_b__c_d___e_.png');
    expect(safeFileName('CON.jpg')).toBe('_CON.jpg');
    expect(safeFileName(`${'x'.repeat(300)}.jpg`)).toBe(`${'x'.repeat(100)}.jpg`);
  });

  it('gives a name without an extension the one of its content', () => {
    expect(importFileName('scan', 'png')).toBe('scan.png');
    expect(importFileName('IMG_2.jpeg', 'png')).toBe('IMG_2.jpeg');
  });

  it('names the day folder by local date', () => {
    expect(dayFolderName(WHEN)).toBe('2026-11-29');
  });
});

describe('importing dropped paths', () => {
  let dir: string;
  let importDir: string;
  let day: string;

  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'clipfolio-import-'));
    importDir = path.join(dir, 'Imported');
    day = path.join(importDir, '2026-11-29');
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('makes a dropped folder a library folder, and indexes one inside a library folder in place', async () => {
    const roots = fakeRoots([path.join(dir, 'library')]);
    await mkdir(path.join(dir, 'holiday'), { recursive: true });
    await mkdir(path.join(dir, 'library', 'inside'), { recursive: true });
    const result = await new PhotoImporter(importDir, () => WHEN).importPaths(roots, [path.join(dir, 'holiday'), path.join(dir, 'library', 'inside')]);
    expect(result).toEqual({ folders: [path.join(dir, 'holiday'), path.join(dir, 'library', 'inside')], paths: [path.join(dir, 'holiday'), path.join(dir, 'library', 'inside')], skipped: [], existing: [] });
    expect(roots.paths).toEqual([path.join(dir, 'library'), path.join(dir, 'holiday')]);
  });

  it('indexes a photo inside the library where it is, without copying it', async () => {
    const roots = fakeRoots([path.join(dir, 'library')]);
    await mkdir(path.join(dir, 'library', 'a'), { recursive: true });
    await writeFile(path.join(dir, 'library', 'a', 'one.jpg'), JPEG);
    const result = await new PhotoImporter(importDir, () => WHEN).importPaths(roots, [path.join(dir, 'library', 'a', 'one.jpg')]);
    expect(result.folders).toEqual([path.join(dir, 'library', 'a')]);
    expect(result.paths).toEqual([path.join(dir, 'library', 'a', 'one.jpg')]);
    expect(roots.paths).toEqual([path.join(dir, 'library')]);
  });

  it('copies photos from elsewhere into the day folder, which becomes part of the library, never overwriting', async () => {
    const roots = fakeRoots();
    await mkdir(path.join(dir, 'downloads'));
    await writeFile(path.join(dir, 'downloads', 'beach.jpg'), JPEG);
    const taken = new Date(Date.UTC(2019, 6, 14, 9));
    await utimes(path.join(dir, 'downloads', 'beach.jpg'), taken, taken);
    await writeFile(path.join(dir, 'downloads', 'scan'), PNG);
    await writeFile(path.join(dir, 'downloads', 'notes.txt'), 'not a photo');
    await writeFile(path.join(dir, 'downloads', 'empty.jpg'), '');
    await writeFile(path.join(dir, 'downloads', 'drawing.svg'), '<svg xmlns="http://www.w3.org/2000/svg"></svg>');
    const importer = new PhotoImporter(importDir, () => WHEN);
    const names = ['beach.jpg', 'scan', 'notes.txt', 'empty.jpg', 'drawing.svg', 'missing.jpg'];
    const result = await importer.importPaths(roots, names.map((n) => path.join(dir, 'downloads', n)));
    expect(result.folders).toEqual([day]);
    expect(result.paths).toEqual([path.join(day, 'beach.jpg'), path.join(day, 'scan.png')]);
    expect(result.skipped.map((s) => s.name)).toEqual(['notes.txt', 'empty.jpg', 'drawing.svg', 'missing.jpg']);
    expect(result.skipped[0]?.reason).toBe('the file is not a photo');
    expect(result.skipped[1]?.reason).toBe('the file is empty');
    expect(result.skipped[2]?.reason).toBe('SVG is not a supported photo format');
    expect(roots.paths).toEqual([importDir]);
    expect(await readFile(path.join(day, 'beach.jpg'))).toEqual(JPEG);
    // Dated by its file time, the copy keeps the original's.
    expect((await stat(path.join(day, 'beach.jpg'))).mtimeMs).toBe(taken.getTime());

    // Another photo of the same name gets a name of its own; the originals stay where they were.
    await mkdir(path.join(dir, 'card'));
    await writeFile(path.join(dir, 'card', 'beach.jpg'), Buffer.concat([JPEG, Buffer.from([7])]));
    const other = await importer.importPaths(roots, [path.join(dir, 'card', 'beach.jpg')]);
    expect(other.paths).toEqual([path.join(day, 'beach (2).jpg')]);
    expect((await readdir(day)).sort()).toEqual(['beach (2).jpg', 'beach.jpg', 'scan.png']);
    expect((await readdir(path.join(dir, 'downloads'))).length).toBe(names.length - 1);
  });

  it('does not copy a photo dropped twice, even before the first copy is indexed', async () => {
    const roots = fakeRoots();
    await mkdir(path.join(dir, 'downloads'));
    await writeFile(path.join(dir, 'downloads', 'beach.jpg'), JPEG);
    await writeFile(path.join(dir, 'downloads', 'beach copy.jpg'), JPEG);
    const importer = new PhotoImporter(importDir, () => WHEN);
    const first = await importer.importPaths(roots, [path.join(dir, 'downloads', 'beach.jpg'), path.join(dir, 'downloads', 'beach copy.jpg')]);
    expect(first.paths).toEqual([path.join(day, 'beach.jpg'), path.join(day, 'beach.jpg')]);
    expect(first.existing).toEqual([{ name: 'beach copy.jpg', path: path.join(day, 'beach.jpg') }]);
    const again = await importer.importPaths(roots, [path.join(dir, 'downloads', 'beach.jpg')]);
    expect(again).toEqual({ folders: [], paths: [path.join(day, 'beach.jpg')], skipped: [], existing: [{ name: 'beach.jpg', path: path.join(day, 'beach.jpg') }] });
    expect(await readdir(day)).toEqual(['beach.jpg']);

    // Once the copy is edited it no longer holds that content, so the photo is copied again.
    await writeFile(path.join(day, 'beach.jpg'), PNG);
    const edited = await importer.importPaths(roots, [path.join(dir, 'downloads', 'beach.jpg')]);
    expect(edited.paths).toEqual([path.join(day, 'beach (2).jpg')]);
    expect(edited.existing).toEqual([]);
  });

  it('answers with the catalogued photo that has the same content instead of copying it', async () => {
    const library = path.join(dir, 'library');
    await mkdir(library);
    await writeFile(path.join(library, 'kept.jpg'), JPEG);
    await writeFile(path.join(library, 'stale.png'), JPEG);
    const jpegHash = hashBuffer(JPEG);
    const pngHash = hashBuffer(PNG);
    // stale.png was catalogued as the PNG and has been overwritten since: it is not taken for one.
    const roots = fakeRoots([library], new Map([[path.join(library, 'kept.jpg'), jpegHash], [path.join(library, 'stale.png'), pngHash]]));
    await mkdir(path.join(dir, 'downloads'));
    await writeFile(path.join(dir, 'downloads', 'same.jpg'), JPEG);
    await writeFile(path.join(dir, 'downloads', 'new.png'), PNG);
    const result = await new PhotoImporter(importDir, () => WHEN).importPaths(roots, [path.join(dir, 'downloads', 'same.jpg'), path.join(dir, 'downloads', 'new.png')]);
    expect(result).toEqual({
      folders: [day],
      paths: [path.join(library, 'kept.jpg'), path.join(day, 'new.png')],
      skipped: [],
      existing: [{ name: 'same.jpg', path: path.join(library, 'kept.jpg') }],
    });
    expect(await readdir(day)).toEqual(['new.png']);
  });

  it('tells why a folder overlapping the library cannot be added', async () => {
    const roots = fakeRoots([path.join(dir, 'photos', '2024')]);
    await mkdir(path.join(dir, 'photos', '2024'), { recursive: true });
    const result = await new PhotoImporter(importDir, () => WHEN).importPaths(roots, [path.join(dir, 'photos')]);
    expect(result.paths).toEqual([]);
    expect(result.skipped).toEqual([{ name: 'photos', reason: `${path.join(dir, 'photos')} overlaps a library folder` }]);
  });
});
