// The application menu per platform: macOS conventions on macOS, File > Quit elsewhere,
// developer tools only in development.
import type { MenuItemConstructorOptions } from 'electron';
import { expect, it } from 'vitest';
import { appMenuTemplate } from '../../../main/electron/app-menu';

const commands: string[] = [];
const actions = { openLogFolder: () => undefined, command: (c: 'undo' | 'redo') => void commands.push(c), development: false };

function roles(items: MenuItemConstructorOptions[]): string[] {
  return items.flatMap((item) => [
    ...(item.role ? [item.role] : []),
    ...(Array.isArray(item.submenu) ? roles(item.submenu) : []),
  ]);
}

it('puts the app menu first on macOS, with about, services, hide and quit', () => {
  const menu = appMenuTemplate('darwin', 'Clipfolio', actions);
  expect(menu[0]?.label).toBe('Clipfolio');
  const appMenu = roles(Array.isArray(menu[0]?.submenu) ? menu[0].submenu : []);
  expect(appMenu).toEqual(expect.arrayContaining(['about', 'services', 'hide', 'hideOthers', 'unhide', 'quit']));
  expect(roles(menu)).toContain('windowMenu');
});

it('has File > Quit on Windows and Linux, and no macOS-only roles', () => {
  for (const platform of ['win32', 'linux'] as const) {
    const menu = appMenuTemplate(platform, 'Clipfolio', actions);
    expect(menu[0]?.label).toBe('File');
    expect(roles(menu)).toContain('quit');
    expect(roles(menu)).not.toContain('services');
    expect(roles(menu)).not.toContain('hideOthers');
  }
});

it('has Edit > Undo and Redo on every platform, with their shortcuts, acting on the library', () => {
  for (const platform of ['darwin', 'win32', 'linux'] as const) {
    const edit = appMenuTemplate(platform, 'Clipfolio', actions).find((m) => m.label === 'Edit');
    const items = Array.isArray(edit?.submenu) ? edit.submenu : [];
    const undo = items.find((i) => i.label === 'Undo');
    const redo = items.find((i) => i.label === 'Redo' && i.visible !== false);
    expect([undo?.accelerator, redo?.accelerator]).toEqual(['CmdOrCtrl+Z', platform === 'darwin' ? 'Shift+Cmd+Z' : 'Ctrl+Y']);
    commands.length = 0;
    for (const item of [undo, redo]) (item?.click as (() => void) | undefined)?.();
    expect(commands).toEqual(['undo', 'redo']);
    expect(roles([edit ?? {}])).toEqual(expect.arrayContaining(['cut', 'copy', 'paste', 'selectAll']));
  }
});

it('offers reload and developer tools only in development', () => {
  for (const platform of ['darwin', 'win32', 'linux'] as const) {
    expect(roles(appMenuTemplate(platform, 'Clipfolio', actions))).not.toContain('toggleDevTools');
    expect(roles(appMenuTemplate(platform, 'Clipfolio', { ...actions, development: true }))).toContain('toggleDevTools');
  }
});
