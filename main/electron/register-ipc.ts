// Runs in: the Electron main process. Puts the contract's calls on ipcMain and its events
// on every window: each call's sender frame is checked first, then the shared dispatcher
// validates the arguments and runs the handler (see main/ipc). Each sender has its own
// dispatcher, made on its first call, so a call that opens a dialog can make it modal to the
// window that asked.
import { BrowserWindow, ipcMain, type WebContents } from 'electron';
import { CHANNELS } from '../shared/api-contract';
import type { AppEvents } from '../app/app-events';
import type { Dispatch } from '../ipc/dispatcher';
import { isTrustedSender } from '../ipc/sender-check';
import { EVENT_CHANNEL } from './event-channel';

export function registerIpc(
  dispatchFor: (sender: WebContents) => Dispatch,
  events: AppEvents,
  allowedOrigins: readonly string[],
  log: (message: string) => void,
): () => void {
  const dispatchers = new WeakMap<WebContents, Dispatch>();
  const dispatcherOf = (sender: WebContents): Dispatch => {
    const known = dispatchers.get(sender);
    if (known) return known;
    const made = dispatchFor(sender);
    dispatchers.set(sender, made);
    return made;
  };
  for (const channel of CHANNELS) {
    ipcMain.handle(channel, (event, ...args: unknown[]) => {
      const frame = event.senderFrame;
      if (!isTrustedSender(frame && { url: frame.url, isMainFrame: frame.parent === null }, allowedOrigins)) {
        log(`refused ${channel} from ${frame?.url ?? 'a destroyed frame'}`);
        return { ok: false, error: { code: 'FORBIDDEN', message: 'This page may not use the Clipfolio API.' } };
      }
      return dispatcherOf(event.sender)(channel, args);
    });
  }
  const unsubscribe = events.subscribe((message) => {
    for (const win of BrowserWindow.getAllWindows()) {
      if (!win.isDestroyed()) win.webContents.send(EVENT_CHANNEL, message);
    }
  });
  return () => {
    unsubscribe();
    for (const channel of CHANNELS) ipcMain.removeHandler(channel);
  };
}
