// Runs in: the main process. Free-text search, "more like this" and near-duplicate groups
// over one library: text or photo vectors are scored against every photo in one product in
// the inference worker (library-matrix.ts), cut by the query's own score distribution
// ("relevance cut" note in relevance-cut.ts) and filtered with AND (photo-filters.ts). The
// photos the text names (file, folder, keyword, category, album: name-matches.ts) come first.
import { findAlbum } from '../albums/album-store';
import type { AlbumRecord, PhotoRecord, SearchQuery } from '../library/catalog-schema';
import { ClipfolioError } from '../shared/errors';
import { pairKey } from '../library/catalog';
import { computeTags, photosWithCategory, type TagContext, type TagSet } from '../tagging/tagger';
import { hasFilters, inEvery, photoConditions, type PhotoPredicate } from './photo-filters';
import { rankRow, type Ranked } from './rank';
import { relevanceCut } from './relevance-cut';
import { backgroundTerm } from './background-term';
import { groupPairs } from './union-find';
import { nameMatches, type MatchKind } from './name-matches';

export type SearchContext = TagContext;

export interface SearchOptions {
  limit?: number;
  /** Keep everything the filters allow, ranked, without the relevance cut. */
  noCut?: boolean;
  /** Tags already computed for this library state, to skip a re-tag. */
  tags?: TagSet;
}

export interface SearchHit {
  photoId: string;
  path: string;
  /** Cosine with the query; null for a filter-only query and a name match. */
  score: number | null;
  /** What of the photo the text named, for a name match. */
  match?: MatchKind;
}

const DEFAULT_LIMIT = 100;
/** Cosine above which two photos count as near-duplicates. */
export const NEAR_DUPLICATE_COSINE = 0.95;
/** Smart albums may name albums; this bounds a chain of them (and breaks cycles). */
const MAX_ALBUM_DEPTH = 4;

export async function searchPhotos(ctx: SearchContext, query: SearchQuery, options: SearchOptions = {}): Promise<SearchHit[]> {
  return runQuery(ctx, query, options, 0);
}

/**
 * Photos most like `photoId`, by its own vector; the photo itself is left out. Uncut unless
 * asked: a photo always has nearest neighbours, and image-to-image cosines are spread by
 * content rather than by relevance, so a "nothing matches" answer would be wrong here.
 */
export async function similarPhotos(ctx: SearchContext, photoId: string, query: Omit<SearchQuery, 'text'> = {}, options: SearchOptions = {}): Promise<SearchHit[]> {
  const vector = ctx.matrix.vector(photoId);
  if (!vector) throw new ClipfolioError('NOT_FOUND', `photo ${photoId} has no embedding yet`);
  const accept = inEvery(await filterSets(ctx, { ...query, text: null }, options, 0));
  return rankVector(ctx, vector, (id) => id !== photoId && accept(id), { ...options, noCut: options.noCut ?? true });
}

/**
 * Groups of photos that look nearly the same (cosine >= minScore), biggest group first;
 * two photos the user said are not duplicates are never joined by their own likeness.
 */
export async function nearDuplicateGroups(ctx: SearchContext, minScore = NEAR_DUPLICATE_COSINE): Promise<SearchHit[][]> {
  const found = await ctx.matrix.pairsAbove(minScore);
  const { ids } = found;
  const apart = ctx.catalog.notDuplicatePairs();
  const kept = [...found.a.keys()].filter((i) => apart.size === 0 || !apart.has(pairKey(ids.at(found.a[i] ?? 0) ?? '', ids.at(found.b[i] ?? 0) ?? '')));
  const a = kept.map((i) => found.a[i] ?? 0);
  const b = kept.map((i) => found.b[i] ?? 0);
  const scores = kept.map((i) => found.scores[i] ?? 0);
  const best = new Map<number, number>();
  for (let i = 0; i < a.length; i++) {
    for (const row of [a[i] ?? 0, b[i] ?? 0]) best.set(row, Math.max(best.get(row) ?? -1, scores[i] ?? 0));
  }
  return groupPairs(ids.length, a, b).map((rows) =>
    rows.flatMap((row) => {
      const photo = ctx.catalog.getPhoto(ids.at(row) ?? '');
      return photo ? [{ photoId: photo.id, path: photo.path, score: best.get(row) ?? null }] : [];
    }),
  );
}

