// Runs in: the sandboxed renderer. The application shell: first run until there is a model
// and a folder, then the library window (sidebar, top bar, indexing strip, grid, inspector)
// with the viewer, dialogs and notices above it. Stores follow the backend's events from here.
import { useCallback, useEffect, useRef, type MouseEvent } from 'react';
import { CategoryEditor } from './components/CategoryEditor/CategoryEditor';
import { EmptyState } from './components/EmptyState/EmptyState';
import { FileDrop } from './components/FileDrop/FileDrop';
import { FirstRun } from './components/FirstRun/FirstRun';
import { IndexingPanel } from './components/IndexingPanel/IndexingPanel';
import { Inspector } from './components/Inspector/Inspector';
import { LearningSuggestion } from './components/LearningSuggestion/LearningSuggestion';
import { Notices } from './components/Notices/Notices';
import { ConfirmDialog } from './components/ConfirmDialog/ConfirmDialog';
import type { MenuEntry } from './components/ContextMenu/ContextMenu';
import { api, isDesktopApp } from './lib/api';
import { PhotoGrid } from './components/PhotoGrid/PhotoGrid';
import { Settings } from './components/Settings/Settings';
import { Sidebar } from './components/Sidebar/Sidebar';
import { StarterCategories } from './components/StarterCategories/StarterCategories';
import { TopBar } from './components/TopBar/TopBar';
import { Viewer } from './components/Viewer/Viewer';
import { useStore } from './hooks/use-store';
import { useViewPhotos } from './hooks/use-view-photos';
import { pruneSelection, selectAt, type Selection } from './lib/selection';
import { albumsStore, movePhotosInAlbum, reloadAlbums, removeFromAlbum } from './stores/albums-store';
import { categoriesStore, reloadCategories } from './stores/categories-store';
import { watchIndexing } from './stores/indexing-store';
import { libraryStore, watchLibrary } from './stores/library-store';
import { historyCommand, isTextEntry, redo, undo } from './stores/history-store';
import { selectionStore } from './stores/selection-store';
import { applyMark, rotatePhotos, toggleFavourite } from './stores/photo-marks';
import { DESKTOP_ONLY_HINT, exportPhotos, fileManagerName, moveToTrash, openWithDefaultApp, showInFolder } from './stores/file-actions';
import { ExportDialog } from './components/ExportDialog/ExportDialog';
import { DuplicatesView } from './components/Duplicates/DuplicatesView';
import type { MarkCommand } from './lib/mark-keys';
import { hasPicks } from './lib/facets';
import { useWideWindow } from './hooks/use-wide-window';
import { preferencesStore, togglePanel } from './stores/preferences-store';
import { openDialog, openViewer, setZoom, showSimilar, viewStore, ZOOM_LEVELS } from './stores/view-store';
import './styles/theme.css';
import './App.css';

/** The skip link's jump: the grid takes the keyboard (or the view's first control when it has no grid). */
function skipToPhotos(event: MouseEvent): void {
  event.preventDefault();
  document.querySelector<HTMLElement>('.grid-scroller, .duplicates button, .empty-state button')?.focus();
}

