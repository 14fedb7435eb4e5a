// Runs decodePhoto over every file of the shared image corpus (formats/, bad/, exif/,
// scenes/), two at a time, the way the indexer meets a real photo folder: each file either
// gives a finite tensor or fails with a ClipfolioError of a known code and a message. A
// crash would kill this process and a hang would trip the per-file limit. The summary table
// goes to the test log.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLIP_PREPROCESS } from '../../../main/clip/preprocess-config';
import { decodePhoto } from '../../../main/imaging/decode-photo';
import { ClipfolioError } from '../../../main/shared/errors';

const images = path.resolve(process.cwd(), '../shared/testdata/images');
const FOLDERS = ['formats', 'bad', 'exif', 'scenes'];
const EXPECTED_CODES = new Set(['DECODE_FAILED', 'UNSUPPORTED_FORMAT']);
const CONCURRENCY = 2;
/** Generous: the slowest file takes ~4 s alone, and the wasm HEIC decoder blocks the thread. */
const PER_FILE_TIMEOUT_MS = 60_000;

interface Outcome {
  file: string;
  folder: string;
  /** 'ok', 'thrown', or the ClipfolioError code. */
  result: string;
  problem?: string;
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name)).sort();
}

async function decodeOne(file: string): Promise<Outcome> {
  const relative = path.relative(images, file);
  const folder = relative.split(path.sep).slice(0, 2).join('/');
  try {
    const photo = await decodePhoto(await readFile(file), {
      preprocess: CLIP_PREPROCESS,
      thumbnail: { maxSide: 256 },
      timeoutMs: PER_FILE_TIMEOUT_MS,
    });
    const finite = photo.tensor.length === 3 * 224 * 224 && photo.tensor.every(Number.isFinite);
    const bounded = !photo.thumbnail || (photo.thumbnail.width <= 256 && photo.thumbnail.height <= 256);
    return { file: relative, folder, result: 'ok', problem: finite && bounded ? undefined : 'bad tensor or thumbnail' };
  } catch (err) {
    if (!(err instanceof ClipfolioError)) return { file: relative, folder, result: 'thrown', problem: String(err) };
    const known = EXPECTED_CODES.has(err.code) && err.message.trim() !== '';
    return { file: relative, folder, result: err.code, problem: known ? undefined : `${err.code}: ${err.message}` };
  }
}

function summaryTable(outcomes: Outcome[]): string {
  const results = [...new Set(outcomes.map((o) => o.result))].sort();
  const folders = [...new Set(outcomes.map((o) => o.folder))].sort();
  const rows = folders.map((folder) => {
    const mine = outcomes.filter((o) => o.folder === folder);
    return [folder, ...results.map((r) => String(mine.filter((o) => o.result === r).length)), String(mine.length)];
  });
  const header = ['folder', ...results, 'total'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(header), ...rows.map(line)].join('\n');
}

describe('decodePhoto over the whole corpus', () => {
  it('decodes or cleanly refuses every file', { timeout: 600_000 }, async () => {
    const files = (await Promise.all(FOLDERS.map((f) => listFiles(path.join(images, f))))).flat();
    expect(files.length).toBeGreaterThan(500);
    const outcomes: Outcome[] = [];
    let next = 0;
    const worker = async () => {
      while (next < files.length) outcomes.push(await decodeOne(files[next++]!));
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));

    console.log(`decodePhoto over ${files.length} files\n${summaryTable(outcomes)}`);
    expect(outcomes.filter((o) => o.problem)).toEqual([]);
    // Files that are valid photos must all decode.
    const validFailures = outcomes.filter((o) => /^(exif|scenes)\//.test(o.folder) && o.result !== 'ok');
    expect(validFailures).toEqual([]);
  });
});
