// Runs in: the main process. Puts the keywords the indexer read from photos' own metadata
// into the catalog's keyword table. A photo that is indexed again (its file changed) gets its
// read keywords replaced, since the file is their source; the ones the user added
// (origin 'manual', tagging/keyword-store.ts) are the user's and survive it. A read keyword
// that repeats a manual one, ignoring case as the keyword filter does, is left out so the
// photo never carries it twice.
import type { KeywordRecord } from './catalog-schema';

export function mergeReadKeywords(rows: readonly KeywordRecord[], indexedIds: ReadonlySet<string>, read: readonly KeywordRecord[]): KeywordRecord[] {
  const kept = rows.filter((row) => !indexedIds.has(row.photoId) || row.origin === 'manual');
  const manual = new Set(kept.filter((row) => row.origin === 'manual').map((row) => keyOf(row)));
  return [...kept, ...read.filter((row) => !manual.has(keyOf(row)))];
}

function keyOf({ photoId, keyword }: KeywordRecord): string {
  return `${photoId}\n${keyword.toLowerCase()}`;
}
