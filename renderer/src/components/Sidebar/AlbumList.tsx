// Runs in: the renderer. The sidebar's albums: each shows its album and takes photos dragged
// from the grid; double-click, F2 or ✎ renames it in place (Enter saves, Escape cancels);
// dragging an album onto another, or Alt+ArrowUp/Down on a focused one, moves it in the
// order main stores, which is the order shown here.
import { useLayoutEffect, useRef, useState, type DragEvent, type FormEvent, type KeyboardEvent } from 'react';
import type { AlbumInfo } from '../../../../main/shared/api-contract';
import { useStore } from '../../hooks/use-store';
import { ALBUM_DRAG_TYPE } from '../../lib/drag-data';
import { addToAlbum, albumsStore, createAlbum, deleteAlbum, moveAlbum, renameAlbum } from '../../stores/albums-store';
import { exportAlbum } from '../../stores/file-actions';
import { SidebarItem } from './SidebarItem';

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

function RenameField({ album, onDone }: { album: AlbumInfo; onDone: () => void }) {
  const [name, setName] = useState(album.name);
  // Enter or Escape unmounts the field, and a blur may follow: the first ending wins.
  const ended = useRef(false);
  const end = (save: boolean) => {
    if (ended.current) return;
    ended.current = true;
    const trimmed = name.trim();
    if (save && trimmed && trimmed !== album.name) void renameAlbum(album.id, trimmed);
    onDone();
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Enter' && event.key !== 'Escape') return;
    event.preventDefault();
    end(event.key === 'Enter');
  };
  return (
    <input
      type="text"
      className="sidebar-rename"
      aria-label={`New name for album ${album.name}`}
      value={name}
      autoFocus
      onFocus={(e) => e.currentTarget.select()}
      onChange={(e) => setName(e.target.value)}
      onKeyDown={onKeyDown}
      onBlur={() => end(true)}
    />
  );
}

export function AlbumList() {
  const albums = useStore(albumsStore);
  const [renaming, setRenaming] = useState<string | null>(null);
  const list = useRef<HTMLUListElement>(null);
  // The album whose button takes the focus back once the list shows the change (a move
  // re-places the buttons, a finished rename removes the field).
  const refocus = useRef<string | null>(null);
  useLayoutEffect(() => {
    const albumId = refocus.current;
    if (albumId === null) return;
    refocus.current = null;
    list.current?.querySelector<HTMLElement>(`[data-album-id="${albumId}"]`)?.focus();
  }, [albums, renaming]);

  const onKeyDown = (album: AlbumInfo, index: number) => (event: KeyboardEvent) => {
    if (event.key === 'F2') {
      event.preventDefault();
      setRenaming(album.id);
      return;
    }
    if (!event.altKey || (event.key !== 'ArrowUp' && event.key !== 'ArrowDown')) return;
    event.preventDefault();
    const to = index + (event.key === 'ArrowUp' ? -1 : 1);
    if (to < 0 || to >= albums.length) return;
    refocus.current = album.id;
    void moveAlbum(album.id, to);
  };
  const onDragStart = (album: AlbumInfo) => (event: DragEvent) => {
    event.dataTransfer.setData(ALBUM_DRAG_TYPE, album.id);
    event.dataTransfer.effectAllowed = 'move';
  };

  return (
    <ul aria-labelledby="albums-heading" ref={list}>
      {albums.map((album, index) => (
        <SidebarItem
          key={album.id}
          view={{ kind: 'album', albumId: album.id }}
          label={album.name}
          count={album.kind === 'manual' ? album.count : null}
          onDropPhotos={(ids) => addToAlbum(album, ids)}
          onDropFiles
          // Dropped on an album, the dragged one takes its place in the order.
          onDropAlbum={(albumId) => {
            if (albumId !== album.id) void moveAlbum(albumId, index);
          }}
          linkProps={{
            draggable: true,
            'data-album-id': album.id,
            'aria-keyshortcuts': 'Alt+ArrowUp Alt+ArrowDown F2',
            onDragStart: onDragStart(album),
            onDoubleClick: () => setRenaming(album.id),
            onKeyDown: onKeyDown(album, index),
          }}
          editor={
            renaming === album.id ? (
              <RenameField
                album={album}
                onDone={() => {
                  refocus.current = album.id;
                  setRenaming(null);
                }}
              />
            ) : undefined
          }
          actions={
            <>
              <button type="button" className="sidebar-action" aria-label={`Rename album ${album.name}`} title="Rename album" onClick={() => setRenaming(album.id)}>
                ✎
              </button>
              <button type="button" className="sidebar-action" aria-label={`Copy album ${album.name} to a folder`} title="Copy to a folder" onClick={() => void exportAlbum(album)}>
                ⤓
              </button>
              <button type="button" className="sidebar-action" aria-label={`Delete album ${album.name}`} title="Delete album" onClick={() => void deleteAlbum(album)}>
                ×
              </button>
            </>
          }
        />
      ))}
      <li>
        <NewAlbum />
      </li>
    </ul>
  );
}
