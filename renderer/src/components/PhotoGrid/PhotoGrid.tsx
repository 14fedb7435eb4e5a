// Runs in: the renderer. The virtualised photo grid: only the rows on screen (plus a few)
// are in the DOM, so 100,000 photos scroll like 100. Month headers stick to the top; click,
// shift, ctrl/cmd, rubber band and the keyboard select; photos drag out to the sidebar.
// All the geometry comes from lib/virtual-grid.ts; this file only renders and listens.
// Scrolling is kept cheap: the rendered rows change only when the screen leaves them, tiles
// are memoised on plain props, and thumbnails wait while the grid is flicked (flick.ts).
// When the photos change under the same view (a refresh while indexing, a zoom, a filter),
// the photo at the top of the screen stays put; a new view (a new label) starts at the top.
// Either way the selection's anchor and focus follow their photos. Right-click (or the menu
// key) opens the view's actions for the selection; in a manual album Delete takes the
// selection out of it (elsewhere, and with Ctrl/Cmd anywhere, Delete moves it to the trash,
// asked first), and dragging photos or Alt+arrows put them elsewhere in its order.
// The mark keys (lib/mark-keys.ts) rate, favourite and turn the selection; tiles show the
// stars and heart, and the thumbnail turned as the user turned the photo.
import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type DragEvent, type KeyboardEvent, type MouseEvent } from 'react';
import type { PhotoInfo } from '../../../../main/shared/api-contract';
import { photoUrl } from '../../lib/api';
import { fileName, formatTakenAt } from '../../lib/format';
import { bandSelect, dragIds, focusAt, followOrder, selectAll, selectAt, EMPTY_SELECTION, type Selection } from '../../lib/selection';
import { computeLayout, indicesInRect, moveIndex, renderWindow, scrollTopFor, stickyHeader, tileRect, topAnchor, visibleRows, type GridSection, type Move, type Rect, type RowRange } from '../../lib/virtual-grid';
import { isFlick, SETTLE_MS } from './flick';
import { useElementSize } from '../../hooks/use-element-size';
import { PHOTO_DRAG_TYPE, readPhotoIds } from '../../lib/drag-data';
import { ContextMenu, type MenuEntry } from '../ContextMenu/ContextMenu';
import { markCommand, type MarkCommand } from '../../lib/mark-keys';
import './PhotoGrid.css';

export interface PhotoGridProps {
  photos: readonly PhotoInfo[];
  sections: readonly GridSection[];
  tileTarget: number;
  selection: Selection;
  onSelection: (selection: Selection) => void;
  onOpen: (photoId: string) => void;
  /** The view's name; a new one is a new view. */
  label: string;
  /** The context menu's actions for these photos (the selection, or the photo right-clicked). */
  menu?: (ids: string[]) => MenuEntry[];
  /** Delete or Backspace on a selection: takes those photos out of the view (a manual album). */
  onRemove?: (ids: string[]) => void;
  /** Dropping photos, or Alt+arrows, puts them at `index` of the order the view's other photos keep (a manual album). */
  onReorder?: (ids: string[], index: number) => void;
  /** A mark key (stars, favourite, turn) on the selection. */
  onMark?: (command: MarkCommand, ids: string[]) => void;
  /** Delete (outside a manual album) or Ctrl/Cmd+Delete: moves the selection to the trash, once the user says so. */
  onTrash?: (ids: string[]) => void;
}

const GAP = 4;
const HEADER = 40;
const PADDING = 12;
/** Spare rows kept in the DOM around the screen, so a scroll step rarely needs new ones. */
const OVERSCAN = 3;

const KEY_MOVES: Record<string, Move> = {
  ArrowLeft: 'left',
  ArrowRight: 'right',
  ArrowUp: 'up',
  ArrowDown: 'down',
  Home: 'home',
  End: 'end',
  PageUp: 'pageUp',
  PageDown: 'pageDown',
};

/** Alt+key moves of a photo within a manual album: from where it is to where it goes, last index `end`. */
const ALBUM_MOVES: Record<string, (at: number, end: number) => number> = {
  ArrowLeft: (at) => at - 1,
  ArrowUp: (at) => at - 1,
  ArrowRight: (at) => at + 1,
  ArrowDown: (at) => at + 1,
  Home: () => 0,
  End: (_at, end) => end,
};

interface Band {
  origin: { x: number; y: number };
  rect: Rect;
  base: Selection;
  additive: boolean;
}

