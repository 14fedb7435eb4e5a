// Runs in: the renderer. The window's own display choices, kept in the page's local storage
// (they are about how this window shows things, not about the library): whether tags show
// how sure each one is.
import { createStore } from '../lib/store';

export interface Preferences {
  /** Tags show a bar of how sure each is (off: no numbers anywhere, as most people want). */
  matchDetails: boolean;
}

const KEY = 'clipfolio.preferences';

function stored(): Preferences {
  try {
    const saved = JSON.parse(globalThis.localStorage?.getItem(KEY) ?? '{}') as Partial<Preferences>;
    return { matchDetails: saved.matchDetails === true };
  } catch {
    return { matchDetails: false };
  }
}

export const preferencesStore = createStore<Preferences>(stored());

export function setPreference<K extends keyof Preferences>(key: K, value: Preferences[K]): void {
  preferencesStore.set((p) => ({ ...p, [key]: value }));
  globalThis.localStorage?.setItem(KEY, JSON.stringify(preferencesStore.get()));
}
