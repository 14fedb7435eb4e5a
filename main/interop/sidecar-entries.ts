// Runs in: the main process. What goes into each photo's XMP sidecar: its categories (auto
// or accepted, never rejected), its keywords (imported or the user's own), with categories
// also written as hierarchical keywords so Lightroom and digiKam rebuild the category tree,
// and its marks (stars, favourite, rotation). A photo with none of these gets no sidecar.
import { stat } from 'node:fs/promises';
import type { Catalog } from '../library/catalog';
import { hierarchicalName } from '../tagging/category-store';
import { keywordsOf } from '../tagging/keyword-store';
import { tagsOfPhoto, type TagSet } from '../tagging/tagger';
import { orientationWith } from './xmp-marks';
import { exportSidecars, sidecarPath, type SidecarEntry, type SidecarExport } from './xmp-sidecar';

export function sidecarEntries(catalog: Catalog, tags: TagSet): (SidecarEntry & { photoId: string })[] {
  const hierarchy = new Map(tags.categories.map((c) => [c.category.id, hierarchicalName(catalog, c.category)]));
  const entries: (SidecarEntry & { photoId: string })[] = [];
  for (const photo of catalog.photos()) {
    const photoTags = tagsOfPhoto(tags, photo.id, keywordsOf(catalog, photo.id)).filter((t) => t.source !== 'rejected');
    const marked = photo.rating > 0 || photo.favourite || photo.rotation !== 0;
    if (photoTags.length === 0 && !marked) continue;
    const hierarchical = photoTags.flatMap((t) => (t.categoryId === null ? [] : [hierarchy.get(t.categoryId) ?? t.name]));
    entries.push({
      photoId: photo.id,
      photoPath: photo.path,
      subjects: photoTags.map((t) => t.name),
      hierarchical,
      rating: photo.rating,
      favourite: photo.favourite,
      orientation: photo.rotation === 0 ? null : orientationWith(photo.orientation, photo.rotation),
    });
  }
  return entries;
}

/**
 * Writes the library's sidecars and notes each one's mtime in the catalog, so the next scan
 * knows them as Clipfolio's own and reads a sidecar again only once another program changed it.
 */
export async function writeLibrarySidecars(catalog: Catalog, tags: TagSet): Promise<SidecarExport> {
  const entries = sidecarEntries(catalog, tags);
  const result = await exportSidecars(entries);
  const written = new Set(result.written);
  const stamps: { id: string; mtimeMs: number }[] = [];
  for (const entry of entries) {
    const path = sidecarPath(entry.photoPath);
    if (!written.has(path)) continue;
    const info = await stat(path).catch(() => null);
    if (info) stamps.push({ id: entry.photoId, mtimeMs: info.mtimeMs });
  }
  catalog.batch(() => {
    for (const { id, mtimeMs } of stamps) if (catalog.getPhoto(id)) catalog.updatePhoto(id, { sidecarMtimeMs: mtimeMs });
  });
  return result;
}
