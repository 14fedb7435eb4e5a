// Runs in: the renderer (pure, no React). What of the photo list to ask main for again while
// a library indexes, and how the answer joins the list the grid has. The catalog lists photos
// in the order they were added and the indexer adds each new one as 'pending' just before it
// embeds it, so during a run what changes is the tail from the first pending photo: that is
// what a refresh asks for, a page or two rather than 100,000 records every second and a half.
// Files changed in place keep their place and are caught by the full reload when the run ends.
import type { PhotoInfo } from '../../../main/shared/api-contract';

/**
 * Where a refresh starts listing: one photo before the first pending one (or before the end),
 * so the answer's first record tells whether a removal has shifted everything after it.
 */
export function tailOffset(photos: readonly PhotoInfo[]): number {
  const pending = photos.findIndex((p) => p.status === 'pending');
  return Math.max(0, (pending < 0 ? photos.length : pending) - 1);
}

/**
 * The list with everything from `offset` replaced by `tail`, main's listing from there now.
 * The same array when nothing in the tail moved on (same photos, same states: a photo's
 * metadata lands with its state), so the grid does not re-sort 100,000 photos for nothing;
 * null when the photo at `offset` is another one, and only a full reload can say what changed.
 */
export function withTail(photos: PhotoInfo[], offset: number, tail: readonly PhotoInfo[]): PhotoInfo[] | null {
  if (offset < photos.length && tail[0]?.id !== photos[offset]?.id) return null;
  const same = tail.length === photos.length - offset && tail.every((p, i) => p.id === photos[offset + i]?.id && p.status === photos[offset + i]?.status);
  return same ? photos : [...photos.slice(0, offset), ...tail];
}
