// Runs in: the renderer (pure, no React). Which photo of a near-duplicate group to keep when
// the user has not picked one: the largest (most pixels, then the bigger file, which keeps
// more detail at the same size), or the sharpest (main's focus measure of each thumbnail,
// photos:sharpness), the largest breaking a tie or standing in while it is unknown.
import type { PhotoInfo } from '../../../main/shared/api-contract';

export type KeepRule = 'largest' | 'sharpest';

function pixels(photo: PhotoInfo): number {
  return (photo.width ?? 0) * (photo.height ?? 0);
}

function largerFirst(a: PhotoInfo, b: PhotoInfo): number {
  return pixels(b) - pixels(a) || b.size - a.size;
}

/** The id of the photo to keep; undefined for an empty group. */
export function bestOf(group: readonly PhotoInfo[], rule: KeepRule, sharpness: ReadonlyMap<string, number | null> = new Map()): string | undefined {
  const sharp = (p: PhotoInfo) => sharpness.get(p.id) ?? null;
  const ordered = [...group].sort((a, b) => {
    if (rule === 'sharpest') {
      const [x, y] = [sharp(a), sharp(b)];
      if (x !== null && y !== null && x !== y) return y - x;
    }
    return largerFirst(a, b);
  });
  return ordered[0]?.id;
}

/** The photos of each group other than the one kept: what "keep the best, trash the rest" trashes. */
export function othersOf(groups: readonly (readonly PhotoInfo[])[], kept: (group: readonly PhotoInfo[], index: number) => string | undefined): PhotoInfo[] {
  return groups.flatMap((group, i) => {
    const keep = kept(group, i);
    return group.filter((p) => p.id !== keep);
  });
}
