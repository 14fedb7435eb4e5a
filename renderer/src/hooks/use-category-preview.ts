// Runs in: the renderer. A draft category's scores over the library (categories:preview) and
// its tag counts at every position of the editor's slider, asked again once the draft has
// been still for a moment, or when tags change (a decision on the category being edited).
// Moving the threshold asks nothing: the editor re-splits these scores
// (lib/category-preview.ts) and reads the count main decided for that cut.
import { useEffect, useState } from 'react';
import type { CategoryDraftInput, CategoryPreview } from '../../../main/shared/api-contract';
import { api } from '../lib/api';
import { tagsVersion } from '../stores/categories-store';
import { valueOrNotify } from '../stores/notices';
import { useDebounced } from './use-debounced';
import { useStore } from './use-store';

const TYPING_PAUSE_MS = 300;
/** The slider's loosest cut less a borderline band, so every photo the editor can show comes. */
export const PREVIEW_MIN_SCORE = -0.15;
/** The calibrated margin's range the slider spans (0 is the default cut), and its step. */
export const THRESHOLD_MIN = -0.1;
export const THRESHOLD_MAX = 0.1;
export const THRESHOLD_STEP = 0.005;
/** Every cut the slider can take, as the numbers its value parses to. */
const SLIDER_CUTS = Array.from({ length: Math.round((THRESHOLD_MAX - THRESHOLD_MIN) / THRESHOLD_STEP) + 1 }, (_, k) =>
  Math.round((THRESHOLD_MIN + k * THRESHOLD_STEP) * 1000) / 1000,
);

/** The photos the category would carry at `cut`, as the sidebar would count them; null until known. */
export function taggedAt(preview: CategoryPreview | null, cut: number): number | null {
  return preview?.counts.find((c) => c.cut === cut)?.tagged ?? null;
}

/** `cut`: the cut in force, counted too when the slider cannot take it (one set from the command line or by learning). */
export function useCategoryPreview(draft: CategoryDraftInput, categoryId: string | null, cut: number): CategoryPreview | null {
  const version = useStore(tagsVersion);
  const offGrid = SLIDER_CUTS.includes(cut) ? null : cut;
  const key = useDebounced(JSON.stringify([draft, offGrid]), TYPING_PAUSE_MS);
  const [preview, setPreview] = useState<{ key: string; value: CategoryPreview } | null>(null);
  useEffect(() => {
    const [settled, extraCut] = JSON.parse(key) as [CategoryDraftInput, number | null];
    if (!settled.name.trim()) return;
    let current = true;
    const cuts = extraCut === null ? SLIDER_CUTS : [...SLIDER_CUTS, extraCut];
    const options = { minScore: PREVIEW_MIN_SCORE, cuts, ...(categoryId === null ? {} : { categoryId }) };
    void api.categories.preview(settled, options).then((result) => {
      const value = valueOrNotify(result, 'preview the category');
      if (current && value) setPreview({ key, value });
    });
    return () => {
      current = false;
    };
  }, [key, categoryId, version]);
  // A preview for an older draft stays up while the new one is computed: no flicker per key.
  return draft.name.trim() ? (preview?.value ?? null) : null;
}
