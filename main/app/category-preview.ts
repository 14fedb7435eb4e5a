// Runs in: main process and the bridge (plain Node). The category editor's live preview: an
// unsaved category (name, prompts, negative prompts) scored against every photo the way a
// re-tag scores a saved one (its zero-shot query and negatives through the worker's margins
// graph, tagger.ts and margin-cache.ts), but nothing is stored or cached and no corrections
// are learned. The editor gets the scores themselves, so moving its threshold slider filters
// them without a call.
import type { CategoryDraftInput, CategoryPreview, CategoryPreviewHit, ParsedArgs } from '../shared/api-contract';
import { DEFAULT_THRESHOLD } from '../tagging/calibration';
import { libraryMargins } from '../tagging/margin-cache';
import { zeroShotVector, type TagContext } from '../tagging/tagger';

/** minScore, limit, and the saved category being edited (its decisions ride along with the hits). */
export type PreviewOptions = NonNullable<ParsedArgs<'categories:preview'>[1]>;

const DEFAULT_LIMIT = 2000;

export async function previewCategory(ctx: TagContext, draft: CategoryDraftInput, options: PreviewOptions = {}): Promise<CategoryPreview> {
  const empty = { defaultThreshold: DEFAULT_THRESHOLD, scored: 0, hits: [], truncated: false };
  if ((await ctx.matrix.ids()).length === 0) return empty;

  const vector = await zeroShotVector(ctx.texts, draft);
  const { margins, ids } = await libraryMargins(ctx.matrix, ctx.texts, [{ vector, negativePrompts: draft.negativePrompts }]);
  const scores = margins[0] as Float32Array;

  const decisions = new Map(
    options.categoryId === undefined
      ? []
      : ctx.catalog.table('tagDecisions').filter((d) => d.categoryId === options.categoryId).map((d) => [d.photoId, d.decision] as const),
  );
  // Without a floor, every photo competes for the limit, best first.
  const minScore = options.minScore ?? Number.NEGATIVE_INFINITY;
  const hits: CategoryPreviewHit[] = [];
  scores.forEach((score, column) => {
    const photoId = ids[column];
    const decision = photoId === undefined ? undefined : decisions.get(photoId);
    // A decided photo always comes back: the editor shows it whatever the threshold.
    if (photoId !== undefined && (score >= minScore || decision !== undefined)) hits.push({ photoId, score, decision: decision ?? null });
  });
  hits.sort((a, b) => b.score - a.score);
  const limit = options.limit ?? DEFAULT_LIMIT;
  return { defaultThreshold: DEFAULT_THRESHOLD, scored: ids.length, hits: hits.slice(0, limit), truncated: hits.length > limit };
}
