// Runs in: the CLI process (started by bin/clipfolio.mjs), and the process holding a library
// for the commands handed to it. Dispatches to one module per command; every failure ends
// here as a message on stderr and a non-zero exit code. `--help` is answered here from each
// command's usage, before its arguments are parsed, so no command handles it itself. A
// library command gets its library here (held-library.ts): held by this process, or handed
// to the process that holds it.
import { processIo, reportError, UsageError, type CliIo } from './cli-io';
import { libraryDirIn, runOnLibrary } from './held-library';
import { historyCommand, redoUsage, undoUsage } from './commands/history';
import { evalCommand, evalUsage } from './commands/eval';
import { embedText, embedTextUsage } from './commands/embed-text';
import { embedImage, embedImageUsage } from './commands/embed-image';
import { debug, debugUsage } from './commands/debug';
import { doctor, doctorUsage } from './commands/doctor';
import { indexCommand, indexUsage } from './commands/index';
import { statusCommand, statusUsage } from './commands/status';
import { photosCommand, photosUsage } from './commands/photos';
import { watchCommand, watchUsage } from './commands/watch';
import { serve, serveUsage } from './commands/serve';
import { categoriesCommand, categoriesUsage } from './commands/categories';
import { tagsCommand, tagsUsage } from './commands/tags';
import { tagCommand, tagUsage } from './commands/tag';
import { favouriteCommand, favouriteUsage, rateCommand, rateUsage } from './commands/rate';
import { trashCommand, trashUsage } from './commands/trash';
import { exportCommand, exportUsage } from './commands/export';
import { keywordsCommand, keywordsUsage } from './commands/keywords';
import { searchCommand, searchUsage } from './commands/search';
import { similarCommand, similarUsage } from './commands/similar';
import { duplicatesCommand, duplicatesUsage } from './commands/duplicates';
import { albumsCommand, albumsUsage } from './commands/albums';
import { exportXmpCommand, exportXmpUsage } from './commands/export-xmp';

interface Command {
  /** The exit code; a command that only reads or writes the catalog answers at once. */
  run: (args: string[], io: CliIo) => number | Promise<number>;
  /** The command's full usage, starting `usage: clipfolio NAME`; also its UsageError message. */
  usage: string;
  summary: string;
  /** It works on a library (--library DIR or the app's own), which it gets in io.library. */
  library?: true;
}

const COMMANDS: Record<string, Command> = {
  'embed-text': { run: embedText, usage: embedTextUsage, summary: 'token ids and embeddings of texts' },
  'embed-image': { run: embedImage, usage: embedImageUsage, summary: 'embeddings of image files' },
  debug: { run: debug, usage: debugUsage, summary: 'tokenize or preprocess exactly as the model sees it' },
  doctor: { run: doctor, usage: doctorUsage, summary: 'platform, execution providers and installed models' },
  index: { run: indexCommand, usage: indexUsage, summary: 'add folders to the library and index their photos', library: true },
  status: { run: statusCommand, usage: statusUsage, summary: 'library counts, folders, model and failures', library: true },
  photos: { run: photosCommand, usage: photosUsage, summary: 'every file the library knows, with its status', library: true },
  watch: { run: watchCommand, usage: watchUsage, summary: 'index the library, then follow changes until stopped', library: true },
  serve: { run: (args, io) => serve(args, io), usage: serveUsage, summary: 'the app in a browser on 127.0.0.1 (URL with a token)' },
  categories: { run: categoriesCommand, usage: categoriesUsage, summary: 'add, list or remove zero-shot categories, or enable starters', library: true },
  tags: { run: tagsCommand, usage: tagsUsage, summary: "re-tag the library and list each photo's tags", library: true },
  tag: { run: tagCommand, usage: tagUsage, summary: 'accept or reject a category on a photo', library: true },
  rate: { run: rateCommand, usage: rateUsage, summary: 'give photos 0 to 5 stars', library: true },
  favourite: { run: favouriteCommand, usage: favouriteUsage, summary: 'mark photos as favourites, or --remove them', library: true },
  trash: { run: trashCommand, usage: trashUsage, summary: 'move photos to the system trash (undo brings them back)', library: true },
  export: { run: exportCommand, usage: exportUsage, summary: "copy an album's original files into a folder", library: true },
  keywords: { run: keywordsCommand, usage: keywordsUsage, summary: "add, remove or list photos' own keywords", library: true },
  search: { run: searchCommand, usage: searchUsage, summary: 'free-text search with filters, ranked', library: true },
  similar: { run: similarCommand, usage: similarUsage, summary: 'photos most like a photo', library: true },
  duplicates: { run: duplicatesCommand, usage: duplicatesUsage, summary: 'groups of near-duplicate photos', library: true },
  albums: { run: albumsCommand, usage: albumsUsage, summary: 'manual, smart and category albums', library: true },
  'export-xmp': { run: exportXmpCommand, usage: exportXmpUsage, summary: 'write tags to XMP sidecars next to the photos', library: true },
  eval: { run: evalCommand, usage: evalUsage, summary: 'how well models sort a folder of labelled photos (zero-shot accuracy)', library: true },
  undo: { run: (args, io) => historyCommand('undo', args, io), usage: undoUsage, summary: 'take back the last edit (the app’s Edit > Undo)', library: true },
  redo: { run: (args, io) => historyCommand('redo', args, io), usage: redoUsage, summary: 'make the last undone edit again', library: true },
};

function usage(): string {
  const rows = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(14)}${c.summary}`);
  return [
    'usage: clipfolio COMMAND [options]',
    '       clipfolio help COMMAND     (or COMMAND --help: its arguments and options)',
    '',
    'commands:',
    ...rows,
  ].join('\n');
}

/**
 * Whether `--help` or `-h` comes before any `--`. Anywhere is safe: no command takes either
 * as an option, and parseArgs refuses an option's value that starts with a dash.
 */
function asksForHelp(args: readonly string[]): boolean {
  const end = args.indexOf('--');
  return (end === -1 ? args : args.slice(0, end)).some((arg) => arg === '--help' || arg === '-h');
}

export async function runCli(argv: string[], io: CliIo = processIo()): Promise<number> {
  const [first, ...rest] = argv;
  // `clipfolio help COMMAND` is `clipfolio COMMAND --help`.
  const [name, args] = first === 'help' && rest.length > 0 ? [rest[0], ['--help']] : [first, rest];
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    io.stdout.write(`${usage()}\n`);
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  try {
    if (!command) throw new UsageError(`unknown command '${name}'\n${usage()}`);
    if (asksForHelp(args)) {
      io.stdout.write(`${command.usage}\n`);
      return 0;
    }
    if (!command.library) return await command.run(args, io);
    // A command handed to this process runs on the library it holds, and only that one.
    if (io.library) {
      if (libraryDirIn(args, io) !== io.library.dir) throw new UsageError(`this process holds the library ${io.library.dir}, not ${libraryDirIn(args, io)}`);
      return await command.run(args, io);
    }
    return await runOnLibrary(name, args, io, (held) => command.run(args, held));
  } catch (err) {
    return reportError(io, err);
  }
}
