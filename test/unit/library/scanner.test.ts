// Unit tests for the folder scanner on a real temporary tree: content sniffing instead of
// extensions, symlink loops, hidden/system/excluded folders, non-ASCII names, odd files.
import { spawnSync } from 'node:child_process';
import { chmod, copyFile, mkdir, mkdtemp, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanRoots, type ScanEntry } from '../../../main/library/scanner';

const images = resolve(process.cwd(), '../shared/testdata/images');
const isRoot = process.getuid?.() === 0;

let base: string;
let root: string;
let libraryData: string;

async function place(relative: string, source: string | Buffer): Promise<void> {
  const target = join(root, relative);
  await mkdir(join(target, '..'), { recursive: true });
  if (typeof source === 'string') await copyFile(join(images, source), target);
  else await writeFile(target, source);
}

async function collect(roots: string[], exclude: string[] = []): Promise<ScanEntry[]> {
  const entries: ScanEntry[] = [];
  for await (const entry of scanRoots(roots, { exclude })) entries.push(entry);
  return entries;
}

function byPath(entries: ScanEntry[]): Map<string, ScanEntry> {
  return new Map(entries.map((e) => [e.path.slice(root.length + 1), e]));
}

beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'clipfolio-scan-'));
  root = join(base, 'Photos');
  libraryData = join(root, 'Clipfolio Library');
  await place('apple.jpg', 'scenes/opencv/apple.jpg');
  await place('png-really.jpg', 'bad/wrong-ext/png-named.jpg');
  await place('no-extension', 'bad/wrong-ext/jpeg-no-extension');
  await place('text-named.jpg', 'bad/wrong-ext/text-named.jpg');
  await place('small.bmp', 'bad/unsupported/libvips__small.bmp');
  await place('raw/Nikon.nef', 'formats/raw/exiftool__Nikon.nef');
  await place('raw/DNG.dng', 'formats/raw/exiftool__DNG.dng');
  await place('raw/CanonRaw.cr3', 'formats/raw/exiftool__CanonRaw.cr3');
  await place('heic/renamed.jpg', 'bad/wrong-ext/heic-named.jpg');
  await place('empty.jpg', Buffer.alloc(0));
  await place('日本語/写真 é.jpg', 'scenes/opencv/orange.jpg');
  await place('Ünïcödé 📷/café.png', 'bad/wrong-ext/png-named.jpg');
  await place('.hidden/secret.jpg', 'scenes/opencv/apple.jpg');
  await place('.DS_Store', Buffer.from('junk'));
  await place('@eaDir/apple.jpg@SYNOFILE_THUMB_XL.jpg', 'scenes/opencv/apple.jpg');
  await place('$RECYCLE.BIN/deleted.jpg', 'scenes/opencv/apple.jpg');
  await place('node_modules/pkg/logo.png', 'bad/wrong-ext/png-named.jpg');
  await place('Clipfolio Library/thumbs/x.jpg', 'scenes/opencv/apple.jpg');
  await place('locked/inside.jpg', 'scenes/opencv/apple.jpg');
  await chmod(join(root, 'locked'), 0o000);
  await symlink(root, join(root, 'loop'));
  await symlink(join(root, 'raw'), join(root, 'raw-again'));
  await symlink(join(root, 'missing.jpg'), join(root, 'dangling.jpg'));
  await symlink(join(root, 'apple.jpg'), join(root, 'apple-link.jpg'));
  if (process.platform !== 'win32') spawnSync('mkfifo', [join(root, 'pipe.jpg')]);
});

afterAll(async () => {
  await chmod(join(root, 'locked'), 0o755);
  await rm(base, { recursive: true, force: true });
});

