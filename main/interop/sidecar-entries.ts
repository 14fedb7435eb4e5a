// Runs in: the main process. What goes into each photo's XMP sidecar: its categories (auto
// or accepted, never rejected) and its keywords (imported or the user's own), with categories
// also written as hierarchical keywords so Lightroom and digiKam rebuild the category tree.
import type { Catalog } from '../library/catalog';
import { hierarchicalName } from '../tagging/category-store';
import { keywordsOf } from '../tagging/keyword-store';
import { tagsOfPhoto, type TagSet } from '../tagging/tagger';
import type { SidecarEntry } from './xmp-sidecar';

export function sidecarEntries(catalog: Catalog, tags: TagSet): SidecarEntry[] {
  const hierarchy = new Map(tags.categories.map((c) => [c.category.id, hierarchicalName(catalog, c.category)]));
  const entries: SidecarEntry[] = [];
  for (const photo of catalog.photos()) {
    const photoTags = tagsOfPhoto(tags, photo.id, keywordsOf(catalog, photo.id)).filter((t) => t.source !== 'rejected');
    if (photoTags.length === 0) continue;
    const hierarchical = photoTags.flatMap((t) => (t.categoryId === null ? [] : [hierarchy.get(t.categoryId) ?? t.name]));
    entries.push({ photoPath: photo.path, subjects: photoTags.map((t) => t.name), hierarchical });
  }
  return entries;
}
