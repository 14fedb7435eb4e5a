// Runs in: the renderer. The user's categories for the sidebar, the editor and the tag
// buttons, and the calls that change them or a photo's tags, each told with its Undo.
// Deleting a category asks first.
import type { CategoryInfo, StarterCategoryInfo } from '../../../main/shared/api-contract';
import { api } from '../lib/api';
import { formatCount } from '../lib/format';
import { createStore } from '../lib/store';
import { confirmFirst } from './confirm-store';
import { notifyEdit } from './history-store';
import { notify, succeeded, valueOrNotify } from './notices';

export const categoriesStore = createStore<CategoryInfo[]>([]);
/** Bumped whenever tags may have changed, so views that show tags reload them. */
export const tagsVersion = createStore(0);

/** Views that show tags reload them. */
function tagsChanged(): void {
  tagsVersion.set((v) => v + 1);
}

/** A category changed in main (learning applied, a suggestion kept): the sidebar and every view of tags follow. */
export async function categoryChanged(): Promise<void> {
  await reloadCategories();
  tagsChanged();
}

export async function reloadCategories(): Promise<void> {
  const categories = valueOrNotify(await api.categories.list(), 'list the categories');
  if (categories) categoriesStore.set(categories);
}

export interface CategoryDraft {
  name: string;
  prompts: string[];
  negativePrompts: string[];
  threshold: number | null;
  colour?: string;
  /** The category it is inside; null for the top level. */
  parentId: string | null;
}

export async function saveCategory(id: string | null, draft: CategoryDraft): Promise<CategoryInfo | null> {
  const { name, ...rest } = draft;
  const saved =
    id === null
      ? valueOrNotify(await api.categories.add({ name, ...rest }), `create ${name}`)
      : valueOrNotify(await api.categories.update(id, rest), `save ${name}`);
  if (saved) notifyEdit(id === null ? `Created the category “${name}”.` : `Saved “${name}”.`);
  await categoryChanged();
  return saved;
}

export async function listStarters(): Promise<StarterCategoryInfo[]> {
  return valueOrNotify(await api.categories.starters(), 'list the starter categories') ?? [];
}

/** Switches on starter categories by name; each is an ordinary category afterwards. */
export async function enableStarters(names: string[]): Promise<void> {
  const added = valueOrNotify(await api.categories.enableStarters(names), 'add the starter categories');
  if (added) notifyEdit(added.length === 1 ? `Added the category ${added[0]?.name ?? ''}.` : `Added ${added.length} categories.`);
  await categoryChanged();
}

/** Deletes a category once the user says so; its photos stay, and Undo brings it back with its corrections. */
export async function removeCategory(category: CategoryInfo): Promise<boolean> {
  const tagged = category.calibration ? `the ${formatCount(category.calibration.tagged, 'photo')} it tags stay in your library` : 'its photos stay in your library';
  const asked = { title: `Delete category “${category.name}”?`, message: `The category and your corrections on it go; ${tagged}. You can undo this.`, confirm: 'Delete category' };
  if (!(await confirmFirst(asked))) return false;
  const removed = succeeded(await api.categories.remove(category.id), 'remove the category');
  if (removed) notifyEdit(`Deleted the category “${category.name}”.`);
  await categoryChanged();
  return removed;
}

/**
 * Accepts or rejects a category on photos (drag-and-drop tagging, the tag buttons): those
 * photos change, no other. Near-identical photos whose tag says otherwise are offered, not changed.
 */
export async function decideTag(photoIds: string[], category: CategoryInfo, decision: 'accepted' | 'rejected' | null): Promise<void> {
  const result = valueOrNotify(await api.tags.decide(photoIds, category.id, decision), `tag with ${category.name}`);
  if (result && decision !== null) {
    notifyEdit(`${decision === 'rejected' ? 'Removed' : 'Tagged'} ${formatCount(photoIds.length, 'photo')} ${decision === 'rejected' ? 'from' : 'as'} ${category.name}.`);
    void offerLookAlikes(photoIds, category, decision);
  }
  await categoryChanged();
}

/** After a correction: near-identical photos it left as they were, offered to correct the same way. */
async function offerLookAlikes(photoIds: string[], category: CategoryInfo, decision: 'accepted' | 'rejected'): Promise<void> {
  const found = await api.tags.lookAlikes(photoIds, category.id, decision);
  // Only an offer: when it cannot be worked out, the correction itself still stands and was said.
  if (!found.ok || found.value.length === 0) return;
  const near = found.value;
  const still = decision === 'rejected' ? `still tagged ${category.name}` : `not tagged ${category.name} yet`;
  notify(`${formatCount(near.length, 'near-identical photo')} ${near.length === 1 ? 'is' : 'are'} ${still}.`, 'info', [
    { label: decision === 'rejected' ? 'Remove those too' : 'Tag those too', run: () => void decideTag(near, category, decision) },
  ]);
}

