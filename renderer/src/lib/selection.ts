// Runs in: the renderer (pure, no React). Multi-selection over an ordered list of photo
// ids, the way desktop file managers do it: a click selects one, ctrl/cmd toggles, shift
// extends from the anchor, a rubber band adds what it covers (to what was selected before
// it started when ctrl/cmd is held). Ids, not indices, are kept, so a selection survives
// the list being re-sorted or refreshed.

export interface Selection {
  ids: ReadonlySet<string>;
  /** Index the next shift-click or shift-arrow extends from. */
  anchor: number | null;
  /** Index with keyboard focus. */
  focus: number | null;
}

export const EMPTY_SELECTION: Selection = { ids: new Set(), anchor: null, focus: null };

export interface Modifiers {
  shift?: boolean;
  /** Ctrl on Windows/Linux, Cmd on macOS. */
  toggle?: boolean;
}

function range(order: readonly string[], a: number, b: number): string[] {
  const [from, to] = a <= b ? [a, b] : [b, a];
  return order.slice(Math.max(0, from), Math.min(order.length, to + 1));
}

/** A click (or a keyboard move onto `index`) with the given modifiers. */
export function selectAt(selection: Selection, order: readonly string[], index: number, mods: Modifiers = {}): Selection {
  const id = order[index];
  if (id === undefined) return selection;
  if (mods.shift && selection.anchor !== null) {
    const span = range(order, selection.anchor, index);
    const ids = mods.toggle ? new Set([...selection.ids, ...span]) : new Set(span);
    return { ids, anchor: selection.anchor, focus: index };
  }
  if (mods.toggle) {
    const ids = new Set(selection.ids);
    if (ids.has(id)) ids.delete(id);
    else ids.add(id);
    return { ids, anchor: index, focus: index };
  }
  return { ids: new Set([id]), anchor: index, focus: index };
}

/** Moves keyboard focus without changing what is selected (ctrl/cmd + arrow). */
export function focusAt(selection: Selection, order: readonly string[], index: number): Selection {
  return order[index] === undefined ? selection : { ...selection, focus: index };
}

/** The rubber band's result: `covered` indices, added to `base` (the selection when the drag began). */
export function bandSelect(base: Selection, order: readonly string[], covered: readonly number[], additive: boolean): Selection {
  const ids = new Set(additive ? base.ids : []);
  for (const index of covered) {
    const id = order[index];
    if (id !== undefined) ids.add(id);
  }
  const last = covered[covered.length - 1] ?? null;
  return { ids, anchor: covered[0] ?? base.anchor, focus: last ?? base.focus };
}

export function selectAll(order: readonly string[]): Selection {
  return { ids: new Set(order), anchor: order.length > 0 ? 0 : null, focus: order.length > 0 ? 0 : null };
}

/** Keeps only ids still in `order` and re-points anchor and focus at them. */
export function pruneSelection(selection: Selection, order: readonly string[]): Selection {
  const present = new Set(order);
  const ids = new Set([...selection.ids].filter((id) => present.has(id)));
  const within = (i: number | null) => (i !== null && i < order.length ? i : null);
  return { ids, anchor: within(selection.anchor), focus: within(selection.focus) };
}

/**
 * The same selection over a list that changed order or gained photos (a refresh while
 * indexing): anchor and focus follow their photos to their new places. When the focused
 * photo left the list (rejected from the category being viewed, removed from the album),
 * the focus stays where it was, on the photo that took its place, and a selection left
 * empty by it moves there too, as a file manager does after a delete: the user goes on from
 * where they were.
 */
export function followOrder(selection: Selection, before: readonly string[], after: readonly string[]): Selection {
  const follow = (i: number | null) => {
    const id = i === null ? undefined : before[i];
    const at = id === undefined ? -1 : after.indexOf(id);
    return at < 0 ? null : at;
  };
  const anchor = follow(selection.anchor);
  let focus = follow(selection.focus);
  if (focus === null && selection.focus !== null && after.length > 0) {
    focus = Math.min(selection.focus, after.length - 1);
    const present = new Set(after);
    if (![...selection.ids].some((id) => present.has(id))) return { ids: new Set([after[focus] as string]), anchor: focus, focus };
  }
  return anchor === selection.anchor && focus === selection.focus ? selection : { ...selection, anchor, focus };
}

/** The ids a drag carries: the selection when the dragged photo is part of it, else that photo alone. */
export function dragIds(selection: Selection, order: readonly string[], index: number): string[] {
  const id = order[index];
  if (id === undefined) return [];
  if (!selection.ids.has(id)) return [id];
  return order.filter((o) => selection.ids.has(o));
}
