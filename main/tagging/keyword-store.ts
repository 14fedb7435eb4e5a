// Runs in: the main process. Keywords on photos, in the catalog's keyword table: read from a
// photo's own metadata by the indexer, or added by the user. Both are tags without a category
// ("manual keywords with no category are tags too"): tags:ofPhoto and `clipfolio tags` list
// them, a search's keyword filter matches them and export-xmp writes them, all through
// tagger.ts keywordsByPhoto. Keywords compare ignoring case, as the keyword filter does, so a
// photo never carries one twice; the spelling first given is kept.
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
  const carried = new Set(catalog.table('keywords').map((row) => rowKey(row.photoId, row.keyword)));
  const added: KeywordRecord[] = [];
  for (const photoId of new Set(photoIds)) {
    for (const keyword of wanted.values()) if (!carried.has(rowKey(photoId, keyword))) added.push({ photoId, keyword, origin: 'manual' });
  }
  if (added.length > 0) catalog.updateTable('keywords', (rows) => [...rows, ...added]);
  return added;
}

/** Removes a keyword from a photo, whether the user added it or it came with the photo. */
export function removeKeyword(catalog: Catalog, photoId: string, keyword: string): void {
  if (!catalog.getPhoto(photoId)) throw new ClipfolioError('NOT_FOUND', `no photo with id ${photoId}`);
  const key = rowKey(photoId, keyword.trim());
  if (!catalog.table('keywords').some((row) => rowKey(row.photoId, row.keyword) === key)) {
    throw new ClipfolioError('NOT_FOUND', `the photo has no keyword ${JSON.stringify(keyword.trim())}`);
  }
  catalog.updateTable('keywords', (rows) => rows.filter((row) => rowKey(row.photoId, row.keyword) !== key));
}

/** Every keyword in the library with how many photos carry it, by name. */
export function keywordCounts(catalog: Catalog): KeywordCount[] {
  const photos = new Map<string, { keyword: string; ids: Set<string> }>();
  for (const { photoId, keyword } of catalog.table('keywords')) {
    const entry = photos.get(keyword.toLowerCase());
    if (entry) entry.ids.add(photoId);
    else photos.set(keyword.toLowerCase(), { keyword, ids: new Set([photoId]) });
  }
  return [...photos.values()].map(({ keyword, ids }) => ({ keyword, photos: ids.size })).sort((a, b) => a.keyword.localeCompare(b.keyword));
}

function rowKey(photoId: string, keyword: string): string {
  return `${photoId}\n${keyword.toLowerCase()}`;
}
