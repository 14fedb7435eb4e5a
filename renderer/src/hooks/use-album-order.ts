// Runs in: the renderer. A manual album's photos in its order, asked of main again whenever the
// albums change (a move, an add, an undo), for the inspector's place-in-album controls.
import { useEffect, useState } from 'react';
import { api } from '../lib/api';
import { albumsStore } from '../stores/albums-store';
import { useStore } from './use-store';

export function useAlbumOrder(albumId: string | null): readonly string[] {
  const albums = useStore(albumsStore);
  const [order, setOrder] = useState<{ albumId: string; ids: string[] } | null>(null);
  useEffect(() => {
    if (albumId === null) return;
    let current = true;
    void api.albums.photos(albumId).then((result) => {
      if (current && result.ok) setOrder({ albumId, ids: result.value });
    });
    return () => {
      current = false;
    };
  }, [albumId, albums]);
  return order?.albumId === albumId ? order.ids : [];
}
