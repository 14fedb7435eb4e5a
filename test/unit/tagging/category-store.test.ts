// Unit tests for a category's parent: set when it is added or updated (by name or id), moved
// to the top level with null, left alone when the patch names none, written into the
// hierarchical name, and refused when it would put a category inside itself.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Catalog } from '../../../main/library/catalog';
import { addCategory, hierarchicalName, updateCategory } from '../../../main/tagging/category-store';

let dir: string;
let catalog: Catalog;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'clipfolio-categories-'));
  catalog = Catalog.open(join(dir, 'catalog.sqlite'));
});
afterEach(async () => {
  catalog.close();
  await rm(dir, { recursive: true, force: true });
});

describe('updateCategory parent', () => {
  it('sets, keeps and clears the parent, and the hierarchical name follows', () => {
    const pets = addCategory(catalog, { name: 'Pets' });
    const dogs = addCategory(catalog, { name: 'Dogs' });
    expect(updateCategory(catalog, dogs.id, { parent: 'pets' }).parentId).toBe(pets.id);
    const kept = updateCategory(catalog, dogs.id, { prompts: ['a dog'] });
    expect(kept.parentId).toBe(pets.id);
    expect(hierarchicalName(catalog, kept)).toBe('Pets|Dogs');
    const top = updateCategory(catalog, dogs.id, { parent: null });
    expect(top.parentId).toBeNull();
    expect(hierarchicalName(catalog, top)).toBe('Dogs');
    expect(updateCategory(catalog, dogs.id, { parent: pets.id }).parentId).toBe(pets.id);
  });

  it('refuses a parent that is the category itself or inside it, and changes nothing', () => {
    const pets = addCategory(catalog, { name: 'Pets' });
    const dogs = addCategory(catalog, { name: 'Dogs', parent: 'Pets' });
    const puppies = addCategory(catalog, { name: 'Puppies', parent: 'Dogs' });
    expect(() => updateCategory(catalog, pets.id, { parent: pets.id })).toThrow(/cannot be inside itself/);
    expect(() => updateCategory(catalog, pets.id, { parent: 'Puppies', colour: '#000000' })).toThrow(/"Puppies" is inside this category/);
    expect(catalog.table('categories').find((c) => c.id === pets.id)).toEqual(pets);
    expect(hierarchicalName(catalog, puppies)).toBe('Pets|Dogs|Puppies');
    // Sideways is fine: Puppies moves up beside Dogs.
    expect(updateCategory(catalog, puppies.id, { parent: 'Pets' }).parentId).toBe(pets.id);
    expect(dogs.parentId).toBe(pets.id);
  });

  it('refuses a parent that does not exist', () => {
    const dogs = addCategory(catalog, { name: 'Dogs' });
    expect(() => updateCategory(catalog, dogs.id, { parent: 'nope' })).toThrow(/no category named/);
  });
});
