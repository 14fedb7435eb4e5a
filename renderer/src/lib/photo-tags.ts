// Runs in: the renderer (pure, no React). One row per category for a photo's tag panel,
// from the categories and the photo's tags as main computed them: which apply and why
// (the category's own cut, or the user's accept), which the user rejected, which do not
// apply; plus the photo's keywords (imported or the user's own). Applied rows come first,
// best score first.
import type { CategoryInfo, PhotoTagInfo } from '../../../main/shared/api-contract';

export interface TagRow {
  category: CategoryInfo;
  /** null: the category does not apply and the user has not decided. */
  source: 'auto' | 'accepted' | 'rejected' | null;
  score: number | null;
}

const RANK: Record<string, number> = { accepted: 0, auto: 0, null: 1, rejected: 2 };

export function tagRows(categories: readonly CategoryInfo[], tags: readonly PhotoTagInfo[]): { rows: TagRow[]; keywords: string[] } {
  const byCategory = new Map(tags.flatMap((t) => (t.categoryId === null ? [] : [[t.categoryId, t] as const])));
  const rows = categories.map((category): TagRow => {
    const tag = byCategory.get(category.id);
    return { category, source: tag && tag.source !== 'keyword' ? tag.source : null, score: tag?.score ?? null };
  });
  rows.sort(
    (a, b) =>
      (RANK[String(a.source)] ?? 1) - (RANK[String(b.source)] ?? 1) ||
      (b.score ?? Number.NEGATIVE_INFINITY) - (a.score ?? Number.NEGATIVE_INFINITY),
  );
  return { rows, keywords: tags.filter((t) => t.source === 'keyword').map((t) => t.name) };
}

/** CLIP's logit scale, the T of the "tag calibration" note (main/tagging/calibration.ts). */
const LOGIT_SCALE = 100;

/**
 * How sure a tag is, 0 to 1, from its calibrated score: the share the category gets against
 * its alternatives, sigmoid(T x margin), so the default cut (0) is one half. Null for none.
 */
export function tagConfidence(score: number | null): number | null {
  return score === null ? null : 1 / (1 + Math.exp(-LOGIT_SCALE * score));
}

/** What the "Add keyword" field holds as keywords: commas separate several, as in Lightroom. */
export function parseKeywords(text: string): string[] {
  return text
    .split(',')
    .map((k) => k.trim())
    .filter((k) => k.length > 0);
}
