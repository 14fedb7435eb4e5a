// Runs in: the main process. After a correction, the near-identical photos of the corrected
// ones whose tag still says otherwise: offered to the user ("also 3 near-identical photos?"),
// never changed silently (a correction changes its own photos only).
import { nearIdenticalPhotos, type SearchContext } from '../search/photo-search';
import { isTagged } from './category-scoring';
import { computeTags } from './tagger';

/** Corrections of more photos than this (a drag of a whole folder) offer no look-alikes: one product per photo. */
const MAX_CORRECTED = 64;

export async function lookAlikesToDecide(
  ctx: SearchContext,
  photoIds: readonly string[],
  categoryId: string,
  decision: 'accepted' | 'rejected',
): Promise<string[]> {
  if (photoIds.length > MAX_CORRECTED) return [];
  const near = await nearIdenticalPhotos(ctx, photoIds);
  if (near.length === 0) return [];
  const tags = await computeTags(ctx);
  const scores = tags.categories.find((c) => c.category.id === categoryId);
  if (!scores) return [];
  return near.filter((id) => {
    const column = tags.rowOf.get(id);
    if (column === undefined || tags.decisions.has(`${id}\0${categoryId}`)) return false;
    return isTagged(scores, column) !== (decision === 'accepted');
  });
}
