// Runs in: the main process. Categories and the user's tag decisions as catalog rows: the
// only writer of those two tables, so names stay unique, removing a category takes its
// decisions and child links with it, and a photo has at most one decision per category.
// Each user action is one catalog edit, undoable, labelled in the user's words.
import type { Catalog } from '../library/catalog';
import type { CategoryCalibration, CategoryRecord, LearnedQuery, TagDecisionRecord } from '../library/catalog-schema';
import { newId } from '../library/photo-id';
import { ClipfolioError } from '../shared/errors';
import { STARTER_CATEGORIES } from './starter-categories';

const PALETTE = ['#e6194b', '#3cb44b', '#4363d8', '#f58231', '#911eb4', '#46f0f0', '#f032e6', '#bcf60c', '#008080', '#9a6324'];

export interface CategoryInput {
  name: string;
  prompts?: readonly string[];
  negativePrompts?: readonly string[];
  threshold?: number | null;
  colour?: string;
  /** Name or id of the parent category. */
  parent?: string | null;
}

export function listCategories(catalog: Catalog): readonly CategoryRecord[] {
  return catalog.table('categories');
}

/** By id, or by name ignoring case. */
export function findCategory(catalog: Catalog, nameOrId: string): CategoryRecord {
  const key = nameOrId.trim().toLowerCase();
  const found = catalog.table('categories').find((c) => c.id === nameOrId || c.name.toLowerCase() === key);
  if (!found) throw new ClipfolioError('NOT_FOUND', `no category named ${JSON.stringify(nameOrId)}`);
  return found;
}

export function addCategory(catalog: Catalog, input: CategoryInput): CategoryRecord {
  const name = input.name.trim();
  if (name.length === 0) throw new ClipfolioError('INVALID_ARGUMENT', 'a category needs a name');
  if (name.includes('|')) throw new ClipfolioError('INVALID_ARGUMENT', "'|' separates levels of hierarchical keywords and cannot be in a name");
  const existing = catalog.table('categories');
  if (existing.some((c) => c.name.toLowerCase() === name.toLowerCase())) {
    throw new ClipfolioError('INVALID_ARGUMENT', `a category named ${JSON.stringify(name)} already exists`);
  }
  checkThreshold(input.threshold);
  const now = new Date().toISOString();
  const category: CategoryRecord = {
    id: newId(),
    name,
    prompts: [...(input.prompts ?? [])],
    negativePrompts: [...(input.negativePrompts ?? [])],
    threshold: input.threshold ?? null,
    colour: input.colour ?? PALETTE[existing.length % PALETTE.length] ?? '#888888',
    parentId: input.parent ? findCategory(catalog, input.parent).id : null,
    calibration: null,
    learned: null,
    keptSuggestion: null,
    createdAt: now,
    updatedAt: now,
  };
  catalog.edit(`Create category “${name}”`, () => catalog.updateTable('categories', (rows) => [...rows, category]));
  return category;
}

/**
 * Changes prompts, negatives, threshold, colour or parent (name or id; null moves it to the
 * top level); the next re-tag uses them. A parent inside the category itself is refused:
 * the hierarchy would have no top, and hierarchical keywords could not be written. New
 * words drop applied learning: it moved the old words' query, and learning from the same
 * corrections is suggested again for the new one.
 */
export function updateCategory(
  catalog: Catalog,
  id: string,
  patch: Partial<Pick<CategoryRecord, 'prompts' | 'negativePrompts' | 'threshold' | 'colour'>> & { parent?: string | null },
): CategoryRecord {
  const { parent, ...fields } = patch;
  checkThreshold(fields.threshold);
  const parentId = parent === undefined || parent === null ? parent : checkedParent(catalog, id, findCategory(catalog, parent)).id;
  return replaceCategory(catalog, id, 'Edit category', (c) => ({
    ...c,
    ...fields,
    parentId: parentId === undefined ? c.parentId : parentId,
    learned: fields.prompts === undefined || sameList(fields.prompts, c.prompts) ? c.learned : null,
    updatedAt: new Date().toISOString(),
  }));
}

function checkedParent(catalog: Catalog, id: string, parent: CategoryRecord): CategoryRecord {
  if (parent.id === id) throw new ClipfolioError('INVALID_ARGUMENT', 'a category cannot be inside itself');
  if (ancestors(catalog, parent).some((a) => a.id === id)) {
    throw new ClipfolioError('INVALID_ARGUMENT', `${JSON.stringify(parent.name)} is inside this category, so it cannot be its parent`);
  }
  return parent;
}

/** Applies learning the user chose (learning-suggestion.ts): the moved query, the new cut, or both. */
export function applyLearned(catalog: Catalog, id: string, change: { learned?: LearnedQuery; threshold?: number }): CategoryRecord {
  checkThreshold(change.threshold);
  return replaceCategory(catalog, id, 'Learn from corrections for', (c) => ({ ...c, ...change, keptSuggestion: null, updatedAt: new Date().toISOString() }));
}

