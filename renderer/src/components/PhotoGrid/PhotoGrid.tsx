// Runs in: the renderer. The virtualised photo grid: only the rows on screen (plus a few)
// are in the DOM, so 100,000 photos scroll like 100. Month headers stick to the top; click,
// shift, ctrl/cmd, rubber band and the keyboard select; photos drag out to the sidebar.
// All the geometry comes from lib/virtual-grid.ts; this file only renders and listens.
// Scrolling is kept cheap: the rendered rows change only when the screen leaves them, tiles
// are memoised on plain props, and thumbnails wait while the grid is flicked (flick.ts).
// When the photos change under the same view (a refresh while indexing, a zoom, a filter),
// the photo at the top of the screen stays put; a new view (a new label) starts at the top.
// Either way the selection's anchor and focus follow their photos.
import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type DragEvent, type KeyboardEvent, type MouseEvent } from 'react';
import type { PhotoInfo } from '../../../../main/shared/api-contract';
import { photoUrl } from '../../lib/api';
import { fileName, formatTakenAt } from '../../lib/format';
import { bandSelect, dragIds, focusAt, followOrder, selectAll, selectAt, EMPTY_SELECTION, type Selection } from '../../lib/selection';
import { computeLayout, indicesInRect, moveIndex, renderWindow, scrollTopFor, stickyHeader, tileRect, topAnchor, visibleRows, type GridSection, type Move, type Rect, type RowRange } from '../../lib/virtual-grid';
import { isFlick, SETTLE_MS } from './flick';
import { useElementSize } from '../../hooks/use-element-size';
import { PHOTO_DRAG_TYPE } from '../../lib/drag-data';
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
  return (
    <div
      role="option"
      id={`photo-${photo.id}`}
      aria-selected={selected}
      aria-label={`${fileName(photo.path)}, ${formatTakenAt(photo.takenAt)}`}
      data-index={index}
      data-photo-id={photo.id}
      className={`tile${selected ? ' selected' : ''}${focused ? ' focused' : ''}`}
      style={{ transform: `translate(${left}px, ${top}px)`, width: size, height: size }}
      draggable
    >
      {shown && <img src={photoUrl('thumb', photo.id)} alt="" decoding="async" draggable={false} />}
    </div>
  );
});

export function PhotoGrid(props: PhotoGridProps) {
  const { photos, sections, tileTarget, selection, onSelection, onOpen, label } = props;
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
    if (move) {
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
    }
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
      >
        <div className="grid-content" style={{ height: layout.height }}>
          {headers}
          {tiles}
          {band && <div className="grid-band" style={{ left: band.rect.left, top: band.rect.top, width: band.rect.width, height: band.rect.height }} />}
        </div>
      </div>
    </div>
  );
}
