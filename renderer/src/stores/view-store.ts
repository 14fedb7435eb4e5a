// Runs in: the renderer. What the main area shows: which sidebar entry is open, the search
// text, the filter bar's picks, the zoom level, and which panel or dialog is up. Plain
// UI state; no backend calls.
import { NO_PICKS, type Picks } from '../lib/facets';
import { createStore } from '../lib/store';

export type SidebarView =
  | { kind: 'library' }
  | { kind: 'recent' }
  /** Groups of near-identical photos, for cleaning up. */
  | { kind: 'duplicates' }
  | { kind: 'folder'; rootId: string }
  | { kind: 'album'; albumId: string }
  | { kind: 'category'; categoryId: string };

export type Dialog =
  | { kind: 'settings' }
  | { kind: 'category'; categoryId: string | null }
  | { kind: 'starters' }
  /** Copying photos to a folder: which, and what they are called in the dialog's title ("3 photos", "Lisbon"). */
  | { kind: 'export'; photoIds: string[]; what: string }
  | null;

/** Tile edges, small to large; the grid stretches each a little to fill its width. */
export const ZOOM_LEVELS = [96, 140, 200, 280] as const;

export interface ViewState {
  view: SidebarView;
  query: string;
  /** "More like this": photos ranked by their likeness to this one. */
  similarTo: string | null;
  /** The filter bar's picks (lib/facets.ts), on top of the view and the search. */
  picks: Picks;
  zoom: number;
  /** Photo open in the full-size viewer. */
  viewerId: string | null;
  dialog: Dialog;
}

export const viewStore = createStore<ViewState>({
  view: { kind: 'library' },
  query: '',
  similarTo: null,
  picks: NO_PICKS,
  zoom: 1,
  viewerId: null,
  dialog: null,
});

export function showView(view: SidebarView): void {
  viewStore.set((s) => ({ ...s, view, similarTo: null, picks: NO_PICKS }));
}

export function sameView(a: SidebarView, b: SidebarView): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export function setQuery(query: string): void {
  viewStore.set((s) => ({ ...s, query, similarTo: null }));
}

export function showSimilar(photoId: string): void {
  viewStore.set((s) => ({ ...s, similarTo: photoId, query: '', viewerId: null }));
}

export function setPicks(picks: Picks | ((current: Picks) => Picks)): void {
  viewStore.set((s) => ({ ...s, picks: typeof picks === 'function' ? picks(s.picks) : picks }));
}

export function setZoom(zoom: number): void {
  viewStore.set((s) => ({ ...s, zoom: Math.max(0, Math.min(ZOOM_LEVELS.length - 1, zoom)) }));
}

export function openViewer(photoId: string | null): void {
  viewStore.set((s) => ({ ...s, viewerId: photoId }));
}

export function openDialog(dialog: Dialog): void {
  viewStore.set((s) => ({ ...s, dialog }));
}
