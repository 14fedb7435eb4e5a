// Runs in: the CLI process, and the process holding a library for a command handed to it
// (library-handoff.ts). How commands talk to the terminal: --json documents go to stdout as
// one JSON value, human text to stdout, errors and progress to stderr. Where relative paths
// start and when the user stopped the command come with it too, so a command runs the same
// in the holder as in the terminal it was typed in.
import { resolve } from 'node:path';
import { ClipfolioError, errorMessage } from '../shared/errors';
import type { LibraryAccess } from './library-access';

export interface OutputStream {
  write(text: string): unknown;
  isTTY?: boolean;
}

export interface CliIo {
  stdout: OutputStream;
  stderr: OutputStream;
  /** Where the command was typed: relative paths on its command line start here. */
  cwd: string;
  /** Aborted when the user stops the command (Ctrl-C, or the terminal that handed it over went away). */
  signal: AbortSignal;
  /** The library this process holds, for library commands (main.ts sets it). */
  library?: LibraryAccess;
}

/**
 * The terminal this process runs in. The first Ctrl-C (or SIGTERM) asks the command to stop,
 * so an index run saves what is in flight and prints its summary; a second one ends the
 * process at once, which every write of the catalog is made to survive. It ends by the
 * signal itself, as if unhandled: exiting through process.exit would run onnxruntime's
 * teardown under a worker still using it, which aborts with a native error.
 */
export function processIo(): CliIo {
  const controller = new AbortController();
  const stop = (signal: NodeJS.Signals) => {
    if (!controller.signal.aborted) return controller.abort();
    process.removeAllListeners(signal);
    process.kill(process.pid, signal);
  };
  for (const name of ['SIGINT', 'SIGTERM'] as const) process.on(name, stop);
  return { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), signal: controller.signal };
}

/** A path from the command line, made absolute from where it was typed. */
export function pathFrom(io: CliIo, path: string): string {
  return resolve(io.cwd, path);
}

/** The held library; commands that main.ts marks as library commands always have one. */
export function libraryOf(io: CliIo): LibraryAccess {
  if (!io.library) throw new ClipfolioError('INTERNAL', 'a library command ran without its library');
  return io.library;
}

export function printJson(io: CliIo, value: unknown): void {
  io.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

export function printLine(io: CliIo, line = ''): void {
  io.stdout.write(`${line}\n`);
}

/** A usage mistake: printed with the command's usage, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export function reportError(io: CliIo, err: unknown): number {
  if (err instanceof UsageError) {
    io.stderr.write(`clipfolio: ${err.message}\n`);
    return 2;
  }
  const code = err instanceof ClipfolioError ? ` [${err.code}]` : '';
  io.stderr.write(`clipfolio: ${errorMessage(err)}${code}\n`);
  return 1;
}
