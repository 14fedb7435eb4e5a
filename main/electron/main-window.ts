// Runs in: the Electron main process. The main window: sandboxed, context-isolated, no Node
// in the page, the preload as its only bridge, loaded from the app scheme. Its bounds are
// remembered between runs (window-state.ts).
import { join } from 'node:path';
import { BrowserWindow, screen } from 'electron';
import { loadWindowState, saveWindowState } from './window-state';

export async function createMainWindow(options: {
  userDataDir: string;
  url: string;
  log: (message: string) => void;
}): Promise<BrowserWindow> {
  const workAreas = screen.getAllDisplays().map((d) => d.workArea);
  const state = await loadWindowState(options.userDataDir, workAreas, options.log);
  const win = new BrowserWindow({
    ...state,
    minWidth: 480,
    minHeight: 360,
    title: 'Clipfolio',
    show: false,
    webPreferences: {
      preload: join(import.meta.dirname, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      // A middle-click would otherwise open a link in a new window without setWindowOpenHandler's say.
      disableBlinkFeatures: 'Auxclick',
    },
  });
  if (state.maximized) win.maximize();
  win.once('ready-to-show', () => win.show());
  win.on('close', () => {
    saveWindowState(options.userDataDir, win.getNormalBounds(), win.isMaximized()).catch((err: unknown) =>
      options.log(`could not save the window state: ${String(err)}`),
    );
  });
  await win.loadURL(options.url);
  return win;
}
