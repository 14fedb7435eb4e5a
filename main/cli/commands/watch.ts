// Runs in: the CLI process, or the app when the app holds the library (then the app indexes
// and the terminal shows its progress). `clipfolio watch`: indexes every library folder, then
// keeps watching them and indexes what changes until Ctrl-C (or SIGTERM), when it saves and
// exits 0.
import { FolderWatcher } from '../../library/watcher';
import { libraryOf, printLine, type CliIo } from '../cli-io';
import { modelOptions, modelUsage } from '../open-engine';
import { parseCommandArgs } from '../parse-command-args';
import { printSummary, progressLine } from './index';
import { libraryOption, libraryUsage } from '../open-library';

export const watchUsage = `usage: clipfolio watch ${libraryUsage} ${modelUsage}`;

export async function watchCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseCommandArgs(args, { ...modelOptions, ...libraryOption });
  const { signal } = io;
  await libraryOf(io).withModel(values, io, async ({ library, index }) => {
    const roots = library.catalog.roots().map((root) => root.path);
    if (roots.length === 0) io.stderr.write('clipfolio: the library has no folders yet; add one with `clipfolio index FOLDER`\n');
    const watcher = new FolderWatcher(roots, {
      ignore: [library.dir],
      onChange: async (folders) => printSummary(io, await index({ folders, signal })),
      onError: (message) => io.stderr.write(`clipfolio: ${message}\n`),
    });
    printSummary(io, await index({ signal, onProgress: progressLine(io) }));
    if (!signal.aborted) printLine(io, `watching ${roots.join(', ')}`);
    await new Promise<void>((stop) => {
      if (signal.aborted) stop();
      signal.addEventListener('abort', () => stop(), { once: true });
    });
    await watcher.close();
  });
  return 0;
}
