// Runs in: the renderer. The window's own display choices, kept in the page's local storage
// (they are about how this window shows things, not about the library): whether tags show
// how sure each one is, and which side panels are shown.
import { WIDE_WINDOW } from '../hooks/use-wide-window';
import { createStore } from '../lib/store';

export interface Preferences {
  /** Tags show a bar of how sure each is (off: no numbers anywhere, as most people want). */
  matchDetails: boolean;
  sidebar: boolean;
  /** The inspector beside the grid; null: shown when the window is wide enough for it (layout.ts). */
  inspector: boolean | null;
  /** The viewer's information panel. */
  viewerInfo: boolean;
}

const DEFAULTS: Preferences = { matchDetails: false, sidebar: true, inspector: null, viewerInfo: true };

const KEY = 'clipfolio.preferences';

function stored(): Preferences {
  try {
    const saved = JSON.parse(globalThis.localStorage?.getItem(KEY) ?? '{}') as Partial<Preferences>;
    return {
      matchDetails: saved.matchDetails === true,
      sidebar: saved.sidebar !== false,
      inspector: typeof saved.inspector === 'boolean' ? saved.inspector : null,
      viewerInfo: saved.viewerInfo !== false,
    };
  } catch {
    return DEFAULTS;
  }
}

export const preferencesStore = createStore<Preferences>(stored());

export function setPreference<K extends keyof Preferences>(key: K, value: Preferences[K]): void {
  preferencesStore.set((p) => ({ ...p, [key]: value }));
  globalThis.localStorage?.setItem(KEY, JSON.stringify(preferencesStore.get()));
}

/** Shows or hides a side panel (the inspector from its automatic choice, by the window's width). */
export function togglePanel(panel: 'sidebar' | 'inspector' | 'viewerInfo'): void {
  const current = preferencesStore.get();
  const shown = panel === 'inspector' ? (current.inspector ?? globalThis.matchMedia?.(WIDE_WINDOW).matches ?? true) : current[panel];
  setPreference(panel, !shown);
}
