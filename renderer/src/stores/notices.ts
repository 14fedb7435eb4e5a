// Runs in: the renderer. Short messages for the user (an error from the backend, something
// the browser cannot do), shown in one live region so screen readers hear them too.
import type { Result } from '../../../main/shared/api-contract';
import { createStore } from '../lib/store';

/** A button on a notice ("Undo", "Also 3 near-identical photos"); using it dismisses the notice. */
export interface NoticeAction {
  label: string;
  run: () => void;
}

export interface Notice {
  id: number;
  tone: 'info' | 'error';
  text: string;
  actions: NoticeAction[];
}

const INFO_MS = 6000;
/** A notice with something to do stays long enough to be read and used. */
const ACTION_MS = 12000;

export const noticeStore = createStore<Notice[]>([]);
let nextId = 1;

export function notify(text: string, tone: Notice['tone'] = 'info', actions: NoticeAction[] = []): void {
  const notice = { id: nextId++, tone, text, actions };
  noticeStore.set((list) => [...list.slice(-3), notice]);
  // Errors stay until dismissed; news fades on its own.
  if (tone === 'info') setTimeout(() => dismissNotice(notice.id), actions.length > 0 ? ACTION_MS : INFO_MS);
}

export function dismissNotice(id: number): void {
  noticeStore.set((list) => list.filter((n) => n.id !== id));
}

/** Whether a call that answers nothing (null) went through; false after telling the user what went wrong. */
export function succeeded(result: Result<unknown>, doing: string): boolean {
  if (!result.ok) valueOrNotify(result, doing);
  return result.ok;
}

/** The value of a result, or null after telling the user what went wrong. */
export function valueOrNotify<T>(result: Result<T>, doing: string): T | null {
  if (result.ok) return result.value;
  notify(`Could not ${doing}: ${result.error.message}`, 'error');
  return null;
}