function LibraryWindow() {
  const view = useStore(viewStore);
  const selection = useStore(selectionStore);
  const panels = useStore(preferencesStore);
  const wide = useWideWindow();
  const inspectorShown = panels.inspector ?? wide;
  const shown = useViewPhotos(view);
  const byId = useStore(libraryStore, (l) => l.byId);
  const viewerPhoto = view.viewerId ? byId.get(view.viewerId) : undefined;
  const categories = useStore(categoriesStore);
  const albums = useStore(albumsStore);
  const album = view.view.kind === 'album' ? albums.find((a) => view.view.kind === 'album' && a.id === view.view.albumId) : undefined;
  const manualAlbum = album?.kind === 'manual' ? album : undefined;
  // The album's own order is on screen only without a search or filter narrowing it.
  const inAlbumOrder = manualAlbum !== undefined && !view.query.trim() && !hasPicks(view.picks) && view.similarTo === null;
  const photosOf = useCallback((ids: readonly string[]) => ids.map((id) => byId.get(id)).filter((p) => p !== undefined), [byId]);
  const menu = useCallback(
    (ids: string[]): MenuEntry[] => {
      const favourites = photosOf(ids).every((p) => p.favourite);
      const single = ids.length === 1 ? ids[0] : undefined;
      const desktopOnly = isDesktopApp() ? undefined : DESKTOP_ONLY_HINT;
      return [
        ...(single ? [{ label: 'Open', run: () => openViewer(single) }, { label: 'More like this', run: () => showSimilar(single) }] : []),
        { label: favourites ? 'Remove from Favourites' : 'Add to Favourites', run: () => void toggleFavourite(photosOf(ids)) },
        { label: 'Rotate left', run: () => void rotatePhotos(ids, 'left') },
        { label: 'Rotate right', run: () => void rotatePhotos(ids, 'right') },
        ...(single
          ? [
              { label: `Show in ${fileManagerName()}`, unavailable: desktopOnly, run: () => void showInFolder(single) },
              { label: 'Open with the default app', unavailable: desktopOnly, run: () => void openWithDefaultApp(single) },
            ]
          : []),
        { label: 'Copy to a folder…', run: () => exportPhotos(ids) },
        ...(manualAlbum ? [{ label: `Remove from “${manualAlbum.name}”`, danger: true, run: () => void removeFromAlbum(manualAlbum.id, ids) }] : []),
        { label: 'Move to Trash…', danger: true, run: () => void moveToTrash(photosOf(ids)) },
      ];
    },
    [manualAlbum, photosOf],
  );
  const onMark = useCallback((command: MarkCommand, ids: string[]) => applyMark(command, photosOf(ids)), [photosOf]);
  const viewedCategory = view.view.kind === 'category' ? categories.find((c) => view.view.kind === 'category' && c.id === view.view.categoryId) : undefined;
  const onSelection = useCallback((next: Selection) => selectionStore.set(next), []);
  // Near-duplicates have a clean-up view of their own; typing searches as everywhere else.
  const showsDuplicates = view.view.kind === 'duplicates' && !view.query.trim() && view.similarTo === null;

  // A selection only holds photos the view still shows.
  useEffect(() => {
    selectionStore.set((s) => pruneSelection(s, shown.photos.map((p) => p.id)));
  }, [shown.photos]);

  // Closed, the viewer hands the grid the photo it showed last, selected and with the
  // keyboard focus, so the arrows carry on from where the user stepped to in the viewer.
  const lastViewed = useRef<string | null>(null);
  useEffect(() => {
    const id = lastViewed.current;
    lastViewed.current = view.viewerId;
    if (view.viewerId !== null || id === null) return;
    const order = shown.photos.map((p) => p.id);
    const index = order.indexOf(id);
    if (index >= 0 && selectionStore.get().focus !== index) selectionStore.set((s) => selectAt(s, order, index));
    // Only the viewer closing moves the selection; the photos are read as they are then.
  }, [view.viewerId]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const mod = event.ctrlKey || event.metaKey;
      const key = event.key.toLowerCase();
      // Undo and redo of the library; a text field keeps its own (the browser's, untouched).
      if (mod && (key === 'z' || key === 'y') && !isTextEntry(document.activeElement)) {
        event.preventDefault();
        void (key === 'z' && !event.shiftKey ? undo() : redo());
        return;
      }
      if (mod && key === 'i' && !event.shiftKey) togglePanel('inspector');
      else if (mod && key === 'b' && !event.shiftKey) togglePanel('sidebar');
      else if (mod && (event.key === '=' || event.key === '+')) setZoom(viewStore.get().zoom + 1);
      else if (mod && event.key === '-') setZoom(viewStore.get().zoom - 1);
      else if (mod && event.key === 'f') document.querySelector<HTMLInputElement>('input[type="search"]')?.focus();
      else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <div className="app">
      <a className="skip-link" href="#photos" onClick={skipToPhotos}>
        Skip to photos
      </a>
      {panels.sidebar && <Sidebar />}
      <main className="main-column">
        <TopBar photos={shown.unfiltered} />
        <IndexingPanel />
        {showsDuplicates ? (
          <DuplicatesView />
        ) : (
          <>
            <div className="view-title">
              <h1>{shown.title}</h1>
              <span className="hint" aria-live="polite">
                {shown.pending ? 'Searching…' : `${shown.photos.length.toLocaleString('en-US')} photo${shown.photos.length === 1 ? '' : 's'}`}
              </span>
            </div>
            {viewedCategory && <LearningSuggestion category={viewedCategory} />}
            {shown.photos.length > 0 ? (
              <PhotoGrid
                photos={shown.photos}
                sections={shown.sections}
                tileTarget={ZOOM_LEVELS[view.zoom] ?? 140}
                selection={selection}
                onSelection={onSelection}
                onOpen={openViewer}
                label={shown.title}
                menu={menu}
                onRemove={manualAlbum ? (ids) => void removeFromAlbum(manualAlbum.id, ids) : undefined}
                onReorder={inAlbumOrder ? (ids, index) => void movePhotosInAlbum(manualAlbum.id, ids, index) : undefined}
                onMark={onMark}
                onTrash={(ids) => void moveToTrash(photosOf(ids))}
              />
            ) : (
              <EmptyState shown={shown} />
            )}
          </>
        )}
      </main>
      {inspectorShown && <Inspector overlay={!wide} />}
      {viewerPhoto && <Viewer photo={viewerPhoto} order={shown.photos} />}
    </div>
  );
}

export function App() {
  const state = useStore(libraryStore, (l) => l.state);
  const dialog = useStore(viewStore, (v) => v.dialog);
  const open = state?.state === 'open';

  useEffect(() => {
    const stopLibrary = watchLibrary();
    const stopIndexing = watchIndexing();
    // The desktop app's Edit menu: its shortcuts reach the menu before the page.
    const stopCommands = api.on('app:command', ({ command }) => historyCommand(command));
    return () => {
      stopLibrary();
      stopIndexing();
      stopCommands();
    };
  }, []);

  useEffect(() => {
    if (!open) return;
    void reloadAlbums();
    void reloadCategories();
  }, [open]);

  const firstRun = state !== null && (state.state === 'needs-model' || state.roots.length === 0);
  return (
    <FileDrop>
      {state === null ? <p className="loading">Opening your library…</p> : firstRun ? <FirstRun state={state} /> : <LibraryWindow />}
      {dialog?.kind === 'settings' && <Settings onClose={() => openDialog(null)} />}
      {dialog?.kind === 'category' && <CategoryEditor categoryId={dialog.categoryId} onClose={() => openDialog(null)} />}
      {dialog?.kind === 'starters' && <StarterCategories onClose={() => openDialog(null)} />}
      {dialog?.kind === 'export' && <ExportDialog photoIds={dialog.photoIds} what={dialog.what} onClose={() => openDialog(null)} />}
      <ConfirmDialog />
      <Notices />
    </FileDrop>
  );
}
