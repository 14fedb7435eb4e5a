// Runs in: the main process. The non-text half of a SearchQuery as one predicate over photo
// records: every given filter must hold (AND). Membership sets (categories, keywords,
// albums) are resolved by the caller first, so this stays pure and synchronous.
import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { PhotoRecord, SearchQuery } from '../library/catalog-schema';

export interface FilterSets {
  /** Photo ids per category id in query.categoryIds. */
  categoryMembers?: ReadonlyMap<string, ReadonlySet<string>>;
  /** Keywords per photo id (lower-cased). */
  keywords?: ReadonlyMap<string, readonly string[]>;
  /** Photo ids of query.albumId. */
  albumMembers?: ReadonlySet<string>;
}

export type PhotoPredicate = (photo: Readonly<PhotoRecord>) => boolean;

/** True when the query has any filter besides its text. */
export function hasFilters(query: SearchQuery): boolean {
  return (
    (query.categoryIds?.length ?? 0) > 0 ||
    (query.keywords?.length ?? 0) > 0 ||
    query.albumId !== undefined ||
    query.takenFrom !== undefined ||
    query.takenTo !== undefined ||
    query.camera !== undefined ||
    query.folder !== undefined
  );
}

export function photoFilter(query: SearchQuery, sets: FilterSets = {}): PhotoPredicate {
  const tests: PhotoPredicate[] = [];
  for (const id of query.categoryIds ?? []) {
    const members = sets.categoryMembers?.get(id);
    tests.push((p) => members?.has(p.id) ?? false);
  }
  for (const keyword of query.keywords ?? []) {
    const wanted = keyword.toLowerCase();
    tests.push((p) => sets.keywords?.get(p.id)?.some((k) => k.toLowerCase() === wanted) ?? false);
  }
  if (query.albumId !== undefined) tests.push((p) => sets.albumMembers?.has(p.id) ?? false);
  if (query.takenFrom !== undefined || query.takenTo !== undefined) {
    const from = query.takenFrom ?? '';
    // A bare date as upper bound includes that whole day.
    const to = query.takenTo === undefined ? '\uffff' : /^\d{4}-\d{2}-\d{2}$/.test(query.takenTo) ? `${query.takenTo}T\uffff` : query.takenTo;
    // takenAt is ISO 8601 and compared as text: the camera's wall-clock time is what the user means.
    tests.push((p) => p.takenAt !== null && p.takenAt >= from && p.takenAt <= to);
  }
  if (query.camera !== undefined) {
    const wanted = query.camera.toLowerCase();
    tests.push((p) => `${p.camera?.make ?? ''} ${p.camera?.model ?? ''}`.toLowerCase().includes(wanted));
  }
  if (query.folder !== undefined) {
    const folder = resolve(query.folder);
    tests.push((p) => {
      const rel = relative(folder, p.path);
      return rel !== '' && !rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel);
    });
  }
  return (photo) => tests.every((test) => test(photo));
}
