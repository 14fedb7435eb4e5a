// Tests the sidebar's category hierarchy (children under their parent, name order within a
// level, orphans and cycles at the top level) and the editor's parents that make no cycle.
import { describe, expect, it } from 'vitest';
import type { CategoryInfo } from '../../../main/shared/api-contract';
import { categoryTree, parentChoices, type CategoryNode } from '../../../renderer/src/lib/category-tree';

const category = (id: string, parentId: string | null = null): CategoryInfo => ({
  id,
  name: id,
  prompts: [],
  negativePrompts: [],
  threshold: null,
  colour: '#000000',
  parentId,
  calibration: null,
  learned: false,
});
/** The tree as "name>children" text, so a shape reads at a glance. */
const shape = (nodes: CategoryNode[]): string[] => nodes.map((n) => (n.children.length ? `${n.category.name}>[${shape(n.children).join(',')}]` : n.category.name));

describe('categoryTree', () => {
  it('puts children under their parent, each level in name order ignoring case', () => {
    const categories = [category('snow'), category('dogs', 'Pets'), category('Pets'), category('cats', 'Pets'), category('puppies', 'dogs'), category('beach')];
    expect(shape(categoryTree(categories))).toEqual(['beach', 'Pets>[cats,dogs>[puppies]]', 'snow']);
  });

  it('shows a category whose parent is missing at the top level', () => {
    expect(shape(categoryTree([category('b', 'gone'), category('a'), category('c', 'a')]))).toEqual(['a>[c]', 'b']);
  });

  it('shows every category once when the parents form a cycle', () => {
    const tree = categoryTree([category('b', 'a'), category('a', 'b'), category('self', 'self'), category('c')]);
    expect(shape(tree)).toEqual(['a>[b]', 'c', 'self']);
  });

  it('is empty for no categories', () => {
    expect(categoryTree([])).toEqual([]);
  });
});

describe('parentChoices', () => {
  const categories = [category('pets'), category('dogs', 'pets'), category('puppies', 'dogs'), category('beach')];
  const names = (list: CategoryInfo[]) => list.map((c) => c.name);

  it('offers every category, in name order, for a new one', () => {
    expect(names(parentChoices(categories, null))).toEqual(['beach', 'dogs', 'pets', 'puppies']);
  });

  it('leaves out the category itself and everything inside it', () => {
    expect(names(parentChoices(categories, 'pets'))).toEqual(['beach']);
    expect(names(parentChoices(categories, 'dogs'))).toEqual(['beach', 'pets']);
    expect(names(parentChoices(categories, 'puppies'))).toEqual(['beach', 'dogs', 'pets']);
  });
});
