// Runs in: the Electron main process. The application menu as data, per platform: macOS
// gets the app menu first (About, Services, Hide, Quit) and a Window menu, as its users
// expect; Windows and Linux get File > Quit. Built from roles where Electron has them, so it
// supplies the platform's own labels, shortcuts and behaviour; Edit > Undo and Redo are the
// library's (the renderer gives a focused text field its own). Only types come from
// electron, so the template is tested without it.
import type { MenuItemConstructorOptions } from 'electron';

export interface MenuActions {
  openLogFolder: () => void;
  /** Edit > Undo and Redo: sent to the window, which knows whether a text field has the focus. */
  command: (command: 'undo' | 'redo') => void;
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
  const edit: MenuItemConstructorOptions = {
    label: 'Edit',
    submenu: [
      { label: 'Undo', accelerator: 'CmdOrCtrl+Z', click: () => actions.command('undo') },
      { label: 'Redo', accelerator: mac ? 'Shift+Cmd+Z' : 'Ctrl+Y', click: () => actions.command('redo') },
      // Shift+Ctrl+Z redoes too, as in most Linux and Windows apps; not shown twice.
      ...(mac ? [] : [{ label: 'Redo', accelerator: 'Shift+Ctrl+Z', visible: false, acceleratorWorksWhenHidden: true, click: () => actions.command('redo') }]),
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'selectAll' },
    ],
  };
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
      edit,
      { label: 'View', submenu: view },
      { role: 'windowMenu' },
      help,
    ];
  }
  return [
    { label: 'File', submenu: [{ role: 'quit' }] },
    edit,
    { label: 'View', submenu: view },
    { label: 'Window', submenu: [{ role: 'minimize' }, { role: 'close' }] },
    help,
  ];
}
