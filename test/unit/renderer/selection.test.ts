// Tests the grid's multi-selection rules: click, ctrl/cmd toggle, shift range, rubber band,
// select all, pruning and following photos after the list changes, and what a drag carries.
import { describe, expect, it } from 'vitest';
import { bandSelect, dragIds, EMPTY_SELECTION, focusAt, followOrder, pruneSelection, selectAll, selectAt } from '../../../renderer/src/lib/selection';

const order = ['a', 'b', 'c', 'd', 'e', 'f'];
const ids = (s: { ids: ReadonlySet<string> }) => [...s.ids].sort();

describe('selectAt', () => {
  it('selects one photo on a plain click', () => {
    const s = selectAt(selectAt(EMPTY_SELECTION, order, 1), order, 3);
    expect(ids(s)).toEqual(['d']);
    expect(s).toMatchObject({ anchor: 3, focus: 3 });
  });

  it('toggles with ctrl/cmd and moves the anchor', () => {
    let s = selectAt(EMPTY_SELECTION, order, 1);
    s = selectAt(s, order, 3, { toggle: true });
    expect(ids(s)).toEqual(['b', 'd']);
    s = selectAt(s, order, 1, { toggle: true });
    expect(ids(s)).toEqual(['d']);
    expect(s.anchor).toBe(1);
  });

  it('selects a range from the anchor with shift, either direction, keeping the anchor', () => {
    let s = selectAt(EMPTY_SELECTION, order, 2);
    s = selectAt(s, order, 4, { shift: true });
    expect(ids(s)).toEqual(['c', 'd', 'e']);
    s = selectAt(s, order, 0, { shift: true });
    expect(ids(s)).toEqual(['a', 'b', 'c']);
    expect(s).toMatchObject({ anchor: 2, focus: 0 });
  });

  it('adds a range to the selection with shift+ctrl', () => {
    let s = selectAt(EMPTY_SELECTION, order, 0);
    s = selectAt(s, order, 4, { toggle: true });
    s = selectAt(s, order, 5, { shift: true, toggle: true });
    expect(ids(s)).toEqual(['a', 'e', 'f']);
  });

  it('ignores indices outside the list', () => {
    expect(selectAt(EMPTY_SELECTION, order, 9)).toBe(EMPTY_SELECTION);
    expect(focusAt(EMPTY_SELECTION, order, -1)).toBe(EMPTY_SELECTION);
  });
});

describe('focusAt, bandSelect, selectAll', () => {
  it('moves focus only', () => {
    const s = focusAt(selectAt(EMPTY_SELECTION, order, 1), order, 4);
    expect(ids(s)).toEqual(['b']);
    expect(s.focus).toBe(4);
  });

  it('replaces or adds what the band covers', () => {
    const base = selectAt(EMPTY_SELECTION, order, 0);
    expect(ids(bandSelect(base, order, [2, 3], false))).toEqual(['c', 'd']);
    expect(ids(bandSelect(base, order, [2, 3], true))).toEqual(['a', 'c', 'd']);
    expect(bandSelect(base, order, [], false).ids.size).toBe(0);
  });

  it('selects everything', () => {
    expect(ids(selectAll(order))).toEqual(order);
    expect(selectAll([])).toMatchObject({ anchor: null, focus: null });
  });
});

describe('pruneSelection', () => {
  it('drops photos that left the list and indices past its end', () => {
    const s = selectAt(selectAt(EMPTY_SELECTION, order, 1), order, 5, { toggle: true });
    const pruned = pruneSelection(s, ['a', 'b', 'c']);
    expect(ids(pruned)).toEqual(['b']);
    expect(pruned).toMatchObject({ anchor: null, focus: null });
  });
});

describe('dragIds', () => {
  it('carries the selection in list order when the dragged photo is selected, else only that photo', () => {
    let s = selectAt(EMPTY_SELECTION, order, 4);
    s = selectAt(s, order, 1, { toggle: true });
    expect(dragIds(s, order, 4)).toEqual(['b', 'e']);
    expect(dragIds(s, order, 2)).toEqual(['c']);
    expect(dragIds(s, order, 99)).toEqual([]);
  });
});

describe('followOrder', () => {
  it('moves anchor and focus with their photos when photos come in before them', () => {
    const s = selectAt(selectAt(EMPTY_SELECTION, order, 1), order, 3, { shift: true });
    const after = ['x', 'a', 'b', 'y', 'c', 'd', 'e', 'f'];
    const followed = followOrder(s, order, after);
    expect(followed).toMatchObject({ anchor: 2, focus: 5 });
    expect(followed.ids).toBe(s.ids);
  });

  it('keeps the focus where the photo that left was, on the one that took its place, and changes nothing when nothing moved', () => {
    const s = selectAt(EMPTY_SELECTION, order, 2);
    const followed = followOrder(s, order, ['a', 'b', 'd']);
    expect(followed).toMatchObject({ anchor: 2, focus: 2 });
    expect(ids(followed)).toEqual(['d']);
    // The last photo left: the one before it takes the focus.
    expect(followOrder(selectAt(EMPTY_SELECTION, order, 5), order, ['a', 'b'])).toMatchObject({ focus: 1 });
    // Other photos still selected stay the selection; only the focus moves.
    const two = selectAt(s, order, 4, { toggle: true });
    const kept = followOrder(two, order, ['a', 'b', 'c', 'd', 'f']);
    expect(kept.focus).toBe(4);
    expect(kept.ids).toBe(two.ids);
    expect(followOrder(s, order, [...order])).toBe(s);
    expect(followOrder(s, order, [])).toMatchObject({ focus: null });
  });
});
