// Runs in: the renderer (pure, no React). The filter bar's facets, as Lightroom's Library
// Filter has them: date, camera, lens, folder, album, keyword, category, rating and format.
// Values picked in one facet widen (2023 or 2024), facets narrow each other (2024 and the
// Nikon D70), and each facet's counts are of the photos the other facets let through, so
// the numbers always say what a click will show. Every value of the view is offered: no
// facet is cut to its most common values. Photo fields come from the records the window
// holds; keywords, categories and albums from main's memberships (search:memberships).
import type { MembershipsInfo, PhotoInfo } from '../../../main/shared/api-contract';
import { cameraName } from './camera-name';

export type FacetKind = 'date' | 'camera' | 'lens' | 'folder' | 'album' | 'keyword' | 'category' | 'rating' | 'format';

export const FACETS: readonly FacetKind[] = ['date', 'camera', 'lens', 'folder', 'album', 'keyword', 'category', 'rating', 'format'];

export const FACET_LABEL: Record<FacetKind, string> = {
  date: 'Date',
  camera: 'Camera',
  lens: 'Lens',
  folder: 'Folder',
  album: 'Album',
  keyword: 'Keyword',
  category: 'Category',
  rating: 'Rating',
  format: 'Format',
};

/** Facets whose values are which photos carry them, known from main's memberships. */
export const MEMBERSHIP_FACETS: ReadonlySet<FacetKind> = new Set(['album', 'keyword', 'category']);

/**
 * What the user picked. Dates are years ("2008") or months ("2008-07"); folders absolute
 * paths (a folder takes in its subfolders); rating the fewest stars (0: any), with or
 * without favourites only.
 */
export interface Picks {
  date: string[];
  camera: string[];
  lens: string[];
  folder: string[];
  album: string[];
  keyword: string[];
  category: string[];
  format: string[];
  minRating: number;
  favourites: boolean;
}

export const NO_PICKS: Picks = { date: [], camera: [], lens: [], folder: [], album: [], keyword: [], category: [], format: [], minRating: 0, favourites: false };

type ListFacet = Exclude<FacetKind, 'rating'>;

/** Photo ids per keyword, category and album id. */
export interface Members {
  keyword: ReadonlyMap<string, ReadonlySet<string>>;
  category: ReadonlyMap<string, ReadonlySet<string>>;
  album: ReadonlyMap<string, ReadonlySet<string>>;
}

export function membersOf(info: MembershipsInfo): Members {
  return {
    keyword: new Map(info.keywords.map((k) => [k.name, new Set(k.photoIds)])),
    category: new Map(info.categories.map((c) => [c.id, new Set(c.photoIds)])),
    album: new Map(info.albums.map((a) => [a.id, new Set(a.photoIds)])),
  };
}

export function hasPicks(picks: Picks): boolean {
  return pickCount(picks) > 0;
}

/** How many values are picked in all (the rating counts as one, favourites as one). */
export function pickCount(picks: Picks): number {
  return FACETS.reduce((n, facet) => n + picked(picks, facet), 0);
}

/** Values picked in one facet. */
export function picked(picks: Picks, facet: FacetKind): number {
  return facet === 'rating' ? Number(picks.minRating > 0) + Number(picks.favourites) : picks[facet].length;
}

export function needsMembers(picks: Picks): boolean {
  return picks.album.length + picks.keyword.length + picks.category.length > 0;
}

function folderOf(path: string): string {
  const cut = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return cut > 0 ? path.slice(0, cut) : path;
}

/** Whether `folder` is `outer` or inside it. */
export function within(outer: string, folder: string): boolean {
  return folder === outer || (folder.startsWith(outer) && (folder[outer.length] === '/' || folder[outer.length] === '\\'));
}

/** A photo's single value in a field facet; null when it has none (no lens, undated). */
function fieldValue(photo: PhotoInfo, facet: 'camera' | 'lens' | 'format'): string | null {
  if (facet === 'camera') return cameraName(photo);
  if (facet === 'lens') return photo.camera?.lens?.trim() || null;
  return photo.format;
}

