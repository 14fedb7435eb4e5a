// Runs in: the renderer. What the main area says when it has no photos to show, and why:
// still loading, still indexing, nothing matched the search, or an empty album/category.
import { useStore } from '../../hooks/use-store';
import type { ViewPhotos } from '../../hooks/use-view-photos';
import { indexingStore } from '../../stores/indexing-store';
import { libraryStore } from '../../stores/library-store';
import { hasPicks, NO_PICKS } from '../../lib/facets';
import { setPicks, setQuery, showView, viewStore } from '../../stores/view-store';
import './EmptyState.css';

export function EmptyState({ shown }: { shown: ViewPhotos }) {
  const loaded = useStore(libraryStore, (l) => l.loaded);
  const indexing = useStore(indexingStore, (s) => s?.state !== 'idle' && s !== null);
  const { view, query, picks, similarTo } = useStore(viewStore);
  const filtered = hasPicks(picks);

  let title: string;
  let body: string;
  let action: { label: string; run: () => void } | null = null;
  if (!loaded || shown.pending) {
    title = shown.pending ? 'Searching…' : 'Loading your library…';
    body = '';
  } else if (shown.ranked && query.trim()) {
    title = `No photos match “${query.trim()}”`;
    body = filtered ? 'Try other words, or clear the filters.' : 'Try other words, or describe what is in the photo (“dog on a beach”).';
    action = { label: 'Clear search', run: () => setQuery('') };
  } else if (similarTo) {
    title = 'No similar photos';
    body = 'This photo has no embedding yet, or nothing else passes the filters.';
    action = { label: 'Back to the library', run: () => showView({ kind: 'library' }) };
  } else if (filtered) {
    title = 'No photos pass these filters';
    body = 'Clear a filter to see more.';
    action = { label: 'Clear filters', run: () => setPicks(NO_PICKS) };
  } else if (view.kind === 'album') {
    title = 'This album is empty';
    body = 'Drag photos from the library onto the album in the sidebar, or use “Add to album” in the inspector.';
  } else if (view.kind === 'category') {
    title = 'No photos in this category yet';
    body = 'Edit the category’s prompts or threshold, or drag photos onto it to tag them.';
  } else if (view.kind === 'duplicates') {
    title = 'No near-duplicates';
    body = 'No two photos in the library look nearly the same.';
  } else if (indexing) {
    title = 'Indexing your photos';
    body = 'They appear here as soon as each one is ready.';
  } else {
    title = 'No photos yet';
    body = 'Add a folder of photos in Settings, or drop one onto the window in the desktop app.';
  }
  return (
    <div className="empty-state" role="status">
      <h2>{title}</h2>
      {body && <p>{body}</p>}
      {action && (
        <button type="button" onClick={action.run}>
          {action.label}
        </button>
      )}
    </div>
  );
}
