// Runs in: the renderer (pure, no React). The maths of the virtualised photo grid: photos in
// month sections, each a header row then rows of square tiles. Everything the grid needs
// (which rows are on screen, where a tile is, which header sticks, which tiles a rubber band
// covers, where arrow keys go) is computed here from the layout, so it is unit-tested and
// the component only renders what this says.

export interface GridSection {
  key: string;
  label: string;
  /** Index of the section's first photo in the whole ordered list. */
  start: number;
  count: number;
}

export interface GridMetrics {
  /** Inner width of the scroll container in CSS pixels. */
  width: number;
  /** Wanted tile edge; the real edge stretches so columns fill the width. */
  tileTarget: number;
  gap: number;
  headerHeight: number;
  /** Left, right and bottom padding; the first header sits at the very top, where the sticky one is. */
  padding: number;
}

export interface GridRow {
  kind: 'header' | 'tiles';
  section: number;
  top: number;
  height: number;
  /** First photo index of a tiles row (the section's start for a header). */
  first: number;
  /** Photos in a tiles row (0 for a header). */
  count: number;
}

export interface GridLayout {
  columns: number;
  tileSize: number;
  rows: GridRow[];
  height: number;
  metrics: GridMetrics;
  sections: readonly GridSection[];
  /** Row index of each section's header. */
  headerRow: number[];
}

export interface Rect {
  left: number;
  top: number;
  width: number;
  height: number;
}

export function columnsFor(metrics: GridMetrics): number {
  const inner = metrics.width - 2 * metrics.padding;
  return Math.max(1, Math.floor((inner + metrics.gap) / (metrics.tileTarget + metrics.gap)));
}

export function computeLayout(sections: readonly GridSection[], metrics: GridMetrics): GridLayout {
  const columns = columnsFor(metrics);
  const inner = Math.max(0, metrics.width - 2 * metrics.padding);
  const tileSize = Math.max(1, (inner - metrics.gap * (columns - 1)) / columns);
  const rows: GridRow[] = [];
  const headerRow: number[] = [];
  let top = 0;
  sections.forEach((section, s) => {
    headerRow.push(rows.length);
    rows.push({ kind: 'header', section: s, top, height: metrics.headerHeight, first: section.start, count: 0 });
    top += metrics.headerHeight;
    for (let offset = 0; offset < section.count; offset += columns) {
      const count = Math.min(columns, section.count - offset);
      rows.push({ kind: 'tiles', section: s, top, height: tileSize + metrics.gap, first: section.start + offset, count });
      top += tileSize + metrics.gap;
    }
  });
  return { columns, tileSize, rows, height: top + metrics.padding, metrics, sections, headerRow };
}

/** Index of the last row whose top is at or above y (0 when y is above everything). */
function rowAt(layout: GridLayout, y: number): number {
  let lo = 0;
  let hi = layout.rows.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((layout.rows[mid]?.top ?? 0) <= y) lo = mid;
    else hi = mid - 1;
  }
  return Math.max(0, lo);
}

/** Rows [start, end) that meet the viewport, widened by `overscan` rows each side. */
export function visibleRows(layout: GridLayout, scrollTop: number, viewportHeight: number, overscan = 2): { start: number; end: number } {
  if (layout.rows.length === 0) return { start: 0, end: 0 };
  const first = rowAt(layout, scrollTop);
  const last = rowAt(layout, scrollTop + viewportHeight);
  return { start: Math.max(0, first - overscan), end: Math.min(layout.rows.length, last + 1 + overscan) };
}

export interface RowRange {
  start: number;
  end: number;
}

/**
 * The rows to keep in the DOM given the rows on screen. The previous window is kept, the same
 * object, while it still covers the screen and is no bigger than it needs to be, so most
 * scroll steps change nothing and React renders nothing. When the screen leaves it, the new
 * window keeps one row behind and puts the rest of its 2 x `overscan` spare rows ahead in the
 * direction of travel, where the next rows will come from.
 */
export function renderWindow(previous: RowRange, visible: RowRange, overscan: number, rowCount: number): RowRange {
  const spare = 2 * overscan;
  const covers = previous.start <= visible.start && visible.end <= previous.end;
  if (covers && previous.end - previous.start <= visible.end - visible.start + spare) return previous;
  const behind = Math.min(1, spare);
  const down = visible.start >= previous.start;
  const start = down ? visible.start - behind : visible.start - (spare - behind);
  const end = down ? visible.end + (spare - behind) : visible.end + behind;
  return { start: Math.max(0, start), end: Math.min(rowCount, end) };
}

/**
 * What is at the top of the screen, to keep it there when the layout changes under it (photos
 * coming in while a library indexes, a zoom): the first photo of the first tiles row that
 * reaches the screen, and how far below the screen's top that row starts (negative: above).
 */
