// Runs in: the Electron main process. Electron's security checklist applied to every web
// contents, not only the windows we create: no permission is ever granted (the app needs
// none), no <webview>, no navigation away from the app, and new windows are denied, with
// only user-clicked http(s) links handed to the system browser.
import { app, session, shell } from 'electron';
import { shouldOpenExternally } from './external-links';

export function hardenWebContents(isAppUrl: (url: string) => boolean, log: (message: string) => void): void {
  session.defaultSession.setPermissionRequestHandler((_contents, permission, callback) => {
    log(`denied permission request: ${permission}`);
    callback(false);
  });
  session.defaultSession.setPermissionCheckHandler(() => false);

  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.on('will-navigate', (event, url) => {
      if (!isAppUrl(url)) event.preventDefault();
    });
    contents.on('will-redirect', (event, url) => {
      if (!isAppUrl(url)) event.preventDefault();
    });
    contents.setWindowOpenHandler(({ url, disposition }) => {
      if (shouldOpenExternally(url, disposition)) void shell.openExternal(url);
      else log(`denied window.open of ${url}`);
      return { action: 'deny' };
    });
  });
}
