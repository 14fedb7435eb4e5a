// Integration test: one library, the app backend (`clipfolio serve`, as the browser UI and the
// desktop app run it) and the CLI at once, all started as users start them. Commands typed
// while the app runs are handed to it: they succeed, the app sees their work at once, two of
// them at once are both kept, and after the app closes everything both did is in the
// library. kill -9 of the app or of a CLI command at random moments loses no edit that was
// acknowledged (an API answer, a printed line).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Catalog } from '../../../main/library/catalog';
import { LibraryLock } from '../../../main/library/library-lock';
import type { AlbumInfo, CategoryInfo, LibraryState, PhotoTagInfo, Result } from '../../../main/shared/api-contract';
import { BRIDGE_TOKEN_HEADER } from '../../../main/shared/api-contract';
import { buildUi, startServe, tempDir, type Server } from '../../e2e/harness';
import { testModelDir } from '../../fixtures/test-models';
import { runClipfolio } from '../cli/run-cli';

const MODEL = testModelDir('transformers');
const editLoop = path.join(import.meta.dirname, 'edit-loop.child.ts');

let tmp: Awaited<ReturnType<typeof tempDir>>;
let libraryDir: string;
const home = () => path.join(tmp.dir, 'home');

async function writePhotos(folder: string, count: number, seed: number): Promise<string[]> {
  await mkdir(folder, { recursive: true });
  return Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const file = path.join(folder, `photo-${seed}-${i}.jpg`);
      const background = { r: (seed * 53 + i * 29) % 256, g: (seed * 17 + i * 71) % 256, b: (i * 113) % 256 };
      await sharp({ create: { width: 64, height: 48, channels: 3, background } }).jpeg().toFile(file);
      return file;
    }),
  );
}