/**
 * Plain-number props so memo skips tiles that did not move or change state while scrolling.
 * `load` is false during a flick: the tile shows its placeholder until the grid settles.
 */
const Tile = memo(function Tile(props: { photo: PhotoInfo; index: number; selected: boolean; focused: boolean; left: number; top: number; size: number; load: boolean }) {
  const { photo, index, selected, focused, left, top, size, load } = props;
  // Once asked for, a thumbnail stays, so a later flick never blanks a tile that shows one.
  const [shown, setShown] = useState(load);
  if (load && !shown) setShown(true);
  const marks = [photo.favourite ? 'favourite' : '', photo.rating > 0 ? `${photo.rating} star${photo.rating === 1 ? '' : 's'}` : ''].filter(Boolean);
  return (
    <div
      role="option"
      id={`photo-${photo.id}`}
      aria-selected={selected}
      aria-label={[fileName(photo.path), formatTakenAt(photo.takenAt), ...marks].join(', ')}
      data-index={index}
      data-photo-id={photo.id}
      className={`tile${selected ? ' selected' : ''}${focused ? ' focused' : ''}`}
      style={{ transform: `translate(${left}px, ${top}px)`, width: size, height: size }}
      draggable
    >
      {shown && (
        <img src={photoUrl('thumb', photo.id)} alt="" decoding="async" draggable={false} style={photo.rotation ? { transform: `rotate(${photo.rotation}deg)` } : undefined} />
      )}
      {marks.length > 0 && (
        <span className="tile-marks" aria-hidden="true">
          {photo.favourite && <span className="tile-heart">♥</span>}
          {photo.rating > 0 && <span className="tile-stars">{'★'.repeat(photo.rating)}</span>}
        </span>
      )}
    </div>
  );
});

