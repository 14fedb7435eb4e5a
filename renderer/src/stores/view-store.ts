// Runs in: the renderer. What the main area shows: which sidebar entry is open, the search
// text, the active filter chips, the zoom level, and which panel or dialog is up. Plain
// UI state; no backend calls.
import type { FilterChip } from '../lib/filters';
import { createStore } from '../lib/store';

export type SidebarView =
  | { kind: 'library' }
  | { kind: 'recent' }
  /** Groups of near-identical photos, for cleaning up. */
  | { kind: 'duplicates' }
  | { kind: 'folder'; rootId: string }
  | { kind: 'album'; albumId: string }
  | { kind: 'category'; categoryId: string };

export type Dialog = { kind: 'settings' } | { kind: 'category'; categoryId: string | null } | { kind: 'starters' } | null;

/** Tile edges, small to large; the grid stretches each a little to fill its width. */
export const ZOOM_LEVELS = [96, 140, 200, 280] as const;

export interface ViewState {
  view: SidebarView;
  query: string;
  /** "More like this": photos ranked by their likeness to this one. */
  similarTo: string | null;
  chips: Pick<FilterChip, 'kind' | 'value'>[];
  zoom: number;
  /** Photo open in the full-size viewer. */
  viewerId: string | null;
  dialog: Dialog;
}

export const viewStore = createStore<ViewState>({
  view: { kind: 'library' },
  query: '',
  similarTo: null,
  chips: [],
  zoom: 1,
  viewerId: null,
  dialog: null,
});

export function showView(view: SidebarView): void {
  viewStore.set((s) => ({ ...s, view, similarTo: null, chips: [] }));
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

export function setZoom(zoom: number): void {
  viewStore.set((s) => ({ ...s, zoom: Math.max(0, Math.min(ZOOM_LEVELS.length - 1, zoom)) }));
}

export function openViewer(photoId: string | null): void {
  viewStore.set((s) => ({ ...s, viewerId: photoId }));
}

export function openDialog(dialog: Dialog): void {
  viewStore.set((s) => ({ ...s, dialog }));
}