/** Whether the photo passes one facet's picks (none picked: it does). */
function passes(photo: PhotoInfo, picks: Picks, facet: FacetKind, members: Members | null): boolean {
  switch (facet) {
    case 'rating':
      return photo.rating >= picks.minRating && (!picks.favourites || photo.favourite);
    case 'date': {
      if (picks.date.length === 0) return true;
      const month = photo.takenAt?.slice(0, 7) ?? '';
      return month !== '' && (picks.date.includes(month.slice(0, 4)) || picks.date.includes(month));
    }
    case 'folder':
      return picks.folder.length === 0 || picks.folder.some((f) => within(f, folderOf(photo.path)));
    case 'album':
    case 'keyword':
    case 'category':
      // Until main's memberships come, a membership pick lets nothing through rather than everything.
      return picks[facet].length === 0 || (members !== null && picks[facet].some((v) => members[facet].get(v)?.has(photo.id)));
    default: {
      const values = picks[facet];
      return values.length === 0 || values.includes(fieldValue(photo, facet) ?? '');
    }
  }
}

/** True for photos every facet lets through. */
export function picksPredicate(picks: Picks, members: Members | null): (photo: PhotoInfo) => boolean {
  const active = FACETS.filter((f) => picked(picks, f) > 0);
  return (photo) => active.every((facet) => passes(photo, picks, facet, members));
}

export interface FacetValue {
  /** What is picked: the value itself, a keyword, an id, a folder path, "2008" or "2008-07". */
  value: string;
  count: number;
}

/**
 * Each value of a facet among the photos the other facets let through, with its count.
 * Dates are years, newest first, with months for the years picked; folders every folder
 * that holds photos and those above them up to the top; the rest most photos first.
 */
export function facetValues(photos: readonly PhotoInfo[], picks: Picks, facet: ListFacet, members: Members | null, roots: readonly string[] = []): FacetValue[] {
  const others = FACETS.filter((f) => f !== facet && picked(picks, f) > 0);
  const counts = new Map<string, number>();
  const bump = (value: string) => counts.set(value, (counts.get(value) ?? 0) + 1);
  const memberships = MEMBERSHIP_FACETS.has(facet) ? (members?.[facet as 'album' | 'keyword' | 'category'] ?? new Map<string, ReadonlySet<string>>()) : null;
  for (const photo of photos) {
    if (!others.every((f) => passes(photo, picks, f, members))) continue;
    if (memberships) {
      for (const [value, ids] of memberships) if (ids.has(photo.id)) bump(value);
    } else if (facet === 'date') {
      const month = photo.takenAt?.slice(0, 7);
      if (!month || month.length < 7) continue;
      bump(month.slice(0, 4));
      if (picks.date.includes(month.slice(0, 4)) || picks.date.includes(month)) bump(month);
    } else if (facet === 'folder') {
      // Counted in its folder and every folder above it up to its library folder: picking a folder takes its subfolders in.
      const root = roots.find((r) => within(r, photo.path));
      for (let folder = folderOf(photo.path), seen = ''; folder !== seen && (!root || within(root, folder)); seen = folder, folder = folderOf(folder)) bump(folder);
    } else {
      const value = fieldValue(photo, facet as 'camera' | 'lens' | 'format');
      if (value !== null) bump(value);
    }
  }
  const values = [...counts].map(([value, count]) => ({ value, count }));
  if (facet === 'date' || facet === 'folder') return values.sort((a, b) => (facet === 'date' ? b.value.localeCompare(a.value) : a.value.localeCompare(b.value)));
  return values.sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
}

/** How many photos each rating pick would show (1-5 stars and up, favourites), given the other facets. */
export function ratingCounts(photos: readonly PhotoInfo[], picks: Picks, members: Members | null): { stars: number[]; favourites: number } {
  const others = FACETS.filter((f) => f !== 'rating' && picked(picks, f) > 0);
  const stars = [0, 0, 0, 0, 0, 0];
  let favourites = 0;
  for (const photo of photos) {
    if (!others.every((f) => passes(photo, picks, f, members))) continue;
    for (let n = 0; n <= photo.rating; n++) stars[n] = (stars[n] ?? 0) + 1;
    if (photo.favourite && photo.rating >= picks.minRating) favourites += 1;
  }
  return { stars, favourites };
}

/** The picks with `value` added to or taken from one list facet. */
export function togglePick(picks: Picks, facet: ListFacet, value: string): Picks {
  const list = picks[facet];
  return { ...picks, [facet]: list.includes(value) ? list.filter((v) => v !== value) : [...list, value] };
}

/** The picks with one facet cleared. */
export function clearFacet(picks: Picks, facet: FacetKind): Picks {
  return facet === 'rating' ? { ...picks, minRating: 0, favourites: false } : { ...picks, [facet]: [] };
}
