// Runs in: the main process. What the user's corrections suggest for a whole category, with
// its effect in photos, and applying it when (and only when) the user says so. A correction
// itself decides its own photo only (category-scoring.ts); here the category's query is moved
// towards its accepted photos and away from its rejected ones (Rocchio) and its cut to where
// the corrections are best separated, both as in the "tag calibration" note of calibration.ts,
// and the photos that would join or leave are listed before anything changes.
import { createHash } from 'node:crypto';
import type { CategoryRecord } from '../library/catalog-schema';
import { ClipfolioError } from '../shared/errors';
import { learnThreshold, standardDeviation } from './calibration';
import { isTagged, type CategoryScores } from './category-scoring';
import { applyLearned, findCategory, keepWithoutSuggestion } from './category-store';
import { libraryMargins } from './margin-cache';
import { categoryQuery, computeTags, correctionsByCategory, learnedQuery, zeroShotVector, type TagContext } from './tagger';
import type { ColumnIds } from '../library/column-ids';

/**
 * Corrections the current cut disagrees with (a rejected photo above it, an accepted one
 * below) before anything is suggested: one is an exception its own decision settles;
 * several say the category itself is off.
 */
export const MIN_DISAGREEING = 2;

export interface LearningSuggestion {
  categoryId: string;
  /** Identifies this suggestion: applying or keeping names it, so the user acts on what they saw. */
  key: string;
  /** The cut now and the one learning proposes (equal when only the query moves). */
  cut: { from: number; to: number };
  /** Whether the category's query moves towards its accepted photos and away from its rejected ones. */
  movesQuery: boolean;
  /** Photos that would gain / lose the tag (corrected photos keep their own decision either way). */
  joins: string[];
  leaves: string[];
  accepted: number;
  rejected: number;
}

interface Proposal {
  suggestion: LearningSuggestion;
  /** The moved query, when it moves. */
  vector: Float32Array | null;
  from: { accepted: string[]; rejected: string[] };
}

/** The category's learning suggestion, or null when its corrections ask for nothing (or the user kept it as it is). */
export async function suggestLearning(ctx: TagContext, categoryId: string): Promise<LearningSuggestion | null> {
  const proposal = await propose(ctx, categoryId);
  return proposal?.suggestion.key === findCategory(ctx.catalog, categoryId).keptSuggestion ? null : (proposal?.suggestion ?? null);
}

/** Applies the suggestion `key` (as shown to the user); refuses one that no longer stands. */
export async function applyLearning(ctx: TagContext, categoryId: string, key: string): Promise<CategoryRecord> {
  const proposal = await propose(ctx, categoryId);
  if (proposal?.suggestion.key !== key) throw staleSuggestion();
  const { suggestion, vector, from } = proposal;
  return applyLearned(ctx.catalog, categoryId, {
    ...(vector ? { learned: { modelId: ctx.modelId, vector: Array.from(vector), ...from } } : {}),
    ...(suggestion.cut.to !== suggestion.cut.from ? { threshold: suggestion.cut.to } : {}),
  });
}

/** The user keeps the category as it is: the suggestion `key` is not offered again until corrections change. */
export async function keepCategory(ctx: TagContext, categoryId: string, key: string): Promise<CategoryRecord> {
  const proposal = await propose(ctx, categoryId);
  if (proposal?.suggestion.key !== key) throw staleSuggestion();
  return keepWithoutSuggestion(ctx.catalog, categoryId, key);
}

function staleSuggestion(): ClipfolioError {
  return new ClipfolioError('CONFLICT', 'The suggestion changed since it was shown (new corrections or edits). Look at it again.');
}

async function propose(ctx: TagContext, categoryId: string): Promise<Proposal | null> {
  const category = findCategory(ctx.catalog, categoryId);
  const tags = await computeTags(ctx);
  const current = tags.categories.find((c) => c.category.id === category.id);
  if (!current) return null;
  const from = correctionsByCategory(ctx.catalog.decisions(), tags.rowOf).get(category.id) ?? { accepted: [], rejected: [] };
  const disagreeing =
    current.accepted.filter((c) => (current.margins[c] as number) < current.threshold).length +
    current.rejected.filter((c) => (current.margins[c] as number) >= current.threshold).length;
  if (disagreeing < MIN_DISAGREEING) return null;

  // Learning from exactly the corrections already learned from moves nothing: only the cut may.
  const learnedAlready = category.learned !== null && sameSet(category.learned.accepted, from.accepted) && sameSet(category.learned.rejected, from.rejected);
  const vector = learnedAlready ? null : await learnedQuery(ctx, category, await zeroShotVector(ctx.texts, category), from);
  const margins = vector ? await marginsOf(ctx, tags.ids, vector, category.negativePrompts) : current.margins;
  if (!margins) return propose(ctx, categoryId);
  const at = (columns: readonly number[]) => columns.map((c) => margins[c] as number);
  const cut = learnThreshold(current.threshold, at(current.accepted), at(current.rejected), standardDeviation(margins));
  const after: CategoryScores = { ...current, margins, threshold: cut };

  const joins: string[] = [];
  const leaves: string[] = [];
  for (let column = 0; column < tags.ids.length; column++) {
    const was = isTagged(current, column);
    if (was !== isTagged(after, column)) (was ? leaves : joins).push(tags.ids.at(column) as string);
  }
  if (joins.length + leaves.length === 0) return null;
  const suggestion: LearningSuggestion = {
    categoryId: category.id,
    key: suggestionKey(category, from, cut, await categoryQuery(ctx, category)),
    cut: { from: current.threshold, to: cut },
    movesQuery: vector !== null,
    joins,
    leaves,
    accepted: from.accepted.length,
    rejected: from.rejected.length,
  };
  return { suggestion, vector, from };
}

/** The moved query's margins over the columns `ids`; null when the library changed meanwhile. */
async function marginsOf(ctx: TagContext, ids: ColumnIds, vector: Float32Array, negativePrompts: readonly string[]): Promise<Float32Array | null> {
  const result = await libraryMargins(ctx.matrix, ctx.texts, [{ vector, negativePrompts }]);
  return result.ids === ids ? (result.margins[0] as Float32Array) : null;
}

/** Names what the suggestion was made from: the corrections, the proposed cut and the query it moves. */
function suggestionKey(category: CategoryRecord, from: { accepted: string[]; rejected: string[] }, cut: number, query: Float32Array): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify([category.id, [...from.accepted].sort(), [...from.rejected].sort(), category.threshold, cut]));
  hash.update(new Uint8Array(query.buffer, query.byteOffset, query.byteLength));
  return hash.digest('hex').slice(0, 16);
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const set = new Set(a);
  return a.length === b.length && b.every((x) => set.has(x));
}
