// Runs in: the renderer. The full-size viewer: the photo itself (its thumbnail when the
// format cannot be shown full size), turned as the user turned it, previous/next through
// the current view, zoom, the mark keys (stars, favourite, turns), the facts panel, its
// tags with accept/reject, and add to album. It is modal: the window
// behind it is inert while it is open, and closing it puts the focus back where it was
// (the grid, for a photo opened from there with Enter or a double-click).
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { PhotoInfo } from '../../../../main/shared/api-contract';
import { useElementSize } from '../../hooks/use-element-size';
import { photoUrl } from '../../lib/api';
import { fileName } from '../../lib/format';
import { markCommand } from '../../lib/mark-keys';
import { fitTurned, type Size } from '../../lib/viewer-fit';
import { applyMark } from '../../stores/photo-marks';
import { preferencesStore, togglePanel } from '../../stores/preferences-store';
import { useStore } from '../../hooks/use-store';
import { openViewer, showSimilar } from '../../stores/view-store';
import { AddToAlbum } from '../Inspector/AddToAlbum';
import { PhotoDetails } from '../Inspector/PhotoDetails';
import { PhotoMarks } from '../PhotoMarks/PhotoMarks';
import { FileActions } from './FileActions';
import { PhotoTags } from '../PhotoTags/PhotoTags';
import './Viewer.css';

const ZOOMS = [1, 1.5, 2, 3, 4];

export function Viewer({ photo, order }: { photo: PhotoInfo; order: readonly PhotoInfo[] }) {
  const [zoom, setZoom] = useState(0);
  const [useThumb, setUseThumb] = useState(false);
  /** The shown image's own pixel size, once it has loaded. */
  const [natural, setNatural] = useState<(Size & { id: string }) | null>(null);
  const root = useRef<HTMLDivElement>(null);
  const stage = useRef<HTMLDivElement>(null);
  const area = useElementSize(stage);
  const showInfo = useStore(preferencesStore, (p) => p.viewerInfo);
  const index = order.findIndex((p) => p.id === photo.id);
  const prev = index > 0 ? order[index - 1] : undefined;
  const next = index >= 0 ? order[index + 1] : undefined;

  useEffect(() => {
    setZoom(0);
    setUseThumb(false);
  }, [photo.id]);
  useEffect(() => {
    const opener = document.activeElement;
    const self = root.current;
    // aria-modal alone does not keep Tab out of the window behind, nor a screen reader's cursor.
    const behind = [...(self?.parentElement?.children ?? [])].filter((e): e is HTMLElement => e !== self && e instanceof HTMLElement && !e.inert);
    for (const e of behind) e.inert = true;
    self?.focus();
    return () => {
      for (const e of behind) e.inert = false;
      if (opener instanceof HTMLElement && opener.isConnected) opener.focus();
    };
  }, []);

  const onKeyDown = (event: KeyboardEvent) => {
    const target = event.target as HTMLElement;
    if (target.closest('select, input')) return;
    // A zoomed photo with the focus pans with the arrows, as any scrolled area does.
    if (event.key.startsWith('Arrow') && target.classList.contains('viewer-image')) return;
    const mark = markCommand(event);
    if (mark) applyMark(mark, [photo]);
    // I (or Ctrl/Cmd+I, as beside the grid) shows or hides the information panel; Tab keeps moving the focus.
    else if (event.key.toLowerCase() === 'i' && !event.altKey) togglePanel('viewerInfo');
    else if (event.key === 'Escape') openViewer(null);
    else if (event.key === 'ArrowLeft' && prev) openViewer(prev.id);
    else if (event.key === 'ArrowRight' && next) openViewer(next.id);
    else if (event.key === '+' || event.key === '=') setZoom((z) => Math.min(ZOOMS.length - 1, z + 1));
    else if (event.key === '-') setZoom((z) => Math.max(0, z - 1));
    else return;
    event.preventDefault();
  };

  const size = natural?.id === photo.id ? natural : { width: photo.width ?? area.width, height: photo.height ?? area.height };
  const fit = fitTurned(size, area, photo.rotation, ZOOMS[zoom] ?? 1);
  return (
    <div ref={root} className="viewer" role="dialog" aria-modal="true" aria-label={`Photo ${fileName(photo.path)}`} tabIndex={-1} onKeyDown={onKeyDown}>
      <div className="viewer-stage">
        <div className="viewer-toolbar">
          <button type="button" onClick={() => openViewer(null)}>
            ← Back
          </button>
          <span className="viewer-title">{fileName(photo.path)}</span>
          <span className="viewer-position">{index >= 0 ? `${index + 1} of ${order.length}` : ''}</span>
          <button type="button" aria-label="Zoom out" disabled={zoom === 0} onClick={() => setZoom(zoom - 1)}>
            −
          </button>
          <span className="viewer-zoom" aria-live="polite">{zoom === 0 ? 'Fit' : `${Math.round(fit.scale * 100)}%`}</span>
          <button type="button" aria-label="Zoom in" disabled={zoom === ZOOMS.length - 1} onClick={() => setZoom(zoom + 1)}>
            +
          </button>
          <button type="button" aria-pressed={showInfo} title="Show or hide the information (I)" onClick={() => togglePanel('viewerInfo')}>
            Info
          </button>
        </div>
        {/* Zoomed, the photo scrolls: it takes the focus (Tab) so the keyboard can pan it too. */}
        <div
          ref={stage}
          className={`viewer-image${zoom > 0 ? ' zoomed' : ''}`}
          tabIndex={zoom > 0 ? 0 : undefined}
          role={zoom > 0 ? 'group' : undefined}
          aria-label={zoom > 0 ? 'Zoomed photo, arrows pan' : undefined}
        >
          <div className="viewer-turned" style={fit.box}>
            <img
              key={photo.id}
              src={photoUrl(useThumb ? 'thumb' : 'full', photo.id)}
              alt={fileName(photo.path)}
              style={{ ...fit.image, transform: `translate(-50%, -50%) rotate(${photo.rotation}deg)` }}
              onLoad={(e) => setNatural({ id: photo.id, width: e.currentTarget.naturalWidth, height: e.currentTarget.naturalHeight })}
              onError={() => setUseThumb(true)}
            />
          </div>
        </div>
        <button type="button" className="viewer-nav prev" aria-label="Previous photo" disabled={!prev} onClick={() => prev && openViewer(prev.id)}>
          ‹
        </button>
        <button type="button" className="viewer-nav next" aria-label="Next photo" disabled={!next} onClick={() => next && openViewer(next.id)}>
          ›
        </button>
      </div>
      {showInfo && (
        <aside className="viewer-panel" aria-label="Photo information">
          {useThumb && <p className="hint">This format cannot be shown full size here; showing its thumbnail.</p>}
          <PhotoMarks photos={[photo]} />
          <FileActions photo={photo} />
          <PhotoTags photoId={photo.id} />
          <AddToAlbum photoIds={[photo.id]} />
          <button type="button" onClick={() => showSimilar(photo.id)}>
            More like this
          </button>
          <PhotoDetails photo={photo} />
        </aside>
      )}
    </div>
  );
}
