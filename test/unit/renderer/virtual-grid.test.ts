// Tests the virtual grid maths: row layout of month sections, what is on screen, where a
// tile is, the sticky header, keeping the top photo in place, rubber-band hits and arrow-key moves.
import { describe, expect, it } from 'vitest';
import { columnsFor, computeLayout, indicesInRect, moveIndex, renderWindow, scrollTopFor, sectionOf, stickyHeader, tileRect, topAnchor, visibleRows, type GridSection } from '../../../renderer/src/lib/virtual-grid';

// 4 columns of 100px: width 2*10 padding + 4*100 + 3*4 gaps = 432.
const metrics = { width: 432, tileTarget: 100, gap: 4, headerHeight: 40, padding: 10 };
// Sections of 6, 4 and 9 photos: rows 2, 1 and 3.
const sections: GridSection[] = [
  { key: 'a', label: 'A', start: 0, count: 6 },
  { key: 'b', label: 'B', start: 6, count: 4 },
  { key: 'c', label: 'C', start: 10, count: 9 },
];
const layout = computeLayout(sections, metrics);
const ROW = 104;

describe('computeLayout', () => {
  it('fits whole columns and stretches tiles to fill the width', () => {
    expect(columnsFor(metrics)).toBe(4);
    expect(layout.tileSize).toBe(100);
    expect(columnsFor({ ...metrics, width: 431 })).toBe(3);
    const stretched = computeLayout(sections, { ...metrics, width: 431 });
    expect(stretched.tileSize).toBeCloseTo((431 - 20 - 8) / 3);
    expect(columnsFor({ ...metrics, width: 10 })).toBe(1);
  });

  it('lays out a header row then tile rows per section', () => {
    expect(layout.rows.map((r) => `${r.kind[0]}${r.first}:${r.count}`)).toEqual(['h0:0', 't0:4', 't4:2', 'h6:0', 't6:4', 'h10:0', 't10:4', 't14:4', 't18:1']);
    expect(layout.rows.map((r) => r.top)).toEqual([0, 40, 40 + ROW, 40 + 2 * ROW, 80 + 2 * ROW, 80 + 3 * ROW, 120 + 3 * ROW, 120 + 4 * ROW, 120 + 5 * ROW]);
    expect(layout.height).toBe(120 + 6 * ROW + 10);
    expect(layout.headerRow).toEqual([0, 3, 5]);
  });

  it('handles no photos', () => {
    const empty = computeLayout([], metrics);
    expect(empty.rows).toEqual([]);
    expect(visibleRows(empty, 0, 500)).toEqual({ start: 0, end: 0 });
    expect(stickyHeader(empty, 0)).toBeNull();
    expect(moveIndex(empty, 0, 0, 'down')).toBe(-1);
  });
});

describe('visibleRows', () => {
  it('returns the rows meeting the viewport, with overscan clamped', () => {
    expect(visibleRows(layout, 0, 100, 0)).toEqual({ start: 0, end: 2 });
    expect(visibleRows(layout, 150, 100, 0)).toEqual({ start: 2, end: 4 });
    expect(visibleRows(layout, 150, 100, 2)).toEqual({ start: 0, end: 6 });
    expect(visibleRows(layout, 10_000, 100, 1)).toEqual({ start: 7, end: 9 });
  });

  it('stays small for 100,000 photos', () => {
    const big = computeLayout([{ key: 'x', label: 'X', start: 0, count: 100_000 }], { ...metrics, width: 1600 });
    const { start, end } = visibleRows(big, 1_000_000, 900, 3);
    expect(end - start).toBeLessThanOrEqual(Math.ceil(900 / (big.tileSize + 4)) + 8);
    expect(big.rows[start]?.top).toBeLessThanOrEqual(1_000_000);
  });
});

describe('renderWindow', () => {
  it('keeps the same window while it still covers the screen', () => {
    const window = { start: 10, end: 20 };
    expect(renderWindow(window, { start: 11, end: 17 }, 2, 100)).toBe(window);
    expect(renderWindow(window, { start: 10, end: 20 }, 2, 100)).toBe(window);
  });

  it('moves ahead in the direction of travel once the screen leaves it', () => {
    const window = { start: 10, end: 20 };
    // Down: one row behind, the other three spare rows ahead.
    expect(renderWindow(window, { start: 15, end: 21 }, 2, 100)).toEqual({ start: 14, end: 24 });
    // Up: the mirror image.
    expect(renderWindow(window, { start: 9, end: 15 }, 2, 100)).toEqual({ start: 6, end: 16 });
  });

  it('shrinks when the screen gets smaller, and clamps to the rows there are', () => {
    expect(renderWindow({ start: 0, end: 40 }, { start: 0, end: 6 }, 2, 100)).toEqual({ start: 0, end: 9 });
    expect(renderWindow({ start: 90, end: 96 }, { start: 95, end: 100 }, 2, 100)).toEqual({ start: 94, end: 100 });
    expect(renderWindow({ start: 0, end: 0 }, { start: 0, end: 0 }, 2, 0)).toEqual({ start: 0, end: 0 });
  });
});

