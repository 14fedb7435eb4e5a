// Runs in: the CLI process (started by bin/clipfolio.mjs). Dispatches to one module
// per command; every failure ends here as a message on stderr and a non-zero exit code.
// `--help` is answered here from each command's usage, before its arguments are parsed,
// so no command handles it itself.
import { processIo, reportError, UsageError, type CliIo } from './cli-io';
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
import { keywordsCommand, keywordsUsage } from './commands/keywords';
import { searchCommand, searchUsage } from './commands/search';
import { similarCommand, similarUsage } from './commands/similar';
import { duplicatesCommand, duplicatesUsage } from './commands/duplicates';
import { albumsCommand, albumsUsage } from './commands/albums';
import { exportXmpCommand, exportXmpUsage } from './commands/export-xmp';

interface Command {
  run: (args: string[], io: CliIo) => Promise<number>;
  /** The command's full usage, starting `usage: clipfolio NAME`; also its UsageError message. */
  usage: string;
  summary: string;
}

const COMMANDS: Record<string, Command> = {
  'embed-text': { run: embedText, usage: embedTextUsage, summary: 'token ids and embeddings of texts' },
  'embed-image': { run: embedImage, usage: embedImageUsage, summary: 'embeddings of image files' },
  debug: { run: debug, usage: debugUsage, summary: 'tokenize or preprocess exactly as the model sees it' },
  doctor: { run: doctor, usage: doctorUsage, summary: 'platform, execution providers and installed models' },
  index: { run: indexCommand, usage: indexUsage, summary: 'add folders to the library and index their photos' },
  status: { run: statusCommand, usage: statusUsage, summary: 'library counts, folders, model and failures' },
  photos: { run: photosCommand, usage: photosUsage, summary: 'every file the library knows, with its status' },
  watch: { run: watchCommand, usage: watchUsage, summary: 'index the library, then follow changes until stopped' },
  serve: { run: (args, io) => serve(args, io), usage: serveUsage, summary: 'the app in a browser on 127.0.0.1 (URL with a token)' },
  categories: { run: categoriesCommand, usage: categoriesUsage, summary: 'add, list or remove zero-shot categories, or enable starters' },
  tags: { run: tagsCommand, usage: tagsUsage, summary: "re-tag the library and list each photo's tags" },
  tag: { run: tagCommand, usage: tagUsage, summary: 'accept or reject a category on a photo' },
  keywords: { run: keywordsCommand, usage: keywordsUsage, summary: "add, remove or list photos' own keywords" },
  search: { run: searchCommand, usage: searchUsage, summary: 'free-text search with filters, ranked' },
  similar: { run: similarCommand, usage: similarUsage, summary: 'photos most like a photo' },
  duplicates: { run: duplicatesCommand, usage: duplicatesUsage, summary: 'groups of near-duplicate photos' },
  albums: { run: albumsCommand, usage: albumsUsage, summary: 'manual, smart and category albums' },
  'export-xmp': { run: exportXmpCommand, usage: exportXmpUsage, summary: 'write tags to XMP sidecars next to the photos' },
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

export async function runCli(argv: string[], io: CliIo = processIo): Promise<number> {
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
    return await command.run(args, io);
  } catch (err) {
    return reportError(io, err);
  }
}
