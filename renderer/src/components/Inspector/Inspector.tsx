// Runs in: the renderer. The panel beside the grid for the selection: one photo's preview,
// stars and heart, facts and tags, or a count and the marks for many; with "open", "more
// like this", "add to album" and,
// in a manual album, moving the photo within the album's order.
import { useStore } from '../../hooks/use-store';
import { photoUrl } from '../../lib/api';
import { fileName, formatCount } from '../../lib/format';
import { libraryStore } from '../../stores/library-store';
import { selectionStore } from '../../stores/selection-store';
import { openViewer, showSimilar } from '../../stores/view-store';
import { PhotoMarks } from '../PhotoMarks/PhotoMarks';
import { PhotoTags } from '../PhotoTags/PhotoTags';
import { AddToAlbum } from './AddToAlbum';
import { AlbumOrder } from './AlbumOrder';
import { PhotoDetails } from './PhotoDetails';
import './Inspector.css';

/** `overlay`: the window is too narrow to give the inspector its own column; it opens over the grid. */
export function Inspector({ overlay = false }: { overlay?: boolean }) {
  const selection = useStore(selectionStore);
  const byId = useStore(libraryStore, (l) => l.byId);
  const ids = [...selection.ids];
  const single = ids.length === 1 && ids[0] !== undefined ? byId.get(ids[0]) : undefined;
  const photos = ids.map((id) => byId.get(id)).filter((p) => p !== undefined);

  return (
    <aside className={`inspector${overlay ? ' overlay' : ''}`} aria-label="Inspector">
      {ids.length === 0 && <p className="inspector-empty">Select a photo to see its details and tags.</p>}
      {single && (
        <>
          <div className="inspector-preview">
            <img src={photoUrl('thumb', single.id)} alt={fileName(single.path)} style={single.rotation ? { transform: `rotate(${single.rotation}deg)` } : undefined} />
          </div>
          <h2 className="inspector-title" title={single.path}>
            {fileName(single.path)}
          </h2>
          <PhotoMarks photos={photos} />
          <div className="inspector-actions">
            <button type="button" onClick={() => openViewer(single.id)}>
              Open
            </button>
            <button type="button" onClick={() => showSimilar(single.id)}>
              More like this
            </button>
          </div>
          <AlbumOrder photoId={single.id} />
          <AddToAlbum photoIds={ids} />
          <PhotoTags photoId={single.id} />
          <PhotoDetails photo={single} />
        </>
      )}
      {ids.length > 1 && (
        <>
          <h2 className="inspector-title">{formatCount(ids.length, 'photo')} selected</h2>
          <PhotoMarks photos={photos} />
          <AddToAlbum photoIds={ids} />
          <p className="inspector-hint">Drag them onto an album or a category in the sidebar to add or tag them all.</p>
        </>
      )}
    </aside>
  );
}
