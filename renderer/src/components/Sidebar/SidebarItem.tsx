// Runs in: the renderer. One sidebar entry: a button that shows its view, and a drop target
// for what the item takes (photos from the grid, files from the OS, an album being moved),
// with the entries inside it (a category's children) listed below it.
import { useState, type ButtonHTMLAttributes, type DragEvent, type ReactNode } from 'react';
import { useStore } from '../../hooks/use-store';
import { ALBUM_DRAG_TYPE, dragKind, PHOTO_DRAG_TYPE, readPhotoIds } from '../../lib/drag-data';
import { formatCount } from '../../lib/format';
import { importDroppedFiles } from '../../stores/import-drop';
import { sameView, showView, viewStore, type SidebarView } from '../../stores/view-store';

export interface SidebarItemProps {
  view: SidebarView;
  label: string;
  count?: number | null;
  colour?: string;
  onDropPhotos?: (ids: string[]) => Promise<void>;
  /** Adds dropped OS files to this item once imported. */
  onDropFiles?: boolean;
  /** An album dragged within the albums list and dropped on this item. */
  onDropAlbum?: (albumId: string) => void;
  /** More for the item's button: a drag source, keys, double-click. */
  linkProps?: ButtonHTMLAttributes<HTMLButtonElement> & { 'data-album-id'?: string };
  /** Shown instead of the button while the item is edited (a rename field). */
  editor?: ReactNode;
  actions?: ReactNode;
  /** Entries inside this one, as <li>s; the drop target and hover stay with this entry's own row. */
  nested?: ReactNode;
}

export function SidebarItem({ view, label, count, colour, onDropPhotos, onDropFiles, onDropAlbum, linkProps, editor, actions, nested }: SidebarItemProps) {
  const current = useStore(viewStore, (s) => s.view);
  const [over, setOver] = useState(false);
  const accepts = (event: DragEvent) => {
    const kind = dragKind(event.dataTransfer.types);
    return (kind === 'photos' && onDropPhotos) || (kind === 'files' && onDropFiles) || (kind === 'album' && onDropAlbum);
  };
  const onDragOver = (event: DragEvent) => {
    if (!accepts(event)) return;
    event.preventDefault();
    event.stopPropagation();
    event.dataTransfer.dropEffect = dragKind(event.dataTransfer.types) === 'album' ? 'move' : 'copy';
    setOver(true);
  };
  const onDrop = (event: DragEvent) => {
    setOver(false);
    if (!accepts(event)) return;
    event.preventDefault();
    event.stopPropagation();
    const albumId = event.dataTransfer.getData(ALBUM_DRAG_TYPE);
    const ids = readPhotoIds(event.dataTransfer.getData(PHOTO_DRAG_TYPE));
    if (albumId && onDropAlbum) onDropAlbum(albumId);
    else if (ids && onDropPhotos) void onDropPhotos(ids);
    else if (event.dataTransfer.files.length > 0 && onDropPhotos) void importDroppedFiles(event.dataTransfer.files, onDropPhotos);
  };
  return (
    <li className="sidebar-item">
      <div className={`sidebar-row${over ? ' drop-over' : ''}`} onDragOver={onDragOver} onDragLeave={() => setOver(false)} onDrop={onDrop}>
        {editor ?? (
          <button type="button" className="sidebar-link" aria-current={sameView(current, view) ? 'page' : undefined} onClick={() => showView(view)} {...linkProps}>
            {colour && <span className="swatch" style={{ background: colour }} aria-hidden="true" />}
            <span className="sidebar-label">{label}</span>
            {count !== undefined && count !== null && <span className="sidebar-count" aria-label={formatCount(count, 'photo')}>{count.toLocaleString('en-US')}</span>}
          </button>
        )}
        {actions}
      </div>
      {nested && <ul className="sidebar-nested">{nested}</ul>}
    </li>
  );
}