describe('scanRoots', () => {
  it('classifies every file by content and skips what a library must not index', async () => {
    const entries = await collect([root], [libraryData]);
    const got = byPath(entries);
    // Each path is reported once, even with the symlink loop.
    expect(got.size).toBe(entries.length);

    const photo = (rel: string) => {
      const entry = got.get(rel);
      return entry?.kind === 'photo' ? entry.format : entry;
    };
    expect(photo('apple.jpg')).toBe('jpeg');
    expect(photo('apple-link.jpg')).toBe('jpeg');
    expect(photo('png-really.jpg')).toBe('png');
    expect(photo('no-extension')).toBe('jpeg');
    expect(photo('heic/renamed.jpg')).toBe('heic');
    expect(photo('raw/Nikon.nef')).toBe('raw');
    expect(photo('raw/DNG.dng')).toBe('dng');
    expect(photo('raw/CanonRaw.cr3')).toBe('raw');
    expect(photo('日本語/写真 é.jpg')).toBe('jpeg');
    expect(photo('Ünïcödé 📷/café.png')).toBe('png');

    const apple = got.get('apple.jpg');
    expect(apple).toMatchObject({ kind: 'photo', size: (await stat(join(images, 'scenes/opencv/apple.jpg'))).size });
    expect(apple?.kind === 'photo' && apple.mtimeMs > 0).toBe(true);

    const skipped = (rel: string) => {
      const entry = got.get(rel);
      return entry?.kind === 'skipped' ? entry.reason : entry;
    };
    expect(skipped('text-named.jpg')).toBe('not-an-image');
    expect(got.get('small.bmp')).toMatchObject({ kind: 'skipped', reason: 'unsupported-format', format: 'bmp' });
    expect(skipped('empty.jpg')).toBe('empty');
    expect(skipped('.hidden')).toBe('hidden');
    expect(skipped('.DS_Store')).toBe('hidden');
    expect(skipped('@eaDir')).toBe('system-folder');
    expect(skipped('$RECYCLE.BIN')).toBe('system-folder');
    expect(skipped('node_modules')).toBe('system-folder');
    expect(skipped('Clipfolio Library')).toBe('excluded');
    expect(skipped('loop')).toBe('already-visited');
    expect(skipped('raw-again')).toBe('already-visited');
    expect(skipped('dangling.jpg')).toBe('broken-link');
    if (process.platform !== 'win32') expect(skipped('pipe.jpg')).toBe('special-file');

    // Nothing inside skipped folders was reported.
    for (const rel of got.keys()) {
      expect(rel).not.toMatch(/^(\.hidden|@eaDir|\$RECYCLE\.BIN|node_modules|Clipfolio Library|loop|raw-again)\//);
    }
  });

  // As root, chmod 000 does not stop readdir, so the error cannot occur; the walk then
  // simply enters the folder, which the assertion below accepts.
  it('records an unreadable folder as an error and carries on', async () => {
    const got = byPath(await collect([root], [libraryData]));
    if (isRoot) {
      expect(got.get('locked/inside.jpg')).toMatchObject({ kind: 'photo' });
    } else {
      expect(got.get('locked')).toMatchObject({ kind: 'error', code: 'EACCES' });
      expect(got.has('locked/inside.jpg')).toBe(false);
    }
    expect(got.get('apple.jpg')).toMatchObject({ kind: 'photo' });
  });

  it('reports a missing root and visits overlapping roots once', async () => {
    const missing = join(base, 'unplugged-drive');
    const entries = await collect([missing, root, join(root, 'raw')], [libraryData]);
    expect(entries[0]).toMatchObject({ kind: 'error', path: missing, code: 'ENOENT' });
    const nef = entries.filter((e) => e.path.endsWith('Nikon.nef'));
    expect(nef).toHaveLength(1);
  });

  it('stops with CANCELLED when the signal aborts', async () => {
    const controller = new AbortController();
    const seen: ScanEntry[] = [];
    const run = async () => {
      for await (const entry of scanRoots([root], { signal: controller.signal })) {
        seen.push(entry);
        controller.abort();
      }
    };
    await expect(run()).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(seen.length).toBeGreaterThan(0);
  });
});
