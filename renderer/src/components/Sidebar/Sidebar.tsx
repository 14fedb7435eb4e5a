// Runs in: the renderer. The sidebar: Library, Recent imports, Near-duplicates, Albums,
// Categories (with counts and colours) and Folders. Albums and categories are drop targets: photos dragged
// from the grid are added to the album or tagged with the category; files dropped from the
// OS are imported first (see FileDrop).
import { useState, type DragEvent, type FormEvent, type ReactNode } from 'react';
import { useStore } from '../../hooks/use-store';
import { PHOTO_DRAG_TYPE, readPhotoIds } from '../../lib/drag-data';
import { fileName, formatCount } from '../../lib/format';
import { addToAlbum, albumsStore, createAlbum, deleteAlbum } from '../../stores/albums-store';
import { categoriesStore, decideTag } from '../../stores/categories-store';
import { importDroppedFiles } from '../../stores/import-drop';
import { libraryStore } from '../../stores/library-store';
import { openDialog, sameView, showView, viewStore, type SidebarView } from '../../stores/view-store';
import './Sidebar.css';

interface ItemProps {
  view: SidebarView;
  label: string;
  count?: number | null;
  colour?: string;
  onDropPhotos?: (ids: string[]) => Promise<void>;
  /** Adds dropped OS files to this item once imported. */
  onDropFiles?: boolean;
  actions?: ReactNode;
}

function SidebarItem({ view, label, count, colour, onDropPhotos, onDropFiles, actions }: ItemProps) {
  const current = useStore(viewStore, (s) => s.view);
  const [over, setOver] = useState(false);
  const accepts = (event: DragEvent) =>
    (onDropPhotos && event.dataTransfer.types.includes(PHOTO_DRAG_TYPE)) || (onDropFiles && event.dataTransfer.types.includes('Files'));
  const onDragOver = (event: DragEvent) => {
    if (!accepts(event)) return;
    event.preventDefault();
    event.stopPropagation();
    event.dataTransfer.dropEffect = 'copy';
    setOver(true);
  };
  const onDrop = (event: DragEvent) => {
    setOver(false);
    if (!accepts(event)) return;
    event.preventDefault();
    event.stopPropagation();
    const ids = readPhotoIds(event.dataTransfer.getData(PHOTO_DRAG_TYPE));
    if (ids && onDropPhotos) void onDropPhotos(ids);
    else if (event.dataTransfer.files.length > 0 && onDropPhotos) void importDroppedFiles(event.dataTransfer.files, onDropPhotos);
  };
  return (
    <li className={`sidebar-item${over ? ' drop-over' : ''}`} onDragOver={onDragOver} onDragLeave={() => setOver(false)} onDrop={onDrop}>
      <button type="button" className="sidebar-link" aria-current={sameView(current, view) ? 'page' : undefined} onClick={() => showView(view)}>
        {colour && <span className="swatch" style={{ background: colour }} aria-hidden="true" />}
        <span className="sidebar-label">{label}</span>
        {count !== undefined && count !== null && <span className="sidebar-count" aria-label={formatCount(count, 'photo')}>{count.toLocaleString('en-US')}</span>}
      </button>
      {actions}
    </li>
  );
}

function NewAlbum() {
  const [name, setName] = useState<string | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (name?.trim()) void createAlbum(name.trim());
    setName(null);
  };
  if (name === null) {
    return (
      <button type="button" className="sidebar-add" onClick={() => setName('')}>
        + New album
      </button>
    );
  }
  return (
    <form onSubmit={submit} className="sidebar-form">
      <input type="text" aria-label="New album name" placeholder="Album name" value={name} autoFocus onChange={(e) => setName(e.target.value)} onBlur={submit} onKeyDown={(e) => e.key === 'Escape' && setName(null)} />
    </form>
  );
}

export function Sidebar() {
  const library = useStore(libraryStore);
  const albums = useStore(albumsStore);
  const categories = useStore(categoriesStore);
  const roots = library.state?.state === 'open' ? library.state.roots : [];
  const indexedCount = library.photos.filter((p) => p.status === 'indexed').length;

  return (
    <nav className="sidebar" aria-label="Library">
      <ul>
        <SidebarItem view={{ kind: 'library' }} label="Library" count={indexedCount} />
        <SidebarItem view={{ kind: 'recent' }} label="Recent imports" />
        <SidebarItem view={{ kind: 'duplicates' }} label="Near-duplicates" />
      </ul>

      <h2 id="albums-heading">Albums</h2>
      <ul aria-labelledby="albums-heading">
        {albums.map((album) => (
          <SidebarItem
            key={album.id}
            view={{ kind: 'album', albumId: album.id }}
            label={album.name}
            count={album.kind === 'manual' ? album.photoIds.length : null}
            onDropPhotos={(ids) => addToAlbum(album, ids)}
            onDropFiles
            actions={
              <button type="button" className="sidebar-action" aria-label={`Delete album ${album.name}`} title="Delete album" onClick={() => void deleteAlbum(album.id)}>
                ×
              </button>
            }
          />
        ))}
        <li>
          <NewAlbum />
        </li>
      </ul>

      <h2 id="categories-heading">Categories</h2>
      <ul aria-labelledby="categories-heading">
        {categories.map((category) => (
          <SidebarItem
            key={category.id}
            view={{ kind: 'category', categoryId: category.id }}
            label={category.name}
            colour={category.colour}
            count={category.calibration?.tagged ?? null}
            onDropPhotos={(ids) => decideTag(ids, category, 'accepted')}
            onDropFiles
            actions={
              <button type="button" className="sidebar-action" aria-label={`Edit category ${category.name}`} title="Edit category" onClick={() => openDialog({ kind: 'category', categoryId: category.id })}>
                ✎
              </button>
            }
          />
        ))}
        <li>
          <button type="button" className="sidebar-add" onClick={() => openDialog({ kind: 'category', categoryId: null })}>
            + New category
          </button>
        </li>
        <li>
          <button type="button" className="sidebar-add" onClick={() => openDialog({ kind: 'starters' })}>
            Starter categories…
          </button>
        </li>
      </ul>

      <h2 id="folders-heading">Folders</h2>
      <ul aria-labelledby="folders-heading">
        {roots.map((root) => (
          <SidebarItem key={root.id} view={{ kind: 'folder', rootId: root.id }} label={fileName(root.path) || root.path} />
        ))}
        <li>
          <button type="button" className="sidebar-add" onClick={() => openDialog({ kind: 'settings' })}>
            Manage folders…
          </button>
        </li>
      </ul>
    </nav>
  );
}
