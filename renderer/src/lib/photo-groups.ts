// Runs in: the renderer (pure, no React). Orders a view's photos newest first and cuts them
// into month sections for the grid (undated photos last, in their own section). Search
// results keep their rank order instead and come as one section; Recent imports comes
// newest addition first, a section per import batch.
import type { PhotoInfo } from '../../../main/shared/api-contract';
import { formatTakenAt, monthKey, monthLabel } from './format';
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

/** The photos a filter keeps, each in its section as before; sections left empty go. */
export function filterSections(ordered: OrderedPhotos, keep: (photo: PhotoInfo) => boolean): OrderedPhotos {
  const photos: PhotoInfo[] = [];
  const sections: GridSection[] = [];
  for (const section of ordered.sections) {
    const start = photos.length;
    for (const photo of ordered.photos.slice(section.start, section.start + section.count)) if (keep(photo)) photos.push(photo);
    if (photos.length > start) sections.push({ ...section, start, count: photos.length - start });
  }
  return { photos, sections };
}

const DAY_MS = 24 * 60 * 60 * 1000;
/** How far back Recent imports reaches, counted from the latest addition. */
export const RECENT_DAYS = 30;
/** A pause this long between two additions starts another import batch, a section of its own. */
export const BATCH_GAP_MS = 60 * 60 * 1000;

/** Newest addition first; photos added together keep their path order, so the order is stable. */
function byAddedDescending(a: PhotoInfo, b: PhotoInfo): number {
  if (a.addedAt !== b.addedAt) return a.addedAt < b.addedAt ? 1 : -1;
  return a.path.localeCompare(b.path);
}

/** The user's own clock time of an addition, in the form formatTakenAt reads. */
function localTime(iso: string): string {
  const date = new Date(iso);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())}T${two(date.getHours())}:${two(date.getMinutes())}`;
}

/**
 * The earliest addition Recent imports shows: RECENT_DAYS before the latest one ('' for no
 * photos). addedAt is always toISOString's UTC form, so these strings compare as times do.
 */
function recentSince(photos: readonly PhotoInfo[]): string {
  let latest = '';
  for (const photo of photos) if (photo.addedAt > latest) latest = photo.addedAt;
  return latest && new Date(Date.parse(latest) - RECENT_DAYS * DAY_MS).toISOString();
}

/** How many photos Recent imports shows, without sorting them (for the sidebar). */
export function recentCount(photos: readonly PhotoInfo[]): number {
  const since = recentSince(photos);
  let count = 0;
  for (const photo of photos) if (photo.addedAt >= since) count += 1;
  return count;
}

/**
 * Recent imports: the photos added in the RECENT_DAYS up to the latest addition, newest
 * first, one section per import batch. The window ends at the latest addition rather than
 * today, so a library left alone for a season still shows what came in last.
 */
export function recentImports(photos: readonly PhotoInfo[]): OrderedPhotos {
  const since = recentSince(photos);
  const recent = photos.filter((p) => p.addedAt >= since).sort(byAddedDescending);
  const sections: GridSection[] = [];
  let previous = Number.POSITIVE_INFINITY;
  recent.forEach((photo, index) => {
    const at = Date.parse(photo.addedAt);
    const current = sections[sections.length - 1];
    if (current && previous - at <= BATCH_GAP_MS) current.count += 1;
    else sections.push({ key: `batch-${photo.addedAt}`, label: `Added ${formatTakenAt(localTime(photo.addedAt))}`, start: index, count: 1 });
    previous = at;
  });
  return { photos: recent, sections };
}
