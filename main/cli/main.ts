// Runs in: the CLI process (started by bin/clipfolio.mjs). Dispatches to one module
// per command; every failure ends here as a message on stderr and a non-zero exit code.
import { processIo, reportError, UsageError, type CliIo } from './cli-io';
import { embedText } from './commands/embed-text';
import { embedImage } from './commands/embed-image';
import { debug } from './commands/debug';
import { doctor } from './commands/doctor';
import { indexCommand } from './commands/index';
import { statusCommand } from './commands/status';
import { photosCommand } from './commands/photos';
import { watchCommand } from './commands/watch';
import { serve } from './commands/serve';
import { categoriesCommand } from './commands/categories';
import { tagsCommand } from './commands/tags';
import { tagCommand } from './commands/tag';
import { keywordsCommand } from './commands/keywords';
import { searchCommand } from './commands/search';
import { similarCommand } from './commands/similar';
import { duplicatesCommand } from './commands/duplicates';
import { albumsCommand } from './commands/albums';
import { exportXmpCommand } from './commands/export-xmp';

type Command = (args: string[], io: CliIo) => Promise<number>;

const COMMANDS: Record<string, { run: Command; summary: string }> = {
  'embed-text': { run: embedText, summary: 'token ids and embeddings of texts' },
  'embed-image': { run: embedImage, summary: 'embeddings of image files' },
  debug: { run: debug, summary: 'tokenize or preprocess exactly as the model sees it' },
  doctor: { run: doctor, summary: 'platform, execution providers and installed models' },
  index: { run: indexCommand, summary: 'add folders to the library and index their photos' },
  status: { run: statusCommand, summary: 'library counts, folders, model and failures' },
  photos: { run: photosCommand, summary: 'every file the library knows, with its status' },
  watch: { run: watchCommand, summary: 'index the library, then follow changes until stopped' },
  serve: { run: (args, io) => serve(args, io), summary: 'the app in a browser on 127.0.0.1 (URL with a token)' },
  categories: { run: categoriesCommand, summary: 'add, list or remove zero-shot categories, or enable starters' },
  tags: { run: tagsCommand, summary: "re-tag the library and list each photo's tags" },
  tag: { run: tagCommand, summary: 'accept or reject a category on a photo' },
  keywords: { run: keywordsCommand, summary: "add, remove or list photos' own keywords" },
  search: { run: searchCommand, summary: 'free-text search with filters, ranked' },
  similar: { run: similarCommand, summary: 'photos most like a photo' },
  duplicates: { run: duplicatesCommand, summary: 'groups of near-duplicate photos' },
  albums: { run: albumsCommand, summary: 'manual, smart and category albums' },
  'export-xmp': { run: exportXmpCommand, summary: 'write tags to XMP sidecars next to the photos' },
};

function usage(): string {
  const rows = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(14)}${c.summary}`);
  return ['usage: clipfolio COMMAND [options]', '', 'commands:', ...rows].join('\n');
}

export async function runCli(argv: string[], io: CliIo = processIo): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === '-h') {
    io.stdout.write(`${usage()}\n`);
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  try {
    if (!command) throw new UsageError(`unknown command '${name}'\n${usage()}`);
    return await command.run(args, io);
  } catch (err) {
    return reportError(io, err);
  }
}
