// Runs in: the main process. Keywords on photos, in the catalog's keyword table: read from a
// photo's own metadata by the indexer, or added by the user. Both are tags without a category
// ("manual keywords with no category are tags too"): tags:ofPhoto and `clipfolio tags` list
// them, a search's keyword filter matches them and export-xmp writes them. Keywords compare
// ignoring case, as the keyword filter does, so a photo never carries one twice; the spelling
// first given is kept. Each user action is one catalog edit, undoable.
import type { Catalog } from '../library/catalog';
import type { KeywordRecord } from '../library/catalog-schema';
import { ClipfolioError } from '../shared/errors';

export interface KeywordCount {
  keyword: string;
  /** Photos carrying it. */
  photos: number;
}

/** Adds each keyword to each photo that lacks it; returns the rows added. */
export function addKeywords(catalog: Catalog, photoIds: readonly string[], keywords: readonly string[]): KeywordRecord[] {
  for (const id of photoIds) if (!catalog.getPhoto(id)) throw new ClipfolioError('NOT_FOUND', `no photo with id ${id}`);
  const wanted = new Map<string, string>();
  for (const keyword of keywords.map((k) => k.trim())) if (keyword !== '' && !wanted.has(keyword.toLowerCase())) wanted.set(keyword.toLowerCase(), keyword);
  if (wanted.size === 0) throw new ClipfolioError('INVALID_ARGUMENT', 'a keyword needs some text');
  const rows = [...new Set(photoIds)].flatMap((photoId) => [...wanted.values()].map((keyword) => ({ photoId, keyword, origin: 'manual' as const })));
  const words = [...wanted.values()].map((k) => `“${k}”`).join(', ');
  return catalog.edit(`Add ${words} to ${photoIds.length === 1 ? '1 photo' : `${new Set(photoIds).size} photos`}`, () => catalog.addKeywords(rows));
}

/** Removes a keyword from a photo, whether the user added it or it came with the photo. */
export function removeKeyword(catalog: Catalog, photoId: string, keyword: string): void {
  if (!catalog.getPhoto(photoId)) throw new ClipfolioError('NOT_FOUND', `no photo with id ${photoId}`);
  const removed = catalog.edit(`Remove “${keyword.trim()}” from 1 photo`, () => catalog.removeKeyword(photoId, keyword));
  if (!removed) throw new ClipfolioError('NOT_FOUND', `the photo has no keyword ${JSON.stringify(keyword.trim())}`);
}

/** Every keyword in the library with how many photos carry it, by name. */
export function keywordCounts(catalog: Catalog): KeywordCount[] {
  return catalog.keywordCounts().sort((a, b) => a.keyword.localeCompare(b.keyword));
}

/** A photo's keywords, as its tags list them. */
export function keywordsOf(catalog: Catalog, photoId: string): string[] {
  return catalog.keywordsOf(photoId).map((row) => row.keyword);
}