export function topAnchor(layout: GridLayout, scrollTop: number): { index: number; offset: number } | null {
  for (let r = rowAt(layout, scrollTop); r < layout.rows.length; r++) {
    const row = layout.rows[r];
    if (row?.kind === 'tiles') return { index: row.first, offset: row.top - scrollTop };
  }
  return null;
}

/** The scrollTop that puts photo `index`'s row `offset` below the screen's top, or null when it is not in the layout. */
export function scrollTopFor(layout: GridLayout, index: number, offset: number): number | null {
  const rect = tileRect(layout, index);
  return rect ? Math.max(0, rect.top - offset) : null;
}

/** Section holding photo `index` (binary search over section starts). */
export function sectionOf(layout: GridLayout, index: number): number {
  let lo = 0;
  let hi = layout.sections.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((layout.sections[mid]?.start ?? 0) <= index) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Where photo `index` sits in content coordinates, or null when it is not in the layout. */
export function tileRect(layout: GridLayout, index: number): Rect | null {
  const s = sectionOf(layout, index);
  const section = layout.sections[s];
  if (!section || index < section.start || index >= section.start + section.count) return null;
  const offset = index - section.start;
  const row = layout.rows[(layout.headerRow[s] ?? 0) + 1 + Math.floor(offset / layout.columns)];
  if (!row) return null;
  const column = offset % layout.columns;
  const { padding, gap } = layout.metrics;
  return { left: padding + column * (layout.tileSize + gap), top: row.top, width: layout.tileSize, height: layout.tileSize };
}

/**
 * The header that sticks to the top at this scroll position, and how far up the next
 * section's header pushes it (0 or negative), like a photo app's month headers.
 */
export function stickyHeader(layout: GridLayout, scrollTop: number): { section: number; offset: number } | null {
  if (layout.sections.length === 0) return null;
  const section = layout.rows[rowAt(layout, scrollTop)]?.section ?? 0;
  const next = layout.rows[layout.headerRow[section + 1] ?? -1];
  const offset = next ? Math.min(0, next.top - scrollTop - layout.metrics.headerHeight) : 0;
  return { section, offset };
}

/** Photo indices whose tiles intersect `rect` (content coordinates), in order. */
export function indicesInRect(layout: GridLayout, rect: Rect): number[] {
  const out: number[] = [];
  const { start, end } = visibleRows(layout, rect.top, rect.height, 0);
  const { padding, gap } = layout.metrics;
  for (let r = start; r < end; r++) {
    const row = layout.rows[r];
    if (!row || row.kind !== 'tiles') continue;
    if (row.top + layout.tileSize < rect.top || row.top > rect.top + rect.height) continue;
    for (let c = 0; c < row.count; c++) {
      const left = padding + c * (layout.tileSize + gap);
      if (left + layout.tileSize >= rect.left && left <= rect.left + rect.width) out.push(row.first + c);
    }
  }
  return out;
}

export type Move = 'left' | 'right' | 'up' | 'down' | 'home' | 'end' | 'pageUp' | 'pageDown';

/**
 * Where the focus goes from photo `index` for a key. Up and down keep the column, crossing
 * into the neighbouring section's nearest row (clamped to its length), as Photos does.
 */
export function moveIndex(layout: GridLayout, total: number, index: number, move: Move, viewportHeight = 0): number {
  if (total === 0) return -1;
  const clamp = (i: number) => Math.max(0, Math.min(total - 1, i));
  switch (move) {
    case 'left':
      return clamp(index - 1);
    case 'right':
      return clamp(index + 1);
    case 'home':
      return 0;
    case 'end':
      return total - 1;
    case 'up':
    case 'down':
      return verticalNeighbour(layout, clamp(index), move === 'up' ? -1 : 1);
    case 'pageUp':
    case 'pageDown': {
      const rows = Math.max(1, Math.floor(viewportHeight / (layout.tileSize + layout.metrics.gap)));
      let at = clamp(index);
      for (let i = 0; i < rows; i++) at = verticalNeighbour(layout, at, move === 'pageUp' ? -1 : 1);
      return at;
    }
  }
}

function verticalNeighbour(layout: GridLayout, index: number, direction: -1 | 1): number {
  const s = sectionOf(layout, index);
  const section = layout.sections[s];
  if (!section) return index;
  const offset = index - section.start;
  const column = offset % layout.columns;
  const target = offset + direction * layout.columns;
  if (target >= 0 && target < section.count) return section.start + target;
  // Down from above a shorter last row lands on the section's last photo.
  const row = Math.floor(offset / layout.columns);
  if (direction === 1 && row < Math.floor((section.count - 1) / layout.columns)) return section.start + section.count - 1;
  // Past the section's edge: the same column in the neighbouring section's nearest row.
  const neighbour = layout.sections[s + direction];
  if (!neighbour) return index;
  if (direction === 1) return neighbour.start + Math.min(column, neighbour.count - 1);
  const lastRowStart = Math.floor((neighbour.count - 1) / layout.columns) * layout.columns;
  return neighbour.start + Math.min(lastRowStart + column, neighbour.count - 1);
}
