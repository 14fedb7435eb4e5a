// Runs in: the Electron main process. The application menu as data, per platform: macOS
// gets the app menu first (About, Services, Hide, Quit) and a Window menu, as its users
// expect; Windows and Linux get File > Quit. Built from roles, so Electron supplies the
// platform's own labels, shortcuts and behaviour. Only types come from electron, so the
// template is tested without it.
import type { MenuItemConstructorOptions } from 'electron';

export interface MenuActions {
  openLogFolder: () => void;
  /** Adds reload and developer tools; off in a packaged app. */
  development: boolean;
}

export function appMenuTemplate(platform: NodeJS.Platform, appName: string, actions: MenuActions): MenuItemConstructorOptions[] {
  const mac = platform === 'darwin';
  const view: MenuItemConstructorOptions[] = [
    ...(actions.development
      ? ([{ role: 'reload' }, { role: 'toggleDevTools' }, { type: 'separator' }] as MenuItemConstructorOptions[])
      : []),
    { role: 'resetZoom' },
    { role: 'zoomIn' },
    { role: 'zoomOut' },
    { type: 'separator' },
    { role: 'togglefullscreen' },
  ];
  const help: MenuItemConstructorOptions = {
    role: 'help',
    submenu: [{ label: 'Show Log File', click: actions.openLogFolder }, ...(mac ? [] : [{ role: 'about' } as const])],
  };
  if (mac) {
    return [
      {
        label: appName,
        submenu: [
          { role: 'about' },
          { type: 'separator' },
          { role: 'services' },
          { type: 'separator' },
          { role: 'hide' },
          { role: 'hideOthers' },
          { role: 'unhide' },
          { type: 'separator' },
          { role: 'quit' },
        ],
      },
      { label: 'File', submenu: [{ role: 'close' }] },
      { role: 'editMenu' },
      { label: 'View', submenu: view },
      { role: 'windowMenu' },
      help,
    ];
  }
  return [
    { label: 'File', submenu: [{ role: 'quit' }] },
    { role: 'editMenu' },
    { label: 'View', submenu: view },
    { label: 'Window', submenu: [{ role: 'minimize' }, { role: 'close' }] },
    help,
  ];
}
