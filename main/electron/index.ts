// Runs in: the Electron main process. The entry: one instance, the app's schemes, hardened
// web contents, the app service (inference worker, library, indexer) started once and taking
// the commands typed in terminals, the IPC contract registered, the menu and the main window.
// On quit the service is closed before the process ends, so indexing stops cleanly, the
// library is let go and the worker ends.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { app, BrowserWindow, dialog, Menu, shell, type WebContents } from 'electron';
import { AppService, appLogFile } from '../app/app-service';
import { runCli } from '../cli/main';
import { openLogFile, type Logger } from '../app/log-file';
import { createDispatcher } from '../ipc/dispatcher';
import { defaultLibraryDir, defaultModelsDir, manifestsDir, userDataDir } from '../shared/app-paths';
import { appMenuTemplate } from './app-menu';
import { withFolderDialog, type FolderDialog } from './folder-dialog';
import { APP_ORIGIN, APP_URL, handleSchemes, registerSchemes } from './app-protocols';
import { createMainWindow } from './main-window';
import { registerIpc } from './register-ipc';
import { hardenWebContents } from './web-security';

const RENDERER_DIR = join(import.meta.dirname, '../renderer');
/** Set by electron-vite in development only; a packaged app always loads its own scheme. */
const DEV_URL = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL;

let service: AppService | null = null;
let logger: Logger | null = null;
let quitting = false;

function log(level: 'info' | 'warn' | 'error', message: string, detail?: unknown): void {
  logger?.log(level, message, detail);
}

function isAppUrl(url: string): boolean {
  return url.startsWith(`${APP_ORIGIN}/`) || (DEV_URL !== undefined && url.startsWith(DEV_URL));
}

/** The native folder dialog, modal to the window whose page asked for it. */
function folderDialogOf(sender: WebContents): FolderDialog {
  const win = BrowserWindow.fromWebContents(sender);
  return (options) => (win ? dialog.showOpenDialog(win, options) : dialog.showOpenDialog(options));
}

async function openWindow(): Promise<BrowserWindow> {
  return createMainWindow({ userDataDir: app.getPath('userData'), url: DEV_URL ?? APP_URL, log: (m) => log('warn', m) });
}

async function start(): Promise<void> {
  const dataDir = app.getPath('userData');
  logger = await openLogFile(appLogFile(dataDir));
  log('info', `Clipfolio ${app.getVersion()} starting (Electron ${process.versions.electron}, ${process.platform} ${process.arch})`);
  hardenWebContents(isAppUrl, (m) => log('warn', m));

  // Installers put the manifests (and, in an offline build, the default model) in resources/.
  const resources = app.isPackaged ? process.resourcesPath : undefined;
  const bundledModels = resources ? join(resources, 'bundled-models') : undefined;
  service = await AppService.open({
    userDataDir: dataDir,
    libraryDir: defaultLibraryDir(),
    modelsDir: defaultModelsDir(),
    manifestsDir: resources ? join(resources, 'models') : manifestsDir(),
    bundledModelsDir: bundledModels && existsSync(bundledModels) ? bundledModels : undefined,
    version: app.getVersion(),
    shell: 'electron',
    logger,
    // Until the user picks an import folder in Settings, photos dropped from outside the
    // library are copied where the user keeps photos (with CLIPFOLIO_HOME, a test or portable
    // run, into that folder like everything else).
    importDir: process.env.CLIPFOLIO_HOME ? undefined : join(app.getPath('pictures'), 'Clipfolio Imports'),
    desktop: { showInFolder: (path) => shell.showItemInFolder(path), openPath: (path) => shell.openPath(path), trash: (path) => shell.trashItem(path) },
  });
  // `clipfolio` commands typed while the app runs are handed to it and run on its library.
  await service.takeCommands(runCli);
  handleSchemes(RENDERER_DIR, service.photos);
  const origins = DEV_URL ? [APP_ORIGIN, new URL(DEV_URL).origin] : [APP_ORIGIN];
  const handlers = service.handlers();
  registerIpc(
    (sender) => createDispatcher(withFolderDialog(handlers, folderDialogOf(sender)), (message, err) => log('error', message, err)),
    service.events,
    origins,
    (m) => log('warn', m),
  );
  const logFile = logger.file;
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      appMenuTemplate(process.platform, app.name, {
        openLogFolder: () => shell.showItemInFolder(logFile),
        command: (command) => service?.events.emit('app:command', { command }),
        development: !app.isPackaged,
      }),
    ),
  );
  await openWindow();
}

async function shutDown(): Promise<void> {
  try {
    await service?.close();
  } catch (err) {
    log('error', 'closing the library failed', err);
  }
  log('info', 'quit');
  await logger?.close();
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  // One data folder for the desktop app and the CLI (CLIPFOLIO_HOME included).
  app.setPath('userData', userDataDir());
  app.enableSandbox();
  registerSchemes();

  app.on('second-instance', () => {
    const win = BrowserWindow.getAllWindows()[0];
    if (!win) return;
    if (win.isMinimized()) win.restore();
    win.focus();
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  app.on('activate', () => {
    if (service && BrowserWindow.getAllWindows().length === 0) void openWindow();
  });

  app.on('before-quit', (event) => {
    if (quitting) return;
    event.preventDefault();
    quitting = true;
    void shutDown().finally(() => app.exit(0));
  });

  app
    .whenReady()
    .then(start)
    .catch((err: unknown) => {
      log('error', 'startup failed', err);
      process.stderr.write(`Clipfolio could not start: ${String(err)}\n(log: ${dirname(appLogFile(app.getPath('userData')))})\n`);
      app.exit(1);
    });
}