describe('tileRect and sectionOf', () => {
  it('places photos by section, row and column', () => {
    expect(sectionOf(layout, 0)).toBe(0);
    expect(sectionOf(layout, 6)).toBe(1);
    expect(sectionOf(layout, 18)).toBe(2);
    expect(tileRect(layout, 0)).toEqual({ left: 10, top: 40, width: 100, height: 100 });
    expect(tileRect(layout, 5)).toEqual({ left: 10 + 104, top: 40 + ROW, width: 100, height: 100 });
    expect(tileRect(layout, 7)).toEqual({ left: 10 + 104, top: 80 + 2 * ROW, width: 100, height: 100 });
    expect(tileRect(layout, 19)).toBeNull();
  });
});

describe('stickyHeader', () => {
  it('sticks the current section and lets the next header push it up', () => {
    expect(stickyHeader(layout, 0)).toEqual({ section: 0, offset: 0 });
    expect(stickyHeader(layout, 100)).toEqual({ section: 0, offset: 0 });
    // Next header (B) is at 248; 20px before it reaches the sticky's bottom edge it pushes.
    expect(stickyHeader(layout, 228)).toEqual({ section: 0, offset: -20 });
    expect(stickyHeader(layout, 2 * ROW + 40)).toEqual({ section: 1, offset: 0 });
  });
});

describe('topAnchor and scrollTopFor', () => {
  it('names the first photo of the top tiles row and its offset, skipping a header', () => {
    expect(topAnchor(layout, 40 + ROW + 30)).toEqual({ index: 4, offset: -30 });
    expect(topAnchor(layout, 40 + 2 * ROW + 10)).toEqual({ index: 6, offset: 30 });
    expect(topAnchor(computeLayout([], metrics), 0)).toBeNull();
  });

  it('keeps that photo in place when photos come in above it', () => {
    const at = topAnchor(layout, 80 + 2 * ROW + 50);
    expect(at).toEqual({ index: 6, offset: -50 });
    // Four more photos in the first section: a row more above, photo 6 is now photo 10.
    const grown = computeLayout([{ key: 'a', label: 'A', start: 0, count: 10 }, { key: 'b', label: 'B', start: 10, count: 4 }], metrics);
    expect(scrollTopFor(grown, 10, at?.offset ?? 0)).toBe(80 + 3 * ROW + 50);
    expect(scrollTopFor(grown, 99, 0)).toBeNull();
    expect(scrollTopFor(grown, 0, 50)).toBe(0);
  });
});

describe('indicesInRect', () => {
  it('returns the tiles a rubber band touches', () => {
    expect(indicesInRect(layout, { left: 50, top: 50, width: 100, height: 10 })).toEqual([0, 1]);
    expect(indicesInRect(layout, { left: 0, top: 0, width: 432, height: 150 })).toEqual([0, 1, 2, 3, 4, 5]);
    expect(indicesInRect(layout, { left: 300, top: 100, width: 50, height: 200 })).toEqual([2, 3, 8, 9]);
    expect(indicesInRect(layout, { left: 0, top: 0, width: 5, height: 30 })).toEqual([]);
  });
});

describe('moveIndex', () => {
  const move = (index: number, m: Parameters<typeof moveIndex>[3]) => moveIndex(layout, 19, index, m, 300);
  it('moves left and right through the whole order, clamped', () => {
    expect(move(0, 'left')).toBe(0);
    expect(move(5, 'right')).toBe(6);
    expect(move(18, 'right')).toBe(18);
    expect(move(9, 'home')).toBe(0);
    expect(move(0, 'end')).toBe(18);
  });

  it('keeps the column up and down, crossing sections', () => {
    expect(move(1, 'down')).toBe(5);
    expect(move(3, 'down')).toBe(5); // onto the shorter last row
    expect(move(5, 'down')).toBe(7); // into B, same column
    expect(move(7, 'up')).toBe(5); // back into A's last row
    expect(move(6, 'up')).toBe(4);
    expect(move(9, 'down')).toBe(13); // column 3 into C's first row
    expect(move(17, 'down')).toBe(18);
    expect(move(18, 'down')).toBe(18);
    expect(move(2, 'up')).toBe(2);
    expect(move(8, 'up')).toBe(5); // column 2 above: A's last row is short, clamp to its end
  });

  it('pages by the rows that fit the viewport', () => {
    // 300px viewport = 2 tile rows.
    expect(move(0, 'pageDown')).toBe(6);
    expect(move(14, 'pageUp')).toBe(6);
  });
});