/** Remembers that the user kept the category as it is rather than take the suggestion `key`. */
export function keepWithoutSuggestion(catalog: Catalog, id: string, key: string): CategoryRecord {
  return replaceCategory(catalog, id, 'Keep as it is:', (c) => ({ ...c, keptSuggestion: key }));
}

/** Stores the state of the last re-tag: a machine write, neither an edit to undo nor a change of updatedAt. */
export function recordCalibration(catalog: Catalog, id: string, calibration: CategoryCalibration): void {
  replaceCategory(catalog, id, null, (c) => ({ ...c, calibration }));
}

/** `label`: the edit's words before the category's name; null for a machine write. */
function replaceCategory(catalog: Catalog, id: string, label: string | null, change: (c: CategoryRecord) => CategoryRecord): CategoryRecord {
  let updated: CategoryRecord | undefined;
  const write = () =>
    catalog.updateTable('categories', (rows) =>
      rows.map((c) => {
        if (c.id !== id) return c;
        updated = change(c);
        return updated;
      }),
    );
  const name = catalog.table('categories').find((c) => c.id === id)?.name;
  if (name === undefined) throw new ClipfolioError('NOT_FOUND', `no category with id ${id}`);
  if (label === null) catalog.batch(write);
  else catalog.edit(`${label} “${name}”`, write);
  return updated as CategoryRecord;
}

/** Removes a category with its decisions; its children move up to its parent. */
export function removeCategory(catalog: Catalog, nameOrId: string): CategoryRecord {
  const category = findCategory(catalog, nameOrId);
  catalog.edit(`Delete category “${category.name}”`, () => {
    catalog.updateTable('categories', (rows) =>
      rows.filter((c) => c.id !== category.id).map((c) => (c.parentId === category.id ? { ...c, parentId: category.parentId } : c)),
    );
    catalog.clearCategoryDecisions(category.id);
  });
  return category;
}

/** Adds the named starter categories (all when none are named) that are not there yet. */
export function enableStarterCategories(catalog: Catalog, names?: readonly string[]): CategoryRecord[] {
  const wanted = names ? STARTER_CATEGORIES.filter((s) => names.includes(s.name)) : STARTER_CATEGORIES;
  const added: CategoryRecord[] = [];
  catalog.edit(wanted.length === 1 ? `Add the starter category “${wanted[0]?.name ?? ''}”` : 'Add starter categories', () => {
    // Parents first, so children can name them.
    for (const starter of [...wanted].sort((a, b) => Number(a.parent !== undefined) - Number(b.parent !== undefined))) {
      if (catalog.table('categories').some((c) => c.name.toLowerCase() === starter.name)) continue;
      const parentExists = starter.parent !== undefined && catalog.table('categories').some((c) => c.name === starter.parent);
      added.push(addCategory(catalog, { ...starter, parent: parentExists ? starter.parent : null }));
    }
  });
  return added;
}

/** Records the user's accept or reject of a category on photos (null clears it), as one edit. */
export function decideTag(catalog: Catalog, photoIds: readonly string[], categoryId: string, decision: TagDecisionRecord['decision'] | null): void {
  for (const id of photoIds) if (!catalog.getPhoto(id)) throw new ClipfolioError('NOT_FOUND', `no photo with id ${id}`);
  const name = catalog.table('categories').find((c) => c.id === categoryId)?.name ?? categoryId;
  const photos = photoIds.length === 1 ? '1 photo' : `${new Set(photoIds).size} photos`;
  const label = decision === 'accepted' ? `Tag ${photos} as “${name}”` : decision === 'rejected' ? `Reject “${name}” on ${photos}` : `Forget the “${name}” decision on ${photos}`;
  catalog.edit(label, () => catalog.setDecisions(photoIds, categoryId, decision));
}

/** "Parent|Child" as Lightroom's hierarchical keywords write it. */
export function hierarchicalName(catalog: Catalog, category: CategoryRecord): string {
  return [...ancestors(catalog, category).map((a) => a.name).reverse(), category.name].join('|');
}

/**
 * Parent, grandparent and so on, nearest first. Stops at a missing parent or one already
 * seen: a catalog edited by hand may hold a cycle, and it must not hang the walk.
 */
function ancestors(catalog: Catalog, category: CategoryRecord): CategoryRecord[] {
  const byId = new Map(catalog.table('categories').map((c) => [c.id, c]));
  const found: CategoryRecord[] = [];
  const seen = new Set([category.id]);
  for (let parent = category.parentId; parent !== null && !seen.has(parent); ) {
    seen.add(parent);
    const record = byId.get(parent);
    if (!record) break;
    found.push(record);
    parent = record.parentId;
  }
  return found;
}

/** Two prompt lists say the same, in the same order. */
export function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function checkThreshold(threshold: number | null | undefined): void {
  if (threshold !== undefined && threshold !== null && !Number.isFinite(threshold)) {
    throw new ClipfolioError('INVALID_ARGUMENT', 'a threshold must be a finite number');
  }
}
