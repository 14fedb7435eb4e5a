// Runs in: the CLI process, or the app when the app holds the library (then the app indexes
// and the terminal shows its progress). `clipfolio index FOLDER...`: adds the folders to the
// library (the app's own one unless --library says otherwise) and indexes them, with a
// progress line on a terminal and, with --json, one summary document. Ctrl-C stops after the
// chunks in flight are saved. Also home of the progress line and summary `watch` shares.
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { IndexProgress, IndexSummary } from '../../library/indexer';
import { libraryOf, pathFrom, printJson, printLine, UsageError, type CliIo } from '../cli-io';
import { modelOptions, modelUsage } from '../open-engine';
import { libraryOption, libraryUsage } from '../open-library';
import { parseCommandArgs } from '../parse-command-args';

export const indexUsage = `usage: clipfolio index FOLDER... ${libraryUsage} ${modelUsage} [--json]`;

function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  return s >= 3600 ? `${Math.floor(s / 3600)}h${String(Math.floor(s / 60) % 60).padStart(2, '0')}m` : `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

export function formatIndexProgress(p: IndexProgress, width = 24): string {
  const finished = p.done + p.failed;
  const filled = p.queued === 0 ? 0 : Math.round((finished / p.queued) * width);
  const bar = `[${'#'.repeat(filled)}${' '.repeat(width - filled)}]`;
  const eta = p.etaSeconds === null ? '' : ` eta ${formatDuration(p.etaSeconds)}`;
  const file = p.currentFile ? ` ${basename(p.currentFile)}` : '';
  return `${bar} ${finished}/${p.queued} (${p.failed} failed, ${p.skipped} skipped) ${p.imagesPerSecond.toFixed(1)} img/s${eta}${file}`;
}

/** A progress callback that redraws one stderr line on a terminal, at most 10 times a second. */
export function progressLine(io: CliIo): ((p: IndexProgress) => void) | undefined {
  if (!io.stderr.isTTY) return undefined;
  let last = 0;
  return (p) => {
    const now = performance.now();
    if (now - last < 100 && p.done + p.failed < p.queued) return;
    last = now;
    io.stderr.write(`\r${formatIndexProgress(p)}\x1b[K`);
  };
}

export function printSummary(io: CliIo, summary: IndexSummary): void {
  printLine(
    io,
    `indexed ${summary.indexed}, unchanged ${summary.unchanged}, moved ${summary.moved}, removed ${summary.removed}, ` +
      `skipped ${summary.skipped}, failed ${summary.failed.length}${summary.sidecars > 0 ? `, ${summary.sidecars} updated from XMP sidecars` : ''} in ${summary.seconds.toFixed(1)} s ` +
      `(${summary.imagesPerSecond.toFixed(1)} img/s)${summary.cancelled ? ', cancelled' : ''}`,
  );
  for (const { path, reason } of summary.failed) printLine(io, `failed  ${path}: ${reason}`);
}

export async function indexCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { ...modelOptions, ...libraryOption, json: { type: 'boolean' } });
  if (positionals.length === 0) throw new UsageError(indexUsage);
  const folders = await Promise.all(
    positionals.map(async (folder) => {
      const path = pathFrom(io, folder);
      const info = await stat(path).catch(() => null);
      if (!info?.isDirectory()) throw new UsageError(`${folder} is not a folder`);
      return path;
    }),
  );
  const summary = await libraryOf(io).withModel(values, io, async ({ library, index }) => {
    // A folder inside a library folder is indexed as part of it.
    for (const folder of folders) if (!library.catalog.rootFor(folder)) library.catalog.addRoot(folder);
    return index({ folders, signal: io.signal, onProgress: progressLine(io) });
  });
  if (io.stderr.isTTY) io.stderr.write('\n');
  if (values.json) printJson(io, summary);
  else printSummary(io, summary);
  return summary.cancelled ? 130 : 0;
}
