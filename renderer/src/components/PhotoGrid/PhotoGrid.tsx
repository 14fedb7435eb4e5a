// Runs in: the renderer. The virtualised photo grid: only the rows on screen (plus a few)
// are in the DOM, so 100,000 photos scroll like 100. Month headers stick to the top; click,
// shift, ctrl/cmd, rubber band and the keyboard select; photos drag out to the sidebar.
// All the geometry comes from lib/virtual-grid.ts; this file only renders and listens.
import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type DragEvent, type KeyboardEvent, type MouseEvent } from 'react';
import type { PhotoInfo } from '../../../../main/shared/api-contract';
import { photoUrl } from '../../lib/api';
import { fileName, formatTakenAt } from '../../lib/format';
import { bandSelect, dragIds, focusAt, selectAll, selectAt, EMPTY_SELECTION, type Selection } from '../../lib/selection';
import { computeLayout, indicesInRect, moveIndex, stickyHeader, tileRect, visibleRows, type GridSection, type Move, type Rect } from '../../lib/virtual-grid';
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
  label: string;
}

const GAP = 4;
const HEADER = 40;
const PADDING = 12;

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

/** Plain-number props so memo skips tiles that did not move or change state while scrolling. */
const Tile = memo(function Tile(props: { photo: PhotoInfo; index: number; selected: boolean; focused: boolean; left: number; top: number; size: number }) {
  const { photo, index, selected, focused, left, top, size } = props;
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
      <img src={photoUrl('thumb', photo.id)} alt="" decoding="async" draggable={false} />
    </div>
  );
});

export function PhotoGrid(props: PhotoGridProps) {
  const { photos, sections, tileTarget, selection, onSelection, onOpen, label } = props;
  const scroller = useRef<HTMLDivElement>(null);
  const sticky = useRef<HTMLDivElement>(null);
  const size = useElementSize(scroller);
  const [range, setRange] = useState({ start: 0, end: 0, section: 0 });
  const [band, setBand] = useState<Band | null>(null);
  const order = useMemo(() => photos.map((p) => p.id), [photos]);

  const layout = useMemo(
    () => computeLayout(sections, { width: size.width, tileTarget, gap: GAP, headerHeight: HEADER, padding: PADDING }),
    [sections, size.width, tileTarget],
  );

  const onScroll = useCallback(() => {
    const element = scroller.current;
    if (!element) return;
    const { start, end } = visibleRows(layout, element.scrollTop, element.clientHeight, 3);
    const header = stickyHeader(layout, element.scrollTop);
    if (sticky.current) sticky.current.style.transform = `translateY(${header?.offset ?? 0}px)`;
    const section = header?.section ?? 0;
    setRange((r) => (r.start === start && r.end === end && r.section === section ? r : { start, end, section }));
  }, [layout]);

  useLayoutEffect(onScroll, [onScroll, size.height]);

  // A new view starts at the top.
  useEffect(() => {
    scroller.current?.scrollTo({ top: 0 });
  }, [sections]);

  const scrollToIndex = (index: number) => {
    const element = scroller.current;
    const rect = tileRect(layout, index);
    if (!element || !rect) return;
    if (rect.top - HEADER < element.scrollTop) element.scrollTop = rect.top - HEADER;
    else if (rect.top + rect.height > element.scrollTop + element.clientHeight) element.scrollTop = rect.top + rect.height - element.clientHeight + PADDING;
  };

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
  for (let r = range.start; r < range.end; r++) {
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
    for (let i = row.first; i < row.first + row.count; i++) {
      const photo = photos[i];
      const rect = tileRect(layout, i);
      if (photo && rect) {
        tiles.push(<Tile key={photo.id} photo={photo} index={i} left={rect.left} top={rect.top} size={rect.width} selected={selection.ids.has(photo.id)} focused={selection.focus === i} />);
      }
    }
  }
  const focusedId = selection.focus === null ? undefined : order[selection.focus];
  const stickyLabel = layout.sections[range.section]?.label;

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
