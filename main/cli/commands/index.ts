// Runs in: the CLI process. `clipfolio index FOLDER...`: adds the folders to the library
// (the app's own one unless --library says otherwise) and indexes them, with a progress
// line on a terminal and, with --json, one summary document. Ctrl-C stops after the
// chunks in flight are saved. Also home of what `watch` shares: the library with an
// indexer over it, and the progress line.
import { stat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { Indexer, type IndexProgress, type IndexSummary } from '../../library/indexer';
import type { Library } from '../../library/library';
import { printJson, printLine, UsageError, type CliIo } from '../cli-io';
import { modelOptions, modelUsage } from '../open-engine';
import { libraryOption, libraryUsage, withEngineLibrary } from '../open-library';
import { parseCommandArgs } from '../parse-command-args';

export const indexUsage = `usage: clipfolio index FOLDER... ${libraryUsage} ${modelUsage} [--json]`;

export interface IndexingSession {
  library: Library;
  indexer: Indexer;
}

/** Opens the model, the worker, the library and an indexer; closes them all after `use`. */
export function withIndexing<T>(
  values: { library?: string; model?: string; variant?: string; provider?: string },
  io: CliIo,
  use: (session: IndexingSession) => Promise<T>,
): Promise<T> {
  return withEngineLibrary(values, io, (engine, library) =>
    use({ library, indexer: new Indexer(library, engine.client, engine.model, { provider: engine.provider }) }),
  );
}

/** Resolves once `signals` arrive and aborts the returned signal; call `dispose` when done. */
export function abortOnSignals(signals: readonly NodeJS.Signals[]): { signal: AbortSignal; dispose: () => void } {
  const controller = new AbortController();
  const stop = () => controller.abort();
  for (const name of signals) process.on(name, stop);
  return { signal: controller.signal, dispose: () => signals.forEach((name) => process.off(name, stop)) };
}

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
      `skipped ${summary.skipped}, failed ${summary.failed.length} in ${summary.seconds.toFixed(1)} s ` +
      `(${summary.imagesPerSecond.toFixed(1)} img/s)${summary.cancelled ? ', cancelled' : ''}`,
  );
  for (const { path, reason } of summary.failed) printLine(io, `failed  ${path}: ${reason}`);
}

export async function indexCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { ...modelOptions, ...libraryOption, json: { type: 'boolean' } });
  if (positionals.length === 0) throw new UsageError(indexUsage);
  const folders = await Promise.all(
    positionals.map(async (folder) => {
      const path = resolve(folder);
      const info = await stat(path).catch(() => null);
      if (!info?.isDirectory()) throw new UsageError(`${folder} is not a folder`);
      return path;
    }),
  );
  const { signal, dispose } = abortOnSignals(['SIGINT', 'SIGTERM']);
  try {
    const summary = await withIndexing(values, io, async ({ library, indexer }) => {
      // A folder inside a library folder is indexed as part of it.
      for (const folder of folders) if (!library.catalog.rootFor(folder)) library.catalog.addRoot(folder);
      return indexer.run({ folders, signal, onProgress: progressLine(io) });
    });
    if (io.stderr.isTTY) io.stderr.write('\n');
    if (values.json) printJson(io, summary);
    else printSummary(io, summary);
    return summary.cancelled ? 130 : 0;
  } finally {
    dispose();
  }
}
