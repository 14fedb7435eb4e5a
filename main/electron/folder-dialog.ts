// Runs in: the Electron main process. 'library:pickFolders' in the desktop app: the OS's own
// folder dialog (to add folders, or to choose where an export goes), modal to the window that asked (index.ts hands in a dialog bound to the
// sender's window; only the type of Electron is imported here, so this is tested in plain
// Node). The renderer gets back paths the user chose, nothing it could browse by itself.
import type { OpenDialogOptions, OpenDialogReturnValue } from 'electron';
import type { Handlers } from '../ipc/dispatcher';

export type FolderDialog = (options: OpenDialogOptions) => Promise<OpenDialogReturnValue>;

export type FolderPurpose = 'add' | 'export';

export const FOLDER_DIALOG_OPTIONS: Record<FolderPurpose, OpenDialogOptions> = {
  add: { title: 'Add photo folders', buttonLabel: 'Add folders', properties: ['openDirectory', 'multiSelections', 'createDirectory'] },
  export: { title: 'Copy the photos to', buttonLabel: 'Choose folder', properties: ['openDirectory', 'createDirectory'] },
};

/** The folders chosen, each once; [] when the user cancelled. */
export async function chooseFolders(dialog: FolderDialog, purpose: FolderPurpose = 'add'): Promise<string[]> {
  const answer = await dialog(FOLDER_DIALOG_OPTIONS[purpose]);
  return answer.canceled ? [] : [...new Set(answer.filePaths)];
}

/**
 * The app service's handlers with the native dialog answering 'library:pickFolders'. A
 * second ask while the dialog is open gets the same answer instead of a second dialog.
 */
export function withFolderDialog(handlers: Handlers, dialog: FolderDialog): Handlers {
  let open: Promise<string[]> | null = null;
  const pick = (purpose?: FolderPurpose) => {
    open ??= chooseFolders(dialog, purpose).finally(() => {
      open = null;
    });
    return open;
  };
  return { ...handlers, 'library:pickFolders': pick };
}
