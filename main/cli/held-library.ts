// Runs in: the CLI process. How a library command gets its library: this process holds it (and,
// while its command runs, takes the commands other terminals hand it), or another process
// (the app, or another command) holds it and the command is handed over to run there
// (library-handoff.ts). Two commands at once, or a command while the app runs, are then safe:
// one process writes the library.
import { setTimeout as sleep } from 'node:timers/promises';
import { answerWhenDurable } from '../library/durable-answers';
import { LibraryHold } from '../library/library-hold';
import { defaultLibraryDir } from '../shared/app-paths';
import { ClipfolioError } from '../shared/errors';
import { pathFrom, type CliIo } from './cli-io';
import { HeldLibraryAccess } from './library-access';
import { handOff, serveHandoff } from './library-handoff';
import { runCli } from './main';

/** How long a command keeps trying while a holder starts or stops taking commands. */
const SETTLE_MS = 10_000;
const RETRY_MS = 100;

/** The folder `--library` names (from where the command was typed), or the app's own library. */
export function libraryDirIn(args: readonly string[], io: CliIo): string {
  const at = args.findIndex((a) => a === '--library' || a.startsWith('--library='));
  const value = at < 0 ? undefined : args[at]?.startsWith('--library=') ? args[at]?.slice('--library='.length) : args[at + 1];
  return pathFrom(io, value ?? defaultLibraryDir());
}

/**
 * Runs the command `name args` on its library: here, holding it, or in the process that
 * holds it. `run` gets an io with the library set.
 */
export async function runOnLibrary(name: string, args: string[], io: CliIo, run: (io: CliIo) => number | Promise<number>): Promise<number> {
  const dir = libraryDirIn(args, io);
  const deadline = performance.now() + SETTLE_MS;
  for (;;) {
    let hold: LibraryHold;
    try {
      hold = await LibraryHold.acquire(dir, {
        holder: `clipfolio ${name}`,
        onMigration: (p) => {
          if (io.stderr.isTTY) io.stderr.write(`\rMoving the library to its new catalog: ${Math.floor(p.fraction * 100)}%\x1b[K`);
        },
      });
    } catch (err) {
      if (!(err instanceof ClipfolioError) || err.code !== 'BUSY') throw err;
      const code = await handOff(dir, [name, ...args], io);
      if (code !== null) return code;
      if (performance.now() > deadline) throw err;
      await sleep(RETRY_MS);
      continue;
    }
    return holding(hold, io, run);
  }
}

async function holding(hold: LibraryHold, io: CliIo, run: (io: CliIo) => number | Promise<number>): Promise<number> {
  const library = new HeldLibraryAccess(hold);
  if (hold.storageWarning) io.stderr.write(`clipfolio: warning: ${hold.storageWarning}\n`);
  try {
    const server = await serveHandoff(hold.lock, (argv, handed) => runCli(argv, { ...handed, library }));
    try {
      // The exit code is the command's answer: its edits are on disk before it leaves.
      return await answerWhenDurable(() => run({ ...io, library }));
    } finally {
      await server.close();
    }
  } finally {
    await library.close();
    hold.release();
  }
}
