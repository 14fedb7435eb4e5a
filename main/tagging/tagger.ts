// Runs in: the main process. Re-tags the whole library: every category's query (its prompt
// ensemble, prompt embeddings cached, or the learned query the user applied) is scored
// against all photo vectors by the worker's margins graph (no re-embedding of photos;
// margin-cache.ts keeps each category's margins while its inputs stand), then
// category-scoring.ts applies the cut and the user's corrections, each to its own photo. A re-tag is memoised: while the library version, the categories and
// the decisions are unchanged, every caller (the inspector asks once per photo it shows) gets
// the same TagSet. Method: the "tag calibration" note in calibration.ts.
import type { Catalog } from '../library/catalog';
import type { CategoryCalibration, CategoryRecord, TagDecisionRecord } from '../library/catalog-schema';
import type { ColumnIndex, LibraryMatrix } from '../search/library-matrix';
import { meanDirection, meanVector, rocchio, rocchioWeights } from './calibration';
import { decideCategory, isTagged, type CategoryScores } from './category-scoring';
import { recordCalibration } from './category-store';
import { cachedMargins } from './margin-cache';
import { BACKGROUND_PROMPTS, categoryPrompts } from './prompt-templates';
import type { TextVectorCache } from './text-vector-cache';
import type { ColumnIds } from '../library/column-ids';

export interface TagContext {
  catalog: Catalog;
  matrix: LibraryMatrix;
  texts: TextVectorCache;
  modelId: string;
}

export type TagSource = 'auto' | 'accepted' | 'rejected' | 'keyword';

export interface CategoryTags extends CategoryScores {
  category: CategoryRecord;
}

/** Shared by every caller of computeTags while its inputs stand: read it, never change it. */
export interface TagSet {
  /** Photo id of each column. */
  ids: ColumnIds;
  rowOf: ColumnIndex;
  categories: CategoryTags[];
  /** `${photoId}\0${categoryId}` -> the user's decision. */
  decisions: ReadonlyMap<string, 'accepted' | 'rejected'>;
}

export interface PhotoTag {
  name: string;
  /** null for a keyword. */
  categoryId: string | null;
  /** The calibrated score; null for a keyword. */
  score: number | null;
  source: TagSource;
}

/**
 * What a TagSet was computed from. The catalog's categories and decisions are compared by
 * identity: the catalog hands out a new array after every change to them.
 */
interface TagInputs {
  catalog: Catalog;
  texts: TextVectorCache;
  modelId: string;
  ids: ColumnIds;
  categories: readonly CategoryRecord[];
  decisions: readonly TagDecisionRecord[];
}

interface Memo {
  inputs: TagInputs;
  tags: Promise<TagSet>;
  /** `tags` once resolved, for the next re-tag to reuse unchanged categories' decisions. */
  settled: TagSet | null;
}

const memos = new WeakMap<LibraryMatrix, Memo>();

export async function computeTags(ctx: TagContext): Promise<TagSet> {
  const { ids, rowOf } = await ctx.matrix.columns();
  const inputs: TagInputs = {
    catalog: ctx.catalog,
    texts: ctx.texts,
    modelId: ctx.modelId,
    ids,
    categories: ctx.catalog.table('categories'),
    decisions: ctx.catalog.decisions(),
  };
  const memo = memos.get(ctx.matrix);
  if (memo && (Object.keys(inputs) as (keyof TagInputs)[]).every((k) => memo.inputs[k] === inputs[k])) return memo.tags;
  const entry: Memo = { inputs, tags: retag(ctx, inputs, rowOf, memo?.settled ?? null), settled: null };
  memos.set(ctx.matrix, entry);
  void entry.tags.then(
    (tags) => {
      entry.settled = tags;
    },
    () => {
      if (memos.get(ctx.matrix) === entry) memos.delete(ctx.matrix);
    },
  );
  return entry.tags;
}

/**
 * Computes the TagSet of `inputs`; its own calibration writes update `inputs.categories`.
 * A category whose margins (the same cached array), threshold and corrections are as in
 * `last` keeps its decisions from there: after one category's edit, that one alone is decided.
 */
async function retag(ctx: TagContext, inputs: TagInputs, rowOf: ColumnIndex, last: TagSet | null): Promise<TagSet> {
  const { ids, categories } = inputs;
  const decisions = new Map(inputs.decisions.map((d) => [`${d.photoId}\0${d.categoryId}`, d.decision] as const));
  if (categories.length === 0 || ids.length === 0) return { ids, rowOf, categories: [], decisions };

  const corrections = correctionsByCategory(inputs.decisions, rowOf);
  const queries = await Promise.all(
    categories.map(async (c) => ({ categoryId: c.id, vector: await categoryQuery(ctx, c), negativePrompts: c.negativePrompts })),
  );
  const margins = await cachedMargins(ctx.matrix, ctx.texts, ids, queries);
  // The store, the categories or the decisions changed while the worker scored: columns,
  // corrections and queries belong to the old inputs, so the re-tag starts over on the new.
  if (!margins || ctx.catalog.table('categories') !== categories || ctx.catalog.decisions() !== inputs.decisions) {
    return computeTags(ctx);
  }

  const now = new Date().toISOString();
  const before = new Map(last?.categories.map((c) => [c.category.id, c]));
  const tagged = categories.map((category, i) => {
    const { accepted, rejected } = corrections.get(category.id) ?? NO_CORRECTIONS;
    const plan = { threshold: category.threshold, accepted: columnsOf(accepted, rowOf), rejected: columnsOf(rejected, rowOf) };
    const own = margins[i] as Float32Array;
    const prior = before.get(category.id);
    const result =
      prior &&
      prior.margins === own &&
      prior.category.threshold === plan.threshold &&
      prior.accepted.join() === plan.accepted.join() &&
      prior.rejected.join() === plan.rejected.join()
        ? prior
        : decideCategory(own, plan);
    const calibration = {
      modelId: ctx.modelId,
      threshold: result.threshold,
      accepted: plan.accepted.length,
      rejected: plan.rejected.length,
      tagged: result.taggedCount,
    };
    // Only a change is written: an unchanged re-tag leaves the catalog (and its flush) alone.
    if (!sameCalibration(category.calibration, calibration)) recordCalibration(ctx.catalog, category.id, { ...calibration, updatedAt: now });
    return { ...result, category };
  });
  // Learning is not an input: the memo holds on while only these writes changed the table.
  inputs.categories = ctx.catalog.table('categories');
  return { ids, rowOf, categories: tagged, decisions };
}

