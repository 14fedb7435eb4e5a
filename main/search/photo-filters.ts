// Runs in: the main process. The non-text half of a SearchQuery: every given filter must hold
// (AND). Dates, camera, folder, stars and favourites are answered by the catalog's indexed columns; categories,
// keywords and albums are member sets the caller resolves first. Together they are one
// predicate over photo ids, so ranking a million scores never reads a photo record to filter.
import type { PhotoConditions } from '../library/catalog';
import type { SearchQuery } from '../library/catalog-schema';

export type PhotoPredicate = (photoId: string) => boolean;

/** True when the query has any filter besides its text. */
export function hasFilters(query: SearchQuery): boolean {
  return (
    (query.categoryIds?.length ?? 0) > 0 ||
    (query.keywords?.length ?? 0) > 0 ||
    query.albumId !== undefined ||
    photoConditions(query) !== null
  );
}

/** The filters the catalog's columns answer, or null when the query has none of them. */
export function photoConditions(query: SearchQuery): PhotoConditions | null {
  const conditions: PhotoConditions = {};
  if (query.takenFrom !== undefined) conditions.takenFrom = query.takenFrom;
  if (query.takenTo !== undefined) conditions.takenTo = query.takenTo;
  if (query.camera !== undefined) conditions.camera = query.camera;
  if (query.folder !== undefined) conditions.folder = query.folder;
  if (query.minRating !== undefined && query.minRating > 0) conditions.minRating = query.minRating;
  if (query.favourites) conditions.favourites = true;
  return Object.keys(conditions).length > 0 ? conditions : null;
}

/** A photo passes when every member set holds it (no sets: every photo passes). */
export function inEvery(sets: readonly ReadonlySet<string>[]): PhotoPredicate {
  return (photoId) => sets.every((set) => set.has(photoId));
}