/**
 * Photos that look nearly the same as any of `photoIds` (cosine >= minScore), the given ones
 * left out: what a correction offers to change too. One product for all of them.
 */
export async function nearIdenticalPhotos(ctx: SearchContext, photoIds: readonly string[], minScore = NEAR_DUPLICATE_COSINE): Promise<string[]> {
  const vectors = photoIds.map((id) => ctx.matrix.vector(id)).filter((v) => v !== undefined);
  if (vectors.length === 0) return [];
  const queries = new Float32Array(vectors.length * ctx.matrix.dim);
  vectors.forEach((v, row) => queries.set(v, row * ctx.matrix.dim));
  const { scores, ids } = await ctx.matrix.score(queries, vectors.length);
  const given = new Set(photoIds);
  const found: string[] = [];
  for (let column = 0; column < ids.length; column++) {
    let near = false;
    for (let q = 0; q < vectors.length && !near; q++) near = (scores[column * vectors.length + q] as number) >= minScore;
    const id = near ? (ids.at(column) as string) : '';
    if (near && !given.has(id)) found.push(id);
  }
  return found;
}

/** Photo ids of an album: its list, or what its saved query finds now. */
export async function albumPhotoIds(ctx: SearchContext, album: AlbumRecord, depth = 0): Promise<string[]> {
  if (album.kind === 'manual') return ctx.catalog.albumPhotoIds(album.id);
  if (depth >= MAX_ALBUM_DEPTH) throw new ClipfolioError('INVALID_ARGUMENT', `smart album ${album.name} nests albums too deeply`);
  const hits = await runQuery(ctx, album.query, { limit: Number.MAX_SAFE_INTEGER }, depth + 1);
  return hits.map((h) => h.photoId);
}

/** Which photos carry each keyword, category and album, for the filter bar's counts. */
export async function memberships(ctx: SearchContext): Promise<{ keywords: Map<string, string[]>; categories: Map<string, string[]>; albums: Map<string, string[]> }> {
  const tags = await computeTags(ctx);
  const categories = new Map(tags.categories.map((c) => [c.category.id, [...photosWithCategory(tags, c.category.id)]]));
  const albums = new Map<string, string[]>();
  for (const album of ctx.catalog.table('albums')) albums.set(album.id, await albumPhotoIds(ctx, album));
  return { keywords: ctx.catalog.keywordMembers(), categories, albums };
}

/** Member sets this small are read photo by photo; a filter-only query over larger ones walks the date index. */
const SMALL_SET = 5000;

async function runQuery(ctx: SearchContext, query: SearchQuery, options: SearchOptions, depth: number): Promise<SearchHit[]> {
  const text = query.text?.trim();
  if (!text) {
    if (!hasFilters(query)) throw new ClipfolioError('INVALID_ARGUMENT', 'a search needs text or at least one filter');
    return newestMatching(ctx, query, await memberSets(ctx, query, options, depth), options.limit ?? DEFAULT_LIMIT);
  }
  const accept = inEvery(await filterSets(ctx, query, options, depth));
  const limit = options.limit ?? DEFAULT_LIMIT;
  const named = await nameMatches(ctx, text, accept, limit, { tags: options.tags, albumPhotos: (album) => albumPhotoIds(ctx, album, depth + 1) });
  const hits = named.flatMap(({ photoId, match }) => {
    const photo = ctx.catalog.getPhoto(photoId);
    return photo ? [{ photoId, path: photo.path, score: null, match }] : [];
  });
  if (hits.length >= limit) return hits;
  const [vector] = await ctx.texts.embed([text]);
  if (!vector) throw new ClipfolioError('INTERNAL', 'the text encoder returned nothing');
  const listed = new Set(named.map((n) => n.photoId));
  const looks = await rankVector(ctx, vector, (id) => !listed.has(id) && accept(id), { ...options, limit: limit - hits.length }, true);
  return [...hits, ...looks];
}