/**
 * A category's query from its words alone: its prompt ensemble's mean direction. The category
 * editor's preview of a draft with new words stops here.
 */
export async function zeroShotVector(texts: TextVectorCache, category: Pick<CategoryRecord, 'name' | 'prompts'>): Promise<Float32Array> {
  return meanDirection(await texts.embed(categoryPrompts(category.name, category.prompts)));
}

/**
 * The query a category is tagged with: its words' zero-shot vector, or the learned query the
 * user applied. A query learned under another model is learned again, under this one, from
 * the same corrected photos (the user chose to learn from them; the old vector cannot serve).
 */
export async function categoryQuery(ctx: TagContext, category: CategoryRecord): Promise<Float32Array> {
  const { learned } = category;
  if (learned?.modelId === ctx.modelId) return Float32Array.from(learned.vector);
  const zeroShot = await zeroShotVector(ctx.texts, category);
  return learned ? learnedQuery(ctx, category, zeroShot, learned) : zeroShot;
}

/** Step (1) of learning (calibration.ts): the zero-shot query moved by these corrected photos. */
export async function learnedQuery(
  ctx: TagContext,
  category: Pick<CategoryRecord, 'negativePrompts'>,
  zeroShot: Float32Array,
  from: { accepted: readonly string[]; rejected: readonly string[] },
): Promise<Float32Array> {
  const vectorsOf = (photoIds: readonly string[]) => photoIds.map((id) => ctx.matrix.vector(id)).filter((v) => v !== undefined);
  const means = { accepted: meanVector(vectorsOf(from.accepted), ctx.matrix.dim), rejected: meanVector(vectorsOf(from.rejected), ctx.matrix.dim) };
  if (!means.accepted && !means.rejected) return zeroShot;
  const alternatives = await ctx.texts.embed([...BACKGROUND_PROMPTS, ...category.negativePrompts]);
  const libraryMean = await ctx.matrix.mean();
  const weights = rocchioWeights(zeroShot, alternatives, means, libraryMean, ctx.matrix.sample());
  return rocchio(zeroShot, means, libraryMean, weights);
}

export interface Corrections {
  accepted: string[];
  rejected: string[];
}

const NO_CORRECTIONS: Corrections = { accepted: [], rejected: [] };

/** Decided photo ids per category, for photos in the library version only. */
export function correctionsByCategory(decisions: readonly TagDecisionRecord[], rowOf: ColumnIndex): Map<string, Corrections> {
  const out = new Map<string, Corrections>();
  for (const d of decisions) {
    if (!rowOf.has(d.photoId)) continue;
    let found = out.get(d.categoryId);
    if (!found) {
      found = { accepted: [], rejected: [] };
      out.set(d.categoryId, found);
    }
    (d.decision === 'accepted' ? found.accepted : found.rejected).push(d.photoId);
  }
  return out;
}

function sameCalibration(stored: CategoryCalibration | null, fresh: Omit<CategoryCalibration, 'updatedAt'>): boolean {
  return (
    stored !== null &&
    stored.modelId === fresh.modelId &&
    stored.threshold === fresh.threshold &&
    stored.accepted === fresh.accepted &&
    stored.rejected === fresh.rejected &&
    stored.tagged === fresh.tagged
  );
}

function columnsOf(photoIds: readonly string[], rowOf: ColumnIndex): number[] {
  return photoIds.map((id) => rowOf.get(id)).filter((r) => r !== undefined);
}

/** A photo's tags: categories it carries (auto or accepted), rejected ones, and its keywords. */
export function tagsOfPhoto(tags: TagSet, photoId: string, keywords: readonly string[]): PhotoTag[] {
  const out: PhotoTag[] = [];
  const column = tags.rowOf.get(photoId);
  for (const c of tags.categories) {
    const decision = tags.decisions.get(`${photoId}\0${c.category.id}`);
    const score = column === undefined ? null : (c.margins[column] ?? null);
    if (decision) out.push({ name: c.category.name, categoryId: c.category.id, score, source: decision });
    else if (column !== undefined && isTagged(c, column)) out.push({ name: c.category.name, categoryId: c.category.id, score, source: 'auto' });
  }
  for (const keyword of keywords) out.push({ name: keyword, categoryId: null, score: null, source: 'keyword' });
  return out;
}

/** Ids of the photos carrying a category (auto or accepted). */
export function photosWithCategory(tags: TagSet, categoryId: string): Set<string> {
  const found = tags.categories.find((c) => c.category.id === categoryId);
  const out = new Set<string>();
  if (!found) return out;
  const { margins, threshold, accepted, rejected } = found;
  // A category's margins and the columns share one library version.
  const idOf = (column: number) => tags.ids.at(column) as string;
  for (let column = 0; column < margins.length; column++) if ((margins[column] as number) >= threshold) out.add(idOf(column));
  for (const column of accepted) out.add(idOf(column));
  for (const column of rejected) out.delete(idOf(column));
  return out;
}
