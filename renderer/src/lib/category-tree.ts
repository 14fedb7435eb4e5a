// Runs in: the renderer. The category hierarchy as the sidebar lists it and the editor's
// choice of parents, from the flat list the backend sends. Pure, so it is unit-tested.
import type { CategoryInfo } from '../../../main/shared/api-contract';

export interface CategoryNode {
  category: CategoryInfo;
  children: CategoryNode[];
}

const byName = (a: CategoryInfo, b: CategoryInfo) => a.name.localeCompare(b.name, undefined, { sensitivity: 'base' });

/**
 * Children under their parent, each level in name order. A category whose parent is gone
 * shows at the top level rather than vanishing. A cycle (only a hand-edited catalog can hold
 * one; the backend refuses to make one) is broken at its first name, so every category
 * shows exactly once.
 */
export function categoryTree(categories: readonly CategoryInfo[]): CategoryNode[] {
  const ids = new Set(categories.map((c) => c.id));
  const childrenOf = new Map<string, CategoryInfo[]>();
  for (const category of categories) {
    if (category.parentId === null || category.parentId === category.id || !ids.has(category.parentId)) continue;
    childrenOf.set(category.parentId, [...(childrenOf.get(category.parentId) ?? []), category]);
  }
  const placed = new Set<string>();
  const build = (category: CategoryInfo): CategoryNode => {
    placed.add(category.id);
    const children = [...(childrenOf.get(category.id) ?? [])].filter((c) => !placed.has(c.id)).sort(byName);
    return { category, children: children.map(build) };
  };
  const sorted = [...categories].sort(byName);
  const isRoot = (c: CategoryInfo) => c.parentId === null || c.parentId === c.id || !ids.has(c.parentId);
  const roots = sorted.filter(isRoot).map(build);
  for (const category of sorted) if (!placed.has(category.id)) roots.push(build(category));
  return roots.sort((a, b) => byName(a.category, b.category));
}

/**
 * The categories that can hold the given one (null: a new category), in name order: all
 * but itself and those inside it, which would make a cycle.
 */
export function parentChoices(categories: readonly CategoryInfo[], categoryId: string | null): CategoryInfo[] {
  const inside = new Set<string>();
  const collect = (node: CategoryNode) => {
    inside.add(node.category.id);
    node.children.forEach(collect);
  };
  const find = (nodes: CategoryNode[]): CategoryNode | undefined => {
    for (const node of nodes) {
      if (node.category.id === categoryId) return node;
      const found = find(node.children);
      if (found) return found;
    }
    return undefined;
  };
  const own = categoryId === null ? undefined : find(categoryTree(categories));
  if (own) collect(own);
  return categories.filter((c) => !inside.has(c.id)).sort(byName);
}
