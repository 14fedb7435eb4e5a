// Runs in: the main process. Re-tags the whole library: every category's prompt ensemble and
// negative prompts (and the background prompts, once per library version) go into one
// similarity product against all photo vectors (no re-embedding of photos; prompt embeddings are cached), then
// category-scoring.ts calibrates and applies the user's corrections. Method: the "tag
// calibration" note in calibration.ts.
import type { Catalog } from '../library/catalog';
import type { CategoryRecord } from '../library/catalog-schema';
import type { LibraryMatrix } from '../search/library-matrix';
import { logSumExpColumns, meanDirection, meanVector, rocchio } from './calibration';
import { scoreCategories, type CategoryPlan, type CategoryScores } from './category-scoring';
import { recordCalibration } from './category-store';
import { BACKGROUND_PROMPTS, categoryPrompts } from './prompt-templates';
import type { TextVectorCache } from './text-vector-cache';

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

export interface TagSet {
  /** Photo id of each column. */
  ids: readonly string[];
  rowOf: ReadonlyMap<string, number>;
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
 * The background term (LSE over BACKGROUND_PROMPTS per photo) depends only on the photos and
 * the text model, not on any category, so it is kept per library matrix for the version it was
 * reduced from (`ids` is that version's column list, a new array whenever the store changes)
 * and its 4 rows leave the product of every later re-tag.
 */
const backgrounds = new WeakMap<LibraryMatrix, { ids: readonly string[]; texts: TextVectorCache; lse: Float32Array }>();

export async function computeTags(ctx: TagContext): Promise<TagSet> {
  const categories = [...ctx.catalog.table('categories')];
  const decisions = new Map(ctx.catalog.table('tagDecisions').map((d) => [`${d.photoId}\0${d.categoryId}`, d.decision] as const));
  const ids = await ctx.matrix.ids();
  const rowOf = new Map(ids.map((id, row) => [id, row]));
  if (categories.length === 0 || ids.length === 0) return { ids, rowOf, categories: [], decisions };

  const prompts = categories.map((c) => categoryPrompts(c.name, c.prompts));
  const negatives = [...new Set(categories.flatMap((c) => c.negativePrompts))];
  const cached = backgrounds.get(ctx.matrix);
  const background = cached?.ids === ids && cached.texts === ctx.texts ? cached.lse : null;
  const promptVectors = await Promise.all(prompts.map((p) => ctx.texts.embed(p)));
  const fixedRows = await ctx.texts.embed(background ? negatives : [...negatives, ...BACKGROUND_PROMPTS]);

  const corrections = categories.map((c) => correctionsOf(ctx, c.id, rowOf));
  const dim = ctx.matrix.dim;
  const queryVectors = categories.map((_, i) => {
    const zeroShot = meanDirection(promptVectors[i] ?? []);
    const { accepted, rejected } = corrections[i] ?? { accepted: [], rejected: [] };
    if (accepted.length + rejected.length === 0) return zeroShot;
    const vectorsOf = (photoIds: string[]) => photoIds.map((id) => ctx.matrix.vector(id)).filter((v) => v !== undefined);
    return rocchio(zeroShot, meanVector(vectorsOf(accepted), dim), meanVector(vectorsOf(rejected), dim), ctx.matrix.mean());
  });
  const count = categories.length + fixedRows.length;
  const queries = new Float32Array(count * dim);
  [...queryVectors, ...fixedRows].forEach((v, row) => queries.set(v, row * dim));
  const scored = await ctx.matrix.score(queries, count);
  // The store changed since `ids` was read: columns, corrections and any cached background
  // belong to the old version, so the re-tag starts over against the new one.
  if (scored.ids !== ids) return computeTags(ctx);
  const input = { scores: scored.scores, n: ids.length, count };

  let backgroundLse = background;
  if (!backgroundLse) {
    backgroundLse = logSumExpColumns(input, BACKGROUND_PROMPTS.map((_, i) => categories.length + negatives.length + i));
    backgrounds.set(ctx.matrix, { ids, texts: ctx.texts, lse: backgroundLse });
  }
  const negativeColumn = new Map(negatives.map((text, i) => [text, categories.length + i]));
  const plans: CategoryPlan[] = categories.map((c, i) => ({
    column: i,
    negativeColumns: c.negativePrompts.map((p) => negativeColumn.get(p) ?? -1).filter((column) => column >= 0),
    threshold: c.threshold,
    accepted: columnsOf(corrections[i]?.accepted ?? [], rowOf),
    rejected: columnsOf(corrections[i]?.rejected ?? [], rowOf),
  }));
  const results = scoreCategories(input, backgroundLse, plans);
  const now = new Date().toISOString();
  const tagged = categories.map((category, i) => {
    const result = results[i] as CategoryScores;
    const plan = plans[i] as CategoryPlan;
    recordCalibration(ctx.catalog, category.id, {
      modelId: ctx.modelId,
      threshold: result.threshold,
      accepted: plan.accepted.length,
      rejected: plan.rejected.length,
      tagged: result.taggedCount,
      updatedAt: now,
    });
    return { ...result, category };
  });
  return { ids, rowOf, categories: tagged, decisions };
}

function correctionsOf(ctx: TagContext, categoryId: string, rowOf: ReadonlyMap<string, number>): { accepted: string[]; rejected: string[] } {
  const accepted: string[] = [];
  const rejected: string[] = [];
  for (const d of ctx.catalog.table('tagDecisions')) {
    if (d.categoryId !== categoryId || !rowOf.has(d.photoId)) continue;
    (d.decision === 'accepted' ? accepted : rejected).push(d.photoId);
  }
  return { accepted, rejected };
}

function columnsOf(photoIds: readonly string[], rowOf: ReadonlyMap<string, number>): number[] {
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
    else if (column !== undefined && c.tagged[column] === 1) out.push({ name: c.category.name, categoryId: c.category.id, score, source: 'auto' });
  }
  for (const keyword of keywords) out.push({ name: keyword, categoryId: null, score: null, source: 'keyword' });
  return out;
}

/** Ids of the photos carrying a category (auto or accepted). */
export function photosWithCategory(tags: TagSet, categoryId: string): Set<string> {
  const found = tags.categories.find((c) => c.category.id === categoryId);
  const out = new Set<string>();
  if (!found) return out;
  found.tagged.forEach((t, column) => {
    const id = tags.ids[column];
    if (t === 1 && id !== undefined) out.add(id);
  });
  return out;
}

/** Keywords per photo id, from the catalog's keyword table. */
export function keywordsByPhoto(catalog: Catalog): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const { photoId, keyword } of catalog.table('keywords')) {
    const list = out.get(photoId);
    if (list) list.push(keyword);
    else out.set(photoId, [keyword]);
  }
  return out;
}
