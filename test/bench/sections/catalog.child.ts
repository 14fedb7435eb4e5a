// Runs in: a child process of the catalog benchmark, so its time and memory are that of one
// task alone. Prints one JSON line of figures.
//   reopen LIBRARY MODEL_ID DIM    hold the library and list the first grid page (a usable UI),
//                                  then load the vectors and answer a search; time and RSS
//   edits LIBRARY                  user edits one at a time, each committed durably: latencies
//   load LIBRARY MODEL_DIR PHOTOS  the app backend indexing PHOTOS while the UI edits and
//                                  browses: every API answer's latency and the event loop's delay
//   touch BYTES                    fill a fresh buffer of BYTES: what any process holding the
//                                  vectors pays for its memory alone on this machine
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { addToAlbum } from '../../../main/albums/album-store';
import { AppService } from '../../../main/app/app-service';
import { openLogFile } from '../../../main/app/log-file';
import { InferenceClient } from '../../../main/inference/inference-client';
import { createDispatcher } from '../../../main/ipc/dispatcher';
import { answerWhenDurable } from '../../../main/library/durable-answers';
import { Library } from '../../../main/library/library';
import { LibraryHold } from '../../../main/library/library-hold';
import { LibraryMatrix } from '../../../main/search/library-matrix';
import { manifestsDir } from '../../../main/shared/app-paths';
import { decideTag, updateCategory } from '../../../main/tagging/category-store';
import { addKeywords } from '../../../main/tagging/keyword-store';

const [mode, libraryDir = '', ...rest] = process.argv.slice(2);
const ROUNDS = 200;

async function reopen(modelId: string, dim: number) {
  const started = performance.now();
  const hold = await LibraryHold.acquire(libraryDir, { holder: 'the benchmark' });
  // As the app does: the inference worker starts once the library is held, before it opens.
  const client = InferenceClient.start();
  const page = hold.catalog.listPhotos({ limit: 5000 });
  const usable = performance.now() - started;
  const library = await Library.open(hold, { id: modelId, dim });
  const matrix = new LibraryMatrix(library.searchVectors, client);
  const query = new Float32Array(dim).fill(1 / Math.sqrt(dim));
  await matrix.score(query, 1);
  const searchable = performance.now() - started;
  const rssMB = process.memoryUsage().rss / 1e6;
  await client.close();
  await library.close();
  hold.release();
  return { usableMs: usable, searchableMs: searchable, rssMB, photos: page.total, vectorsMB: (library.searchVectors.count * dim * 4) / 1e6 };
}

async function edits() {
  const hold = await LibraryHold.acquire(libraryDir, { holder: 'the benchmark' });
  const { catalog } = hold;
  try {
    const photos = catalog.listPhotos({ limit: ROUNDS }).photos.map((p) => p.id);
    const album = catalog.table('albums').find((a) => a.kind === 'manual');
    const category = catalog.table('categories')[0];
    if (!album || !category) throw new Error('the bench library has no manual album or category');
    const timed: Record<string, number[]> = { 'album add': [], keyword: [], 'tag decision': [], 'category edit': [] };
    // Each edit as a call answers it: committed, and its log synced (durable-answers.ts).
    const time = async (name: string, work: () => unknown) => {
      const started = performance.now();
      await answerWhenDurable(work);
      timed[name]?.push(performance.now() - started);
    };
    for (const [i, id] of photos.entries()) {
      await time('album add', () => addToAlbum(catalog, album.id, [id]));
      await time('keyword', () => addKeywords(catalog, [id], [`bench-${i}`]));
      await time('tag decision', () => decideTag(catalog, [id], category.id, i % 2 === 0 ? 'accepted' : 'rejected'));
      await time('category edit', () => updateCategory(catalog, category.id, { threshold: (i % 10) / 100 }));
    }
    return timed;
  } finally {
    hold.release();
  }
}

async function load(modelDir: string, photosDir: string) {
  const userDataDir = await mkdtemp(path.join(os.tmpdir(), 'clipfolio-bench-load-'));
  const logger = await openLogFile(path.join(userDataDir, 'main.log'));
  const opened = performance.now();
  const service = await AppService.open({
    userDataDir,
    libraryDir,
    modelsDir: path.join(userDataDir, 'models'),
    manifestsDir: manifestsDir(),
    modelDir,
    version: 'bench',
    shell: 'bridge',
    logger,
  });
  const dispatch = createDispatcher(service.handlers(), () => undefined);
  const call = async (channel: string, ...args: unknown[]) => {
    const result = await dispatch(channel, args);
    if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
    return result.value;
  };
  // What the window asks first, as the UI does when a library opens.
  await call('categories:list');
  const readyMs = performance.now() - opened;
  const page = (await call('library:listPhotos', { limit: 1000 })) as { photos: { id: string }[] };
  const ids = page.photos.map((p) => p.id);
  const albums = (await call('albums:list')) as { id: string; kind: string }[];
  const categories = (await call('categories:list')) as { id: string }[];
  const album = albums.find((a) => a.kind === 'manual');
  const category = categories[0];
  if (!album || !category) throw new Error('the bench library has no manual album or category');

  const answers: Record<string, number[]> = {};
  const offers: number[] = [];
  const timed = async (name: string, channel: string, ...args: unknown[]) => {
    const started = performance.now();
    await call(channel, ...args);
    (answers[name] ??= []).push(performance.now() - started);
  };
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  // The session's first edit, answered once durable like the others.
  await timed('library:addRoot', 'library:addRoot', photosDir);
  // Waits, by design, for the library's vectors to load if they have not yet.
  await call('indexing:start');
  let round = 0;
  for (; ; round++) {
    const status = (await call('indexing:status')) as { state: string };
    if (status.state === 'idle' && round > 20) break;
    const id = ids[round % ids.length] ?? '';
    await timed('library:state', 'library:state');
    await timed('library:listPhotos (a page of 1,000 by key)', 'library:listPhotos', { after: ids[(round * 7) % ids.length], limit: 1000 });
    await timed('tags:addKeywords', 'tags:addKeywords', [id], [`load-${round}`]);
    await timed('albums:addPhotos', 'albums:addPhotos', album.id, [id]);
    const decision = round % 2 === 0 ? 'accepted' : 'rejected';
    await timed('tags:decide', 'tags:decide', [id], category.id, decision);
    // The offer that follows a correction in the window, in the background: timed on its own.
    const started = performance.now();
    await call('tags:lookAlikes', [id], category.id, decision);
    offers.push(performance.now() - started);
    await timed('history:undo', 'history:undo');
    await sleep(20);
  }
  delay.disable();
  const summary = (await call('indexing:status')) as { lastSummary: { indexed: number; seconds: number } | null };
  await service.close();
  await logger.close();
  return { readyMs, rounds: round, answers, offers, loopDelayMaxMs: delay.max / 1e6, loopDelayP99Ms: delay.percentile(99) / 1e6, indexed: summary.lastSummary };
}

function touch(bytes: number) {
  const started = performance.now();
  new Float32Array(bytes / 4).fill(1);
  return { ms: performance.now() - started };
}

let result: unknown;
if (mode === 'reopen') result = await reopen(rest[0] ?? '', Number(rest[1]));
else if (mode === 'edits') result = await edits();
else if (mode === 'load') result = await load(rest[0] ?? '', rest[1] ?? '');
else if (mode === 'touch') result = touch(Number(libraryDir));
else throw new Error('usage: catalog.child.ts reopen|edits|load LIBRARY ... | touch BYTES');
console.log(JSON.stringify(result));
