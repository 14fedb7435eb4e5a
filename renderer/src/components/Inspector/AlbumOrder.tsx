// Runs in: the renderer. In a manual album's view, moves the selected photo one place
// earlier or later, or to either end, of the album's own order (which the grid shows).
import { useAlbumOrder } from '../../hooks/use-album-order';
import { useStore } from '../../hooks/use-store';
import { albumsStore, movePhotosInAlbum } from '../../stores/albums-store';
import { viewStore } from '../../stores/view-store';

export function AlbumOrder({ photoId }: { photoId: string }) {
  const view = useStore(viewStore, (v) => v.view);
  const albums = useStore(albumsStore);
  const album = view.kind === 'album' ? albums.find((a) => a.id === view.albumId) : undefined;
  const order = useAlbumOrder(album?.kind === 'manual' ? album.id : null);
  if (album?.kind !== 'manual') return null;
  const at = order.indexOf(photoId);
  if (at < 0) return null;
  const last = order.length - 1;
  const move = (index: number) => void movePhotosInAlbum(album.id, [photoId], index);
  return (
    <div className="inspector-actions" role="group" aria-label="Order in album">
      <button type="button" aria-label="Move to start" disabled={at === 0} onClick={() => move(0)}>
        ⇤
      </button>
      <button type="button" aria-label="Move earlier" disabled={at === 0} onClick={() => move(at - 1)}>
        ←
      </button>
      <span className="hint">
        {at + 1} of {last + 1}
      </span>
      <button type="button" aria-label="Move later" disabled={at === last} onClick={() => move(at + 1)}>
        →
      </button>
      <button type="button" aria-label="Move to end" disabled={at === last} onClick={() => move(last)}>
        ⇥
      </button>
    </div>
  );
}
