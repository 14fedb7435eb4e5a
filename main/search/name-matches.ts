// Runs in: the main process. What the user typed, taken as a name before it is taken as a
// description: photos whose keyword, category or album is named that, whose file name or
// folder names start with those words (case and accents ignored: photo-words.ts). A
// search lists these first, then what CLIP finds (photo-search.ts), so "astronaut" finds
// astronaut.png and "NASA" the photos keyworded NASA, however the model ranks them.
import type { AlbumRecord } from '../library/catalog-schema';
import { foldedWords, foldText, namesQuery, wordsStart } from '../library/photo-words';
import { computeTags, photosWithCategory, type TagSet } from '../tagging/tagger';
import type { PhotoPredicate } from './photo-filters';
import type { SearchContext } from './photo-search';

/** What a name match matched. */
export type MatchKind = 'keyword' | 'category' | 'album' | 'name' | 'folder';

export interface NameMatch {
  photoId: string;
  match: MatchKind;
}

/** A keyword, category or album whose name the typed words start. */
export interface NamedTerm {
  kind: 'keyword' | 'category' | 'album';
  /** The keyword itself, or the category's or album's id. */
  value: string;
  name: string;
  /** Its name is what was typed (case and accents aside). */
  exact: boolean;
}

/** Typed words shorter than this match whole words only: "a" is no prefix of half the library. */
const MIN_PREFIX = 2;

/** Keywords, categories and manual albums the typed text names, exact ones first. */
export function namedTerms(ctx: Pick<SearchContext, 'catalog'>, text: string): NamedTerm[] {
  const typed = foldedWords(text);
  if (typed.length === 0) return [];
  const whole = foldText(text.trim());
  const named = (name: string) => (foldText(name.trim()) === whole ? 'exact' : typed.every((t) => t.length >= MIN_PREFIX) && wordsStart(typed, name) ? 'prefix' : null);
  const terms: NamedTerm[] = [];
  const add = (kind: NamedTerm['kind'], value: string, name: string) => {
    const how = named(name);
    if (how) terms.push({ kind, value, name, exact: how === 'exact' });
  };
  for (const { keyword } of ctx.catalog.keywordCounts()) add('keyword', keyword, keyword);
  for (const category of ctx.catalog.table('categories')) add('category', category.id, category.name);
  // Manual albums only: a smart album is a saved search, and naming one inside its own query would never end.
  for (const album of ctx.catalog.table('albums')) if (album.kind === 'manual') add('album', album.id, album.name);
  return terms.sort((a, b) => Number(b.exact) - Number(a.exact));
}

/**
 * The photos the typed text names, passing `accept`, best first: those of an exactly named
 * keyword, category or album, then file names, then prefix-named keywords, categories and
 * albums, then folder names. Each photo once, at its first match; up to `limit`.
 */
export async function nameMatches(
  ctx: SearchContext,
  text: string,
  accept: PhotoPredicate,
  limit: number,
  members: { tags?: TagSet; albumPhotos: (album: AlbumRecord) => Promise<string[]> },
): Promise<NameMatch[]> {
  const typed = foldedWords(text);
  if (typed.length === 0 || limit <= 0) return [];
  const out: NameMatch[] = [];
  const seen = new Set<string>();
  const take = (ids: Iterable<string>, match: MatchKind) => {
    for (const id of ids) {
      if (out.length >= limit) return;
      if (seen.has(id) || !accept(id)) continue;
      seen.add(id);
      out.push({ photoId: id, match });
    }
  };
  const terms = namedTerms(ctx, text);
  let tags = members.tags;
  const photosOf = async (term: NamedTerm): Promise<Iterable<string>> => {
    if (term.kind === 'keyword') return ctx.catalog.photosWithKeywords([term.value]);
    if (term.kind === 'category') return photosWithCategory((tags ??= await computeTags(ctx)), term.value);
    const album = ctx.catalog.table('albums').find((a) => a.id === term.value);
    return album ? members.albumPhotos(album) : [];
  };
  const query = namesQuery(typed, MIN_PREFIX);
  const room = () => limit - out.length;
  for (const term of terms.filter((t) => t.exact)) take(await photosOf(term), term.kind);
  take(ctx.catalog.photosNamed(query, 'name', (id) => !seen.has(id) && accept(id), room()), 'name');
  for (const term of terms.filter((t) => !t.exact)) take(await photosOf(term), term.kind);
  take(ctx.catalog.photosNamed(query, 'folder', (id) => !seen.has(id) && accept(id), room()), 'folder');
  return out;
}
