// Runs in: main process and the bridge (plain Node). The category editor's live preview: a
// draft (name, prompts, negative prompts) scored against every photo the way a re-tag scores
// a saved category, and its tag counts at the cuts the editor's slider can take, decided by
// the re-tag's own decision function (category-scoring.ts) with the saved category's
// corrections. While the draft's words are the saved ones, its scores are the re-tag's own
// margins (the learned query included), so the editor's count is the sidebar's. Nothing is
// stored or cached. The editor gets the scores themselves, so moving its threshold slider
// re-splits the thumbnails without a call.
import type { CategoryDraftInput, CategoryPreview, CategoryPreviewHit, ParsedArgs } from '../shared/api-contract';
import { DEFAULT_THRESHOLD } from '../tagging/calibration';
import { taggedCountsAt } from '../tagging/category-scoring';
import { findCategory, sameList } from '../tagging/category-store';
import { libraryMargins } from '../tagging/margin-cache';
import { categoryQuery, computeTags, zeroShotVector, type TagContext } from '../tagging/tagger';

/** minScore, limit, cuts, and the saved category being edited (its decisions ride along with the hits). */
export type PreviewOptions = NonNullable<ParsedArgs<'categories:preview'>[1]>;

const DEFAULT_LIMIT = 2000;

export async function previewCategory(ctx: TagContext, draft: CategoryDraftInput, options: PreviewOptions = {}): Promise<CategoryPreview> {
  const empty = { defaultThreshold: DEFAULT_THRESHOLD, scored: 0, hits: [], truncated: false, counts: [] };
  const tags = await computeTags(ctx);
  if (tags.ids.length === 0) return empty;

  const saved = options.categoryId === undefined ? null : findCategory(ctx.catalog, options.categoryId);
  const scoredSaved = saved && tags.categories.find((c) => c.category.id === saved.id);
  const samePrompts = saved !== null && sameList(saved.prompts, draft.prompts);
  let scores: Float32Array;
  if (scoredSaved && samePrompts && sameList(saved.negativePrompts, draft.negativePrompts)) {
    scores = scoredSaved.margins;
  } else {
    const vector = saved && samePrompts ? await categoryQuery(ctx, saved) : await zeroShotVector(ctx.texts, draft);
    const result = await libraryMargins(ctx.matrix, ctx.texts, [{ vector, negativePrompts: draft.negativePrompts }]);
    // The library changed while the draft was scored: start over on the new columns.
    if (result.ids !== tags.ids) return previewCategory(ctx, draft, options);
    scores = result.margins[0] as Float32Array;
  }
  const ids = tags.ids;

  const corrections = { accepted: scoredSaved?.accepted ?? [], rejected: scoredSaved?.rejected ?? [] };
  const counts = taggedCountsAt(scores, corrections, options.cuts ?? []).map((tagged, i) => ({ cut: options.cuts?.[i] as number, tagged }));
  const decisionOf = new Map<number, 'accepted' | 'rejected'>([
    ...corrections.accepted.map((c) => [c, 'accepted'] as const),
    ...corrections.rejected.map((c) => [c, 'rejected'] as const),
  ]);
  // Without a floor, every photo competes for the limit, best first.
  const minScore = options.minScore ?? Number.NEGATIVE_INFINITY;
  const hits: CategoryPreviewHit[] = [];
  scores.forEach((score, column) => {
    const decision = decisionOf.get(column);
    // A decided photo always comes back: the editor shows it whatever the threshold.
    if (score >= minScore || decision !== undefined) hits.push({ photoId: ids.at(column) as string, score, decision: decision ?? null });
  });
  hits.sort((a, b) => b.score - a.score);
  const limit = options.limit ?? DEFAULT_LIMIT;
  return { defaultThreshold: DEFAULT_THRESHOLD, scored: ids.length, hits: hits.slice(0, limit), truncated: hits.length > limit, counts };
}
