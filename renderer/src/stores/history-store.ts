// Runs in: the renderer. Undo and redo of the library's edits (library/edit-history.ts in
// main): from Ctrl/Cmd+Z and Shift+Ctrl/Cmd+Z, the Edit menu, and the Undo button on the
// notice every edit shows. The history is the library's, so an edit made from the command
// line is undone here too, files moved to the trash coming back with it. A text field keeps
// its own undo for what is typed in it.
import { api } from '../lib/api';
import { notify, valueOrNotify } from './notices';

export async function undo(): Promise<void> {
  const done = valueOrNotify(await api.history.undo(), 'undo');
  if (!done) return;
  if (done.label === null) notify('Nothing to undo.');
  else notify(`Undone: ${done.label}.`, 'info', [{ label: 'Redo', run: () => void redo() }]);
  tellLeftOver(done.leftOver);
}

export async function redo(): Promise<void> {
  const done = valueOrNotify(await api.history.redo(), 'redo');
  if (!done) return;
  if (done.label === null) notify('Nothing to redo.');
  else notify(`Redone: ${done.label}.`, 'info', [{ label: 'Undo', run: () => void undo() }]);
  tellLeftOver(done.leftOver);
}

/** Files an undo could not put back from the trash (or a redo could not move there): the user's to do. */
function tellLeftOver(files: readonly { path: string; reason: string }[]): void {
  for (const file of files) notify(`${file.path}: ${file.reason}.`, 'error');
}

/** A notice for an edit the user just made, with its Undo. */
export function notifyEdit(text: string): void {
  notify(text, 'info', [{ label: 'Undo', run: () => void undo() }]);
}

/** Whether typing goes to `element`, whose own undo Ctrl/Cmd+Z is then. */
export function isTextEntry(element: Element | null): boolean {
  if (element instanceof HTMLTextAreaElement) return true;
  if (!(element instanceof HTMLInputElement)) return false;
  return ['text', 'search', 'url', 'email', 'number', 'password', ''].includes(element.type);
}

/** Undo or redo for the page: the text field's own when one has the focus, else the library's. */
export function historyCommand(command: 'undo' | 'redo'): void {
  // execCommand is the one way to run a field's own undo from script; it is kept for exactly this.
  if (isTextEntry(document.activeElement)) document.execCommand(command);
  else void (command === 'undo' ? undo() : redo());
}