export function PhotoGrid(props: PhotoGridProps) {
  const { photos, sections, tileTarget, selection, onSelection, onOpen, label, menu, onRemove, onReorder, onMark, onTrash } = props;
  const [menuAt, setMenuAt] = useState<{ x: number; y: number; ids: string[] } | null>(null);
  /** Where dropped photos would go, in the view's order; null when nothing is dragged over. */
  const [dropAt, setDropAt] = useState<number | null>(null);
  const scroller = useRef<HTMLDivElement>(null);
  const sticky = useRef<HTMLDivElement>(null);
  const size = useElementSize(scroller);
  const [rendered, setRendered] = useState<RowRange>({ start: 0, end: 0 });
  const [section, setSection] = useState(0);
  const [flicking, setFlicking] = useState(false);
  const lastStep = useRef({ top: 0, at: 0 });
  const settle = useRef<number | undefined>(undefined);
  const [band, setBand] = useState<Band | null>(null);
  const order = useMemo(() => photos.map((p) => p.id), [photos]);
  /**
   * The photo the user scrolled to the top of the screen and its row's offset from there;
   * null at the very top. Only the user's scrolling sets it: were it taken again after each
   * change, it would creep a column at a time as photos came in above it.
   */
  const anchor = useRef<{ id: string; offset: number } | null>(null);
  /** Where the grid itself last scrolled to keep the anchor, so that scroll event is not the user's. */
  const jumpedTo = useRef<number | null>(null);
  const shown = useRef({ label, order });

  const layout = useMemo(
    () => computeLayout(sections, { width: size.width, tileTarget, gap: GAP, headerHeight: HEADER, padding: PADDING }),
    [sections, size.width, tileTarget],
  );

  // scrollTop is the only layout read; the height comes from the ResizeObserver, so placing
  // rows never forces a layout in the middle of a frame.
  const place = useCallback(
    (top: number) => {
      setRendered((r) => renderWindow(r, visibleRows(layout, top, size.height, 0), OVERSCAN, layout.rows.length));
      const header = stickyHeader(layout, top);
      const transform = `translateY(${header?.offset ?? 0}px)`;
      if (sticky.current && sticky.current.style.transform !== transform) sticky.current.style.transform = transform;
      setSection(header?.section ?? 0);
    },
    [layout, size.height],
  );

  // Before the new layout paints: a new view starts at the top; the same view keeps its top
  // photo where it was (or starts at the top when that photo is gone).
  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const before = shown.current;
    shown.current = { label, order };
    const kept = before.label === label ? anchor.current : null;
    const index = kept ? order.indexOf(kept.id) : -1;
    const top = kept && index >= 0 ? scrollTopFor(layout, index, kept.offset) : 0;
    if (index < 0) anchor.current = null;
    if (top !== null && top !== element.scrollTop) {
      element.scrollTop = top;
      jumpedTo.current = element.scrollTop;
      // A jump the user did not make is no flick: thumbnails keep loading.
      lastStep.current = { top: element.scrollTop, at: performance.now() };
    }
    if (before.order !== order) {
      const followed = followOrder(selection, before.order, order);
      if (followed !== selection) onSelection(followed);
      // The focused photo left (a correction, a removal): once the panels have followed, the
      // keyboard stays in the grid, on the photo that took its place, not on the page.
      const left = selection.focus !== null && followed.focus !== null && order[followed.focus] !== before.order[selection.focus];
      if (left) requestAnimationFrame(() => document.activeElement === document.body && scroller.current?.focus());
    }
    place(element.scrollTop);
    // Only new photos, a new layout or view move the screen; the selection is read as it is then.
  }, [place, label, order]);

  const onScroll = () => {
    const top = scroller.current?.scrollTop ?? 0;
    const now = performance.now();
    if (isFlick(top - lastStep.current.top, now - lastStep.current.at)) {
      setFlicking(true);
      window.clearTimeout(settle.current);
      settle.current = window.setTimeout(() => setFlicking(false), SETTLE_MS);
    }
    lastStep.current = { top, at: now };
    if (top !== jumpedTo.current) {
      // At the very top the grid stays at the top, showing what comes in above.
      const at = top > 0 ? topAnchor(layout, top) : null;
      const id = at ? order[at.index] : undefined;
      anchor.current = at && id !== undefined ? { id, offset: at.offset } : null;
    }
    jumpedTo.current = null;
    place(top);
  };

  useEffect(() => () => window.clearTimeout(settle.current), []);

  const scrollToIndex = (index: number) => {
    const element = scroller.current;
    const rect = tileRect(layout, index);
    if (!element || !rect) return;
    if (rect.top - HEADER < element.scrollTop) element.scrollTop = rect.top - HEADER;
    else if (rect.top + rect.height > element.scrollTop + element.clientHeight) element.scrollTop = rect.top + rect.height - element.clientHeight + PADDING;
  };

  // A focus moved from outside (the viewer hands back the photo it stepped to) comes on
  // screen as the arrows' own moves do; a rubber band's moving edge is left where it is.
  const focusIndex = selection.focus;
  useEffect(() => {
    if (focusIndex !== null && !band && document.activeElement === scroller.current) scrollToIndex(focusIndex);
    // Only a new focus scrolls; the layout and band are read as they are then.
  }, [focusIndex]);

  const indexOfEvent = (event: { target: EventTarget }): number | null => {
    const tile = (event.target as HTMLElement).closest<HTMLElement>('.tile');
    return tile ? Number(tile.dataset.index) : null;
  };

  const contentPoint = (event: MouseEvent) => {
    const box = scroller.current?.getBoundingClientRect();
    return { x: event.clientX - (box?.left ?? 0), y: event.clientY - (box?.top ?? 0) + (scroller.current?.scrollTop ?? 0) };
  };

  const onClick = (event: MouseEvent) => {
    const index = indexOfEvent(event);
    if (index === null) return;
    onSelection(selectAt(selection, order, index, { shift: event.shiftKey, toggle: event.ctrlKey || event.metaKey }));
  };

  const onDoubleClick = (event: MouseEvent) => {
    const index = indexOfEvent(event);
    const id = index === null ? undefined : order[index];
    if (id) onOpen(id);
  };

  const onMouseDown = (event: MouseEvent) => {
    if (event.button !== 0 || indexOfEvent(event) !== null) return;
    const origin = contentPoint(event);
    const additive = event.ctrlKey || event.metaKey || event.shiftKey;
    setBand({ origin, rect: { left: origin.x, top: origin.y, width: 0, height: 0 }, base: additive ? selection : EMPTY_SELECTION, additive });
    if (!additive) onSelection(EMPTY_SELECTION);
  };

  useEffect(() => {
    if (!band) return;
    const move = (event: globalThis.MouseEvent) => {
      const box = scroller.current?.getBoundingClientRect();
      const x = event.clientX - (box?.left ?? 0);
      const y = event.clientY - (box?.top ?? 0) + (scroller.current?.scrollTop ?? 0);
      const rect = { left: Math.min(x, band.origin.x), top: Math.min(y, band.origin.y), width: Math.abs(x - band.origin.x), height: Math.abs(y - band.origin.y) };
      setBand((b) => (b ? { ...b, rect } : b));
      onSelection(bandSelect(band.base, order, indicesInRect(layout, rect), band.additive));
    };
    const up = () => setBand(null);
    window.addEventListener('mousemove', move);
    window.addEventListener('mouseup', up);
    return () => {
      window.removeEventListener('mousemove', move);
      window.removeEventListener('mouseup', up);
    };
    // The band's origin and base are fixed for one drag; its rect changes are its own.
  }, [band?.origin, band?.base, band?.additive, layout, order, onSelection]);

  const onKeyDown = (event: KeyboardEvent) => {
    const focus = selection.focus ?? -1;
    const move = KEY_MOVES[event.key];
    const toggle = event.ctrlKey || event.metaKey;
    const mark = onMark && selection.ids.size > 0 ? markCommand(event) : null;
    if (mark) {
      event.preventDefault();
      onMark?.(mark, order.filter((id) => selection.ids.has(id)));
    } else if (event.altKey && onReorder && focus >= 0 && ALBUM_MOVES[event.key]) {
      // One place earlier or later, or to either end, of the order the others keep.
      event.preventDefault();
      const to = ALBUM_MOVES[event.key]?.(focus, order.length - 1) ?? focus;
      const id = order[focus];
      if (id && to !== focus) onReorder([id], Math.max(0, Math.min(to, order.length - 1)));
    } else if (move) {
      event.preventDefault();
      const next = focus < 0 ? 0 : moveIndex(layout, order.length, focus, move, scroller.current?.clientHeight ?? 0);
      if (next < 0) return;
      onSelection(toggle && !event.shiftKey ? focusAt(selection, order, next) : selectAt(selection, order, next, { shift: event.shiftKey }));
      scrollToIndex(next);
    } else if (event.key === 'a' && toggle) {
      event.preventDefault();
      onSelection(selectAll(order));
    } else if (event.key === ' ' && focus >= 0) {
      event.preventDefault();
      onSelection(selectAt(selection, order, focus, { toggle: true }));
    } else if (event.key === 'Enter' && focus >= 0) {
      const id = order[focus];
      if (id) onOpen(id);
    } else if (event.key === 'Escape') {
      onSelection(EMPTY_SELECTION);
    } else if ((event.key === 'Delete' || event.key === 'Backspace') && selection.ids.size > 0 && (onRemove || onTrash)) {
      event.preventDefault();
      const chosen = order.filter((id) => selection.ids.has(id));
      // In a manual album Delete takes photos out of the album; Ctrl/Cmd+Delete, and Delete elsewhere, trashes them.
      if (onRemove && !toggle) onRemove(chosen);
      else onTrash?.(chosen);
    } else if ((event.key === 'ContextMenu' || (event.shiftKey && event.key === 'F10')) && menu && focus >= 0) {
      event.preventDefault();
      const tile = scroller.current?.querySelector<HTMLElement>(`[data-index="${focus}"]`)?.getBoundingClientRect();
      openMenu(focus, tile ? tile.left + tile.width / 2 : 0, tile ? tile.top + tile.height / 2 : 0);
    }
  };

  /** The menu for the photo at `index`: with the selection when it is part of it, else alone (and then selected). */
  const openMenu = (index: number, x: number, y: number) => {
    const id = order[index];
    if (id === undefined || !menu) return;
    if (!selection.ids.has(id)) onSelection(selectAt(selection, order, index));
    setMenuAt({ x, y, ids: dragIds(selection, order, index) });
  };

  const onContextMenu = (event: MouseEvent) => {
    const index = indexOfEvent(event);
    if (index === null || !menu) return;
    event.preventDefault();
    openMenu(index, event.clientX, event.clientY);
  };

  const closeMenu = useCallback(() => {
    setMenuAt(null);
    scroller.current?.focus();
  }, []);

  /** The place a drop at this point of a tile means: before it, or after it on its right half. */
  const dropIndexOf = (event: DragEvent): number | null => {
    const tile = (event.target as HTMLElement).closest<HTMLElement>('.tile');
    if (!tile) return null;
    const box = tile.getBoundingClientRect();
    return Number(tile.dataset.index) + (event.clientX > box.left + box.width / 2 ? 1 : 0);
  };

  const onDragOver = (event: DragEvent) => {
    if (!onReorder || !event.dataTransfer.types.includes(PHOTO_DRAG_TYPE)) return;
    const at = dropIndexOf(event);
    if (at === null) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'move';
    if (at !== dropAt) setDropAt(at);
  };

  const onDrop = (event: DragEvent) => {
    const at = dropAt;
    setDropAt(null);
    const ids = readPhotoIds(event.dataTransfer.getData(PHOTO_DRAG_TYPE));
    if (!onReorder || at === null || !ids) return;
    event.preventDefault();
    const moving = new Set(ids);
    // The place among the photos that stay: those before the drop point that are not moving.
    onReorder(ids, order.slice(0, at).filter((id) => !moving.has(id)).length);
  };

  const onDragStart = (event: DragEvent) => {
    const index = indexOfEvent(event);
    if (index === null) return;
    const ids = dragIds(selection, order, index);
    event.dataTransfer.setData(PHOTO_DRAG_TYPE, JSON.stringify(ids));
    event.dataTransfer.setData('text/plain', `${ids.length} photo${ids.length === 1 ? '' : 's'}`);
    event.dataTransfer.effectAllowed = 'copyLink';
  };

  const tiles = [];
  const headers = [];
  const { padding, gap } = layout.metrics;
  for (let r = rendered.start; r < rendered.end; r++) {
    const row = layout.rows[r];
    if (!row) continue;
    if (row.kind === 'header') {
      headers.push(
        <div key={`h${row.section}`} className="grid-header" style={{ transform: `translateY(${row.top}px)`, height: row.height }}>
          {layout.sections[row.section]?.label}
        </div>,
      );
      continue;
    }
    for (let c = 0; c < row.count; c++) {
      const i = row.first + c;
      const photo = photos[i];
      if (!photo) continue;
      const left = padding + c * (layout.tileSize + gap);
      tiles.push(
        <Tile key={photo.id} photo={photo} index={i} left={left} top={row.top} size={layout.tileSize} selected={selection.ids.has(photo.id)} focused={selection.focus === i} load={!flicking} />,
      );
    }
  }
  const focusedId = selection.focus === null ? undefined : order[selection.focus];
  const stickyLabel = layout.sections[section]?.label;

  return (
    <div className="photo-grid">
      {stickyLabel !== undefined && (
        <div className="grid-sticky" ref={sticky} aria-hidden="true">
          {stickyLabel}
        </div>
      )}
      <div
        ref={scroller}
        className="grid-scroller"
        role="listbox"
        aria-label={label}
        aria-multiselectable="true"
        aria-activedescendant={focusedId ? `photo-${focusedId}` : undefined}
        tabIndex={0}
        onScroll={onScroll}
        onClick={onClick}
        onDoubleClick={onDoubleClick}
        onMouseDown={onMouseDown}
        onKeyDown={onKeyDown}
        onDragStart={onDragStart}
        onContextMenu={onContextMenu}
        onDragOver={onDragOver}
        onDragLeave={(e) => !e.currentTarget.contains(e.relatedTarget as Node | null) && setDropAt(null)}
        onDrop={onDrop}
        onDragEnd={() => setDropAt(null)}
      >
        <div className="grid-content" style={{ height: layout.height }}>
          {headers}
          {tiles}
          {dropAt !== null && <DropMarker layout={layout} index={dropAt} count={order.length} />}
          {band && <div className="grid-band" style={{ left: band.rect.left, top: band.rect.top, width: band.rect.width, height: band.rect.height }} />}
        </div>
      </div>
      {menuAt && menu && <ContextMenu x={menuAt.x} y={menuAt.y} label="Photo actions" entries={menu(menuAt.ids)} onClose={closeMenu} />}
    </div>
  );
}

/** A bar at the left edge of the tile a drop goes before (the right edge of the last one at the end). */
function DropMarker({ layout, index, count }: { layout: Parameters<typeof tileRect>[0]; index: number; count: number }) {
  const at = index < count ? tileRect(layout, index) : tileRect(layout, count - 1);
  if (!at) return null;
  const left = index < count ? at.left - GAP / 2 - 1 : at.left + at.width + GAP / 2 - 1;
  return <div className="grid-drop-marker" style={{ transform: `translate(${left}px, ${at.top}px)`, height: at.height }} />;
}
