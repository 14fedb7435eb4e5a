// Runs in: the renderer. Asking before something goes: deleting an album or a category,
// removing a folder. One question at a time, answered in ConfirmDialog; the caller awaits
// the answer.
import { createStore } from '../lib/store';

export interface Question {
  title: string;
  /** What goes and what stays, in the user's words. */
  message: string;
  /** The button that does it: "Delete album". */
  confirm: string;
  answer: (yes: boolean) => void;
}

export const confirmStore = createStore<Question | null>(null);

/** Asks; resolves true when the user confirms, false when they cancel or close. */
export function confirmFirst(question: Omit<Question, 'answer'>): Promise<boolean> {
  return new Promise((resolve) => {
    confirmStore.set({
      ...question,
      answer: (yes) => {
        confirmStore.set(null);
        resolve(yes);
      },
    });
  });
}
