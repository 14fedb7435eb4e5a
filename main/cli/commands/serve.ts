// Runs in: the CLI process. `clipfolio serve`: the app's backend and built UI for a browser
// on 127.0.0.1 (see main/bridge). It holds the library as the desktop app does, and takes the
// commands other terminals hand it. Prints the URL with its token, then serves until
// interrupted, and on Ctrl-C lets the library go and ends the worker like the desktop app
// does on quit.
import { access, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { AppService, appLogFile } from '../../app/app-service';
import { openLogFile } from '../../app/log-file';
import { startBridge } from '../../bridge/bridge-server';
import { createDispatcher } from '../../ipc/dispatcher';
import { defaultLibraryDir, defaultModelsDir, manifestsDir, userDataDir } from '../../shared/app-paths';
import { ClipfolioError } from '../../shared/errors';
import { printLine, UsageError, type CliIo } from '../cli-io';
import { libraryOption, libraryUsage } from '../open-library';
import { parseCommandArgs } from '../parse-command-args';
import { runCli } from '../main';

const REPO_ROOT = join(import.meta.dirname, '..', '..', '..');

// Of the model options only --model: the provider is the app's own setting, as in the desktop app.
export const serveUsage = `usage: clipfolio serve ${libraryUsage} [--model DIR] [--port N]`;

function parsePort(value: string | undefined): number {
  if (value === undefined) return 0;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError('--port must be 0..65535');
  return port;
}

/** Resolves when the process is asked to stop. */
function interrupted(): Promise<void> {
  return new Promise((done) => {
    process.once('SIGINT', () => done());
    process.once('SIGTERM', () => done());
  });
}

export async function serve(args: string[], io: CliIo, stop: Promise<void> = interrupted()): Promise<number> {
  const { values } = parseCommandArgs(args, {
    ...libraryOption,
    model: { type: 'string' },
    port: { type: 'string' },
  });
  const port = parsePort(values.port);
  const rendererDir = join(REPO_ROOT, 'out', 'renderer');
  await access(join(rendererDir, 'index.html')).catch(() => {
    throw new ClipfolioError('NOT_FOUND', `No built UI in ${rendererDir}; run \`npm run build\` first.`);
  });
  const { version } = JSON.parse(await readFile(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
  const dataDir = userDataDir();
  const logger = await openLogFile(appLogFile(dataDir), { echo: true });
  try {
    const service = await AppService.open({
      userDataDir: dataDir,
      libraryDir: resolve(values.library ?? defaultLibraryDir()),
      modelsDir: defaultModelsDir(),
      manifestsDir: manifestsDir(),
      modelDir: values.model ? resolve(values.model) : undefined,
      version,
      shell: 'bridge',
      logger,
    });
    try {
      await service.takeCommands(runCli);
      const bridge = await startBridge({
        dispatch: createDispatcher(service.handlers(), (message, err) => logger.log('error', message, err)),
        events: service.events,
        photos: service.photos,
        rendererDir,
        port,
        log: (level, message, detail) => logger.log(level, message, detail),
      });
      printLine(io, `Clipfolio is at ${bridge.url}`);
      printLine(io, 'Press Ctrl-C to stop.');
      await stop;
      await bridge.close();
    } finally {
      await service.close();
    }
    return 0;
  } finally {
    await logger.close();
  }
}
