// The desktop app's folder picker without Electron: what the dialog is asked for, what the
// renderer gets back, and one dialog at a time however often the page asks.
import { expect, it } from 'vitest';
import type { OpenDialogReturnValue } from 'electron';
import { chooseFolders, FOLDER_DIALOG_OPTIONS, withFolderDialog, type FolderDialog } from '../../../main/electron/folder-dialog';
import type { Handlers } from '../../../main/ipc/dispatcher';

const answer = (value: OpenDialogReturnValue): FolderDialog => () => Promise.resolve(value);

it('asks for several folders to add, one folder to export to, never files', () => {
  expect(FOLDER_DIALOG_OPTIONS.add.properties).toEqual(expect.arrayContaining(['openDirectory', 'multiSelections']));
  expect(FOLDER_DIALOG_OPTIONS.export.properties).toEqual(['openDirectory', 'createDirectory']);
  for (const options of Object.values(FOLDER_DIALOG_OPTIONS)) expect(options.properties).not.toContain('openFile');
});

it('returns the chosen folders once each, and nothing when cancelled', async () => {
  expect(await chooseFolders(answer({ canceled: false, filePaths: ['/a', '/b', '/a'] }))).toEqual(['/a', '/b']);
  expect(await chooseFolders(answer({ canceled: true, filePaths: ['/a'] }))).toEqual([]);
  let asked: string | undefined;
  await chooseFolders((options) => ((asked = options.title), Promise.resolve({ canceled: true, filePaths: [] })), 'export');
  expect(asked).toBe('Copy the photos to');
});

it('answers library:pickFolders with the dialog, one dialog for asks made while it is open', async () => {
  let shown = 0;
  let close: (value: OpenDialogReturnValue) => void = () => undefined;
  const dialog: FolderDialog = () => {
    shown += 1;
    return new Promise((resolve) => (close = resolve));
  };
  const handlers = withFolderDialog({ 'library:pickFolders': () => null } as unknown as Handlers, dialog);
  const first = handlers['library:pickFolders']();
  const second = handlers['library:pickFolders']();
  close({ canceled: false, filePaths: ['/photos'] });
  expect(await first).toEqual(['/photos']);
  expect(await second).toEqual(['/photos']);
  expect(shown).toBe(1);
  // Closed, the next ask opens a new dialog.
  const third = handlers['library:pickFolders']();
  close({ canceled: true, filePaths: [] });
  expect(await third).toEqual([]);
  expect(shown).toBe(2);
});
