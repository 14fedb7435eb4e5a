// Runs in: the renderer (pure, no React). The category editor's preview at a threshold: main
// sends a draft's scores once (categories:preview), and every move of the slider re-splits
// them here, with no round trip. A photo the user decided on goes where the decision says;
// the others match when they score at or above the cut, and are borderline when they are
// within `band` of it on either side (the ones worth a look and a correction).
import type { CategoryPreviewHit } from '../../../main/shared/api-contract';

/** How near the cut counts as borderline, in calibrated-score units. */
export const BORDERLINE_BAND = 0.02;

export interface PreviewSplit {
  matching: CategoryPreviewHit[];
  borderline: CategoryPreviewHit[];
}

export function splitPreview(hits: readonly CategoryPreviewHit[], cut: number, band = BORDERLINE_BAND): PreviewSplit {
  const matching: CategoryPreviewHit[] = [];
  const borderline: CategoryPreviewHit[] = [];
  for (const hit of hits) {
    if (hit.decision === 'accepted' || (hit.decision === null && hit.score >= cut)) matching.push(hit);
    if (hit.decision === null && Math.abs(hit.score - cut) <= band) borderline.push(hit);
  }
  // Closest to the cut first: those are the ones a correction settles.
  borderline.sort((a, b) => Math.abs(a.score - cut) - Math.abs(b.score - cut));
  return { matching, borderline };
}