/** A filter-only query: the matching photos, newest taken first. */
function newestMatching(ctx: SearchContext, query: SearchQuery, sets: ReadonlySet<string>[], limit: number): SearchHit[] {
  const conditions = photoConditions(query);
  const smallest = [...sets].sort((a, b) => a.size - b.size)[0];
  let photos: PhotoRecord[];
  if (smallest && smallest.size <= SMALL_SET) {
    const within = conditions ? ctx.catalog.photoIdsWhere(conditions) : null;
    const accept = inEvery(within ? [...sets, within] : sets);
    photos = [...smallest]
      .filter(accept)
      .flatMap((id) => ctx.catalog.getPhoto(id) ?? [])
      .sort((x, y) => (y.takenAt ?? '').localeCompare(x.takenAt ?? '') || x.path.localeCompare(y.path))
      .slice(0, limit);
  } else {
    photos = ctx.catalog.newestPhotos(conditions ?? {}, inEvery(sets), limit);
  }
  return photos.map((p) => ({ photoId: p.id, path: p.path, score: null }));
}

/**
 * `calibrated`: a text query, relevant also where it beats the background prompts (see the
 * "relevance cut" note); image-to-image scores have no such alternatives.
 */
async function rankVector(ctx: SearchContext, vector: Float32Array, accept: PhotoPredicate, options: SearchOptions, calibrated = false): Promise<SearchHit[]> {
  const background = calibrated && !options.noCut ? await backgroundTerm(ctx.matrix, ctx.texts) : null;
  const { scores, ids } = await ctx.matrix.score(vector, 1);
  // The library changed between the two: the background term is the old version's.
  if (background && background.ids !== ids) return rankVector(ctx, vector, accept, options, calibrated);
  const cut = options.noCut ? Number.NEGATIVE_INFINITY : relevanceCut(scores);
  // With a background term the cut is no floor: a photo below it is still relevant where the query beats the background.
  const relevant = background && ((column: number) => (scores[column] as number) >= Math.min(cut, background.lse[column] as number));
  const ranked: Ranked[] = rankRow(scores, 0, ids.length, {
    minScore: relevant ? Number.NEGATIVE_INFINITY : cut,
    limit: options.limit ?? DEFAULT_LIMIT,
    accept: (column) => (!relevant || relevant(column)) && accept(ids.at(column) ?? '') && ctx.catalog.getPhoto(ids.at(column) ?? '') !== undefined,
  });
  return ranked.map(({ column, score }) => {
    const photo = ctx.catalog.getPhoto(ids.at(column) ?? '') as PhotoRecord;
    return { photoId: photo.id, path: photo.path, score };
  });
}

/** The photos each category, keyword and album filter allows. */
async function memberSets(ctx: SearchContext, query: SearchQuery, options: SearchOptions, depth: number): Promise<ReadonlySet<string>[]> {
  const sets: ReadonlySet<string>[] = [];
  if ((query.categoryIds?.length ?? 0) > 0) {
    const tags = options.tags ?? (await computeTags(ctx));
    for (const id of query.categoryIds ?? []) sets.push(photosWithCategory(tags, id));
  }
  if ((query.keywords?.length ?? 0) > 0) sets.push(ctx.catalog.photosWithKeywords(query.keywords ?? []));
  if (query.albumId !== undefined) sets.push(new Set(await albumPhotoIds(ctx, findAlbum(ctx.catalog, query.albumId), depth)));
  return sets;
}

/** Every filter as a member set: the member sets, and what the catalog's columns allow. */
async function filterSets(ctx: SearchContext, query: SearchQuery, options: SearchOptions, depth: number): Promise<ReadonlySet<string>[]> {
  const sets = await memberSets(ctx, query, options, depth);
  const conditions = photoConditions(query);
  if (conditions) sets.push(ctx.catalog.photoIdsWhere(conditions));
  return sets;
}
