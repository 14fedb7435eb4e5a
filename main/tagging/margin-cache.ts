// Runs in: the main process. Each category's calibrated margins over the library, from the
// worker's margins graph (inference/margins-graph.ts), kept per category for the library
// version, query vector and negative prompts they came from. A re-tag after a threshold
// change then runs no product at all, and one after editing or correcting one category a
// product for that category alone: it still reads the whole library, so it takes about half
// the worker time of scoring all 20 (42 vs 88 ms at 100k photos, load ~8), not a twentieth.
import type { LibraryMatrix } from '../search/library-matrix';
import { BACKGROUND_PROMPTS } from './prompt-templates';
import type { TextVectorCache } from './text-vector-cache';
import type { ColumnIds } from '../library/column-ids';

export interface MarginQuery {
  categoryId: string;
  /** Unit vector: the prompt ensemble, moved by the corrections. */
  vector: Float32Array;
  negativePrompts: readonly string[];
}

interface Cached {
  /** The library version's column list (a new array whenever the store changes). */
  ids: ColumnIds;
  texts: TextVectorCache;
  vector: Float32Array;
  negativePrompts: readonly string[];
  margins: Float32Array;
}

const caches = new WeakMap<LibraryMatrix, Map<string, Cached>>();

/**
 * Margins per query, in order, over the photo columns `ids`; null when the library changed
 * under the product, so the caller starts over against the new version.
 */
export async function cachedMargins(
  matrix: LibraryMatrix,
  texts: TextVectorCache,
  ids: ColumnIds,
  queries: readonly MarginQuery[],
): Promise<Float32Array[] | null> {
  const previous = caches.get(matrix) ?? new Map<string, Cached>();
  const current = (q: MarginQuery, c: Cached | undefined): c is Cached =>
    c !== undefined &&
    c.ids === ids &&
    c.texts === texts &&
    sameValues(c.vector, q.vector) &&
    sameValues(c.negativePrompts, q.negativePrompts);
  const stale = queries.filter((q) => !current(q, previous.get(q.categoryId)));
  const computed = new Map<string, Float32Array>();
  if (stale.length > 0) {
    const result = await libraryMargins(matrix, texts, stale);
    if (result.ids !== ids) return null;
    stale.forEach((q, c) => computed.set(q.categoryId, result.margins[c] as Float32Array));
  }
  // Rebuilt from this call's queries alone, so removed categories leave the cache.
  const next = new Map<string, Cached>();
  const margins = queries.map((q) => {
    const found = computed.get(q.categoryId) ?? (previous.get(q.categoryId) as Cached).margins;
    next.set(q.categoryId, { ids, texts, vector: q.vector, negativePrompts: q.negativePrompts, margins: found });
    return found;
  });
  caches.set(matrix, next);
  return margins;
}

/**
 * Margins per query, in order, from one run of the worker's margins graph, uncached: a re-tag's
 * changed categories (above) and the category editor's preview of an unsaved draft, which must
 * not displace the saved categories' cached margins. `ids`: the photo columns they belong to.
 */
export async function libraryMargins(
  matrix: LibraryMatrix,
  texts: TextVectorCache,
  queries: readonly Pick<MarginQuery, 'vector' | 'negativePrompts'>[],
): Promise<{ margins: Float32Array[]; ids: ColumnIds }> {
  // A negative prompt that is also a background prompt is one alternative, counted once.
  const alternatives = [...new Set([...BACKGROUND_PROMPTS, ...queries.flatMap((q) => q.negativePrompts)])];
  const column = new Map(alternatives.map((text, i) => [text, i]));
  const rows = [...queries.map((q) => q.vector), ...(await texts.embed(alternatives))];
  const dim = matrix.dim;
  const packed = new Float32Array(rows.length * dim);
  rows.forEach((v, row) => packed.set(v, row * dim));
  const mask = new Float32Array(queries.length * alternatives.length);
  queries.forEach((q, c) => {
    for (const text of [...BACKGROUND_PROMPTS, ...q.negativePrompts]) mask[c * alternatives.length + (column.get(text) as number)] = 1;
  });
  const { margins, ids } = await matrix.margins(packed, queries.length, mask);
  return { margins: queries.map((_, c) => margins.subarray(c * ids.length, (c + 1) * ids.length)), ids };
}

function sameValues<T>(a: ArrayLike<T>, b: ArrayLike<T>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
