// Runs in: the main process. Per photo, how well the generic BACKGROUND_PROMPTS describe it:
// their LSE at CLIP's logit scale (the "tag calibration" note in tagging/calibration.ts). A
// search subtracts it from a query's cosines to judge the query as a category is judged
// ("relevance cut" note in relevance-cut.ts). It depends only on the photos and the text
// model, so it is reduced once per library version and kept; a search then still scores
// one row.
import { libraryMargins } from '../tagging/margin-cache';
import type { TextVectorCache } from '../tagging/text-vector-cache';
import type { LibraryMatrix } from './library-matrix';
import type { ColumnIds } from '../library/column-ids';

export interface BackgroundTerm {
  /** The library version's photo columns (a new snapshot whenever the store changes). */
  ids: ColumnIds;
  lse: Float32Array;
}

const kept = new WeakMap<LibraryMatrix, BackgroundTerm & { texts: TextVectorCache }>();

export async function backgroundTerm(matrix: LibraryMatrix, texts: TextVectorCache): Promise<BackgroundTerm> {
  const ids = await matrix.ids();
  const hit = kept.get(matrix);
  if (hit?.ids === ids && hit.texts === texts) return hit;
  // The margins graph gives s_query - LSE(background); for a zero query row s_query is 0, so
  // its margins are -LSE, from the same graph a re-tag runs rather than a second copy of it.
  const { margins, ids: at } = await libraryMargins(matrix, texts, [{ vector: new Float32Array(matrix.dim), negativePrompts: [] }]);
  const lse = Float32Array.from(margins[0] ?? [], (m) => -m);
  kept.set(matrix, { ids: at, lse, texts });
  return { ids: at, lse };
}
