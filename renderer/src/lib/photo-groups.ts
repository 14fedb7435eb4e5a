// Runs in: the renderer (pure, no React). Orders a view's photos newest first and cuts them
// into month sections for the grid (undated photos last, in their own section). Search
// results keep their rank order instead and come as one section.
import type { PhotoInfo } from '../../../main/shared/api-contract';
import { monthKey, monthLabel } from './format';
import type { GridSection } from './virtual-grid';

export interface OrderedPhotos {
  photos: PhotoInfo[];
  sections: GridSection[];
}

/** Newest first by the camera's date; ties and undated photos by path, so the order is stable. */
export function byDateDescending(a: PhotoInfo, b: PhotoInfo): number {
  if (a.takenAt !== b.takenAt) {
    if (a.takenAt === null) return 1;
    if (b.takenAt === null) return -1;
    return a.takenAt < b.takenAt ? 1 : -1;
  }
  return a.path.localeCompare(b.path);
}

export function groupByMonth(photos: readonly PhotoInfo[]): OrderedPhotos {
  const sorted = [...photos].sort(byDateDescending);
  const sections: GridSection[] = [];
  let current: GridSection | null = null;
  sorted.forEach((photo, index) => {
    const key = monthKey(photo.takenAt) ?? 'undated';
    if (!current || current.key !== key) {
      current = { key, label: monthLabel(key === 'undated' ? null : key), start: index, count: 0 };
      sections.push(current);
    }
    current.count += 1;
  });
  return { photos: sorted, sections };
}

/**
 * Near-duplicate groups, one section each, biggest first as main sends them; a group that
 * lost photos down to one (removed since) is no longer a group and is left out.
 */
export function asGroups(groups: readonly (readonly PhotoInfo[])[]): OrderedPhotos {
  const photos: PhotoInfo[] = [];
  const sections: GridSection[] = [];
  for (const group of groups) {
    if (group.length < 2) continue;
    sections.push({ key: `group-${sections.length + 1}`, label: `Group ${sections.length + 1}: ${group.length} look alike`, start: photos.length, count: group.length });
    photos.push(...group);
  }
  return { photos, sections };
}

/** One section in the given order, for ranked results. */
export function asOneSection(photos: readonly PhotoInfo[], label: string): OrderedPhotos {
  return { photos: [...photos], sections: photos.length > 0 ? [{ key: 'all', label, start: 0, count: photos.length }] : [] };
}

/** How many of the newest additions "Recent imports" shows. */
export const RECENT_COUNT = 500;

/**
 * The photos added last, newest first. The catalog lists photos in the order the indexer
 * found them, so the tail of that list is the latest import.
 */
export function recentlyAdded(photosInCatalogOrder: readonly PhotoInfo[], count = RECENT_COUNT): PhotoInfo[] {
  return photosInCatalogOrder.slice(-count).reverse();
}
