// Runs in: main process and the bridge (plain Node). The category editor's live preview: an
// unsaved category (name, prompts, negative prompts) scored against every photo the way a
// re-tag scores a saved one (same prompt ensemble, background and negative calibration,
// category-scoring.ts), but nothing is stored and no corrections are learned. The editor
// gets the scores themselves, so moving its threshold slider filters them without a call.
import type { CategoryDraftInput, CategoryPreview, CategoryPreviewHit, ParsedArgs } from '../shared/api-contract';
import { DEFAULT_THRESHOLD, logSumExpColumns, meanDirection } from '../tagging/calibration';
import { scoreCategories } from '../tagging/category-scoring';
import { BACKGROUND_PROMPTS, categoryPrompts } from '../tagging/prompt-templates';
import type { TagContext } from '../tagging/tagger';

/** minScore, limit, and the saved category being edited (its decisions ride along with the hits). */
export type PreviewOptions = NonNullable<ParsedArgs<'categories:preview'>[1]>;

const DEFAULT_LIMIT = 2000;

export async function previewCategory(ctx: TagContext, draft: CategoryDraftInput, options: PreviewOptions = {}): Promise<CategoryPreview> {
  const empty = { defaultThreshold: DEFAULT_THRESHOLD, scored: 0, hits: [], truncated: false };
  if ((await ctx.matrix.ids()).length === 0) return empty;

  const negatives = [...new Set(draft.negativePrompts)];
  const [promptVectors, fixedRows] = await Promise.all([
    ctx.texts.embed(categoryPrompts(draft.name, draft.prompts)),
    ctx.texts.embed([...negatives, ...BACKGROUND_PROMPTS]),
  ]);
  const dim = ctx.matrix.dim;
  const rows = [meanDirection(promptVectors), ...fixedRows];
  const queries = new Float32Array(rows.length * dim);
  rows.forEach((v, row) => queries.set(v, row * dim));
  const scored = await ctx.matrix.score(queries, rows.length);
  const input = { scores: scored.scores, n: scored.ids.length, count: rows.length };

  // Columns of the product: the draft, its negatives, then the background prompts.
  const negativeColumns = negatives.map((_, i) => 1 + i);
  const backgroundLse = logSumExpColumns(input, BACKGROUND_PROMPTS.map((_, i) => 1 + negatives.length + i));
  const [result] = scoreCategories(input, backgroundLse, [{ column: 0, negativeColumns, threshold: null, accepted: [], rejected: [] }]);
  if (!result) return empty;

  const decisions = new Map(
    options.categoryId === undefined
      ? []
      : ctx.catalog.table('tagDecisions').filter((d) => d.categoryId === options.categoryId).map((d) => [d.photoId, d.decision] as const),
  );
  // Without a floor, every photo competes for the limit, best first.
  const minScore = options.minScore ?? Number.NEGATIVE_INFINITY;
  const hits: CategoryPreviewHit[] = [];
  result.margins.forEach((score, column) => {
    const photoId = scored.ids[column];
    const decision = photoId === undefined ? undefined : decisions.get(photoId);
    // A decided photo always comes back: the editor shows it whatever the threshold.
    if (photoId !== undefined && (score >= minScore || decision !== undefined)) hits.push({ photoId, score, decision: decision ?? null });
  });
  hits.sort((a, b) => b.score - a.score);
  const limit = options.limit ?? DEFAULT_LIMIT;
  return { defaultThreshold: DEFAULT_THRESHOLD, scored: scored.ids.length, hits: hits.slice(0, limit), truncated: hits.length > limit };
}