/** The bridge's API, as the UI calls it. */
function apiOf(server: Server) {
  const url = new URL(server.url);
  const token = url.searchParams.get('token') ?? '';
  return async <T>(channel: string, ...args: unknown[]): Promise<T> => {
    const response = await fetch(`${url.origin}/api/${encodeURIComponent(channel)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [BRIDGE_TOKEN_HEADER]: token },
      body: JSON.stringify(args),
    });
    const result = (await response.json()) as Result<T>;
    if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
    return result.value;
  };
}

const cli = (...args: string[]) => runClipfolio([...args, '--library', libraryDir], { CLIPFOLIO_HOME: home() });
const cliWithModel = (...args: string[]) => cli(...args, '--model', MODEL);

async function until<T>(probe: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  buildUi();
  tmp = await tempDir('clipfolio-shared-');
  libraryDir = path.join(tmp.dir, 'library');
});

afterAll(async () => {
  await tmp?.remove();
});

describe('the app and the CLI on one library', () => {
  let server: Server;
  let api: ReturnType<typeof apiOf>;
  let folderA: string[];
  let folderB: string[];

  beforeAll(async () => {
    folderA = await writePhotos(path.join(tmp.dir, 'A'), 6, 1);
    folderB = await writePhotos(path.join(tmp.dir, 'B'), 8, 2);
    server = await startServe({ libraryDir, modelDir: MODEL, home: home() });
    api = apiOf(server);
    await api('library:addRoot', path.join(tmp.dir, 'A'));
    await api('indexing:start');
    await until(() => api<{ state: string; lastSummary: unknown }>('indexing:status'), (s) => s.state === 'idle' && s.lastSummary !== null);
  });

  afterAll(async () => {
    await server?.stop();
  });

  it('hands commands typed meanwhile to the app, which sees their work at once', async () => {
    const holder = await LibraryLock.holderOf(libraryDir);
    expect(holder).toMatchObject({ holder: 'the Clipfolio app', socket: expect.any(String) as string });

    const indexed = await cliWithModel('index', path.join(tmp.dir, 'B'), '--json');
    expect(indexed.code, indexed.stderr).toBe(0);
    expect(JSON.parse(indexed.stdout)).toMatchObject({ indexed: folderB.length, failed: [] });
    expect((await cli('albums', 'create', 'Picks', folderB[0] as string)).code).toBe(0);
    expect((await cli('categories', 'add', 'warm', '--prompt', 'red')).code).toBe(0);
    expect((await cli('keywords', 'add', folderA[0] as string, 'Grandma')).code).toBe(0);

    const state = await api<Extract<LibraryState, { state: 'open' }>>('library:state');
    expect(state.photoCount).toBe(folderA.length + folderB.length);
    expect(state.roots.map((r) => r.path).sort()).toEqual([path.join(tmp.dir, 'A'), path.join(tmp.dir, 'B')]);
    expect((await api<AlbumInfo[]>('albums:list')).map((a) => [a.name, a.kind === 'manual' ? a.count : null])).toEqual([['Picks', 1]]);
    expect((await api<CategoryInfo[]>('categories:list')).map((c) => c.name)).toEqual(['warm']);
    const photoA = (await api<{ photos: { id: string; path: string }[] }>('library:listPhotos', { limit: 100 })).photos.find((p) => p.path === folderA[0]);
    expect((await api<PhotoTagInfo[]>('tags:ofPhoto', photoA?.id)).filter((t) => t.source === 'keyword').map((t) => t.name)).toEqual(['Grandma']);
  });

  it('keeps two commands typed at once, and the app’s own edits show in the CLI', async () => {
    const [first, second] = await Promise.all([cli('albums', 'add', 'Picks', folderB[1] as string), cli('keywords', 'add', folderB[2] as string, 'beach')]);
    expect([first.code, second.code]).toEqual([0, 0]);
    const picks = (await api<AlbumInfo[]>('albums:list')).find((a) => a.name === 'Picks');
    const photos = (await api<{ photos: { id: string; path: string }[] }>('library:listPhotos', { limit: 100 })).photos;
    const idOf = (file: string) => photos.find((p) => p.path === file)?.id ?? '';
    await api('albums:addPhotos', picks?.id, [idOf(folderA[1] as string)]);
    const shown = await cliWithModel('albums', 'show', 'Picks', '--json');
    expect(JSON.parse(shown.stdout)).toEqual([folderB[0], folderB[1], folderA[1]]);
    // An edit made in the app is undone from the terminal, the same history.
    expect((await cli('undo')).stdout).toMatch(/^Undid: Add 1 photo to “Picks”/);
    expect((await api<AlbumInfo[]>('albums:list')).find((a) => a.name === 'Picks')).toMatchObject({ count: 2 });
  });

  it('after the app closes, the library holds everything both did', async () => {
    await server.stop();
    const status = JSON.parse((await cli('status', '--json')).stdout) as { total: number; roots: unknown[] };
    expect(status).toMatchObject({ total: folderA.length + folderB.length });
    expect(status.roots).toHaveLength(2);
    expect(JSON.parse((await cli('albums', 'list', '--json')).stdout)).toEqual([
      { name: 'Picks', kind: 'manual', photos: 2 },
      { name: 'warm', kind: 'category' },
    ]);
    expect(JSON.parse((await cli('keywords', 'list', '--json')).stdout)).toEqual([
      { keyword: 'beach', photos: 1 },
      { keyword: 'Grandma', photos: 1 },
    ]);
  });
});

/** Lines a child prints, as they come. */
function lines(child: ChildProcess, onLine: (line: string) => void): void {
  let buffered = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    const parts = buffered.split('\n');
    buffered = parts.pop() ?? '';
    parts.forEach(onLine);
  });
}

describe('kill -9 loses no acknowledged edit', () => {
  it('of a CLI process holding the library, at several moments of a run of edits', async () => {
    const dir = path.join(tmp.dir, 'kill-cli');
    for (const after of [1, 7, 19, 33]) {
      const acknowledged: string[] = [];
      await new Promise<void>((resolve, reject) => {
        const child = spawn(process.execPath, ['--import', 'tsx', editLoop, dir], { stdio: ['ignore', 'pipe', 'inherit'] });
        lines(child, (line) => {
          acknowledged.push(line);
          if (acknowledged.length === after) child.kill('SIGKILL');
        });
        child.on('error', reject);
        child.on('exit', () => resolve());
      });
      const catalog = Catalog.open(path.join(dir, 'catalog.sqlite'));
      try {
        for (const line of acknowledged) expect(hasEdit(catalog, line), line).toBe(true);
      } finally {
        catalog.close();
      }
    }
  });

  it('of the app in the middle of a stream of edits from the UI', async () => {
    const dir = path.join(tmp.dir, 'kill-app');
    await writePhotos(path.join(dir, 'photos'), 3, 3);
    for (const killAfterMs of [300, 900]) {
      const server = await startServe({ libraryDir: path.join(dir, 'library'), modelDir: MODEL, home: home() });
      const api = apiOf(server);
      const root = await api<{ id: string }>('library:addRoot', path.join(dir, 'photos'));
      await api('indexing:start');
      await until(() => api<{ state: string; lastSummary: unknown }>('indexing:status'), (s) => s.state === 'idle' && s.lastSummary !== null);
      const [photo] = (await api<{ photos: { id: string }[] }>('library:listPhotos', { limit: 1, rootId: root.id })).photos;
      const album = await api<AlbumInfo>('albums:createManual', `Album ${killAfterMs}`, []);
      const acknowledged: string[] = [];
      let stop = false;
      const stream = (async () => {
        for (let i = 0; !stop; i++) {
          const keyword = `k${killAfterMs}-${i}`;
          try {
            await api('tags:addKeywords', [photo?.id], [keyword]);
          } catch {
            return;
          }
          acknowledged.push(keyword);
        }
      })();
      await new Promise((r) => setTimeout(r, killAfterMs));
      const pid = JSON.parse(await readFile(path.join(dir, 'library', 'library.holder.json'), 'utf8')) as { pid: number };
      process.kill(pid.pid, 'SIGKILL');
      stop = true;
      await stream;
      await server.stop();
      expect(acknowledged.length).toBeGreaterThan(0);
      const catalog = Catalog.open(path.join(dir, 'library', 'catalog.sqlite'));
      try {
        const kept = new Set(catalog.keywordsOf(photo?.id ?? '').map((k) => k.keyword));
        expect(acknowledged.filter((k) => !kept.has(k))).toEqual([]);
        expect(catalog.table('albums').some((a) => a.id === album.id)).toBe(true);
      } finally {
        catalog.close();
      }
    }
  });
});

/** Whether the edit the child acknowledged with `line` ("album NAME", "keyword PHOTO WORD", "decision PHOTO CATEGORY") is in the catalog. */
function hasEdit(catalog: Catalog, line: string): boolean {
  const [kind, a = '', b = ''] = line.split(' ');
  if (kind === 'album') return catalog.table('albums').some((x) => x.name === a);
  if (kind === 'keyword') return catalog.hasKeyword(a, b);
  if (kind === 'decision') return catalog.decisions().some((d) => d.photoId === a && d.categoryId === b);
  if (kind === 'ready') return true;
  throw new Error(`unknown acknowledgement ${line}`);
}
