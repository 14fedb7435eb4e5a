// Runs in: the renderer. A draft category's scores over the library (categories:preview),
// asked again once the draft has been still for a moment, or when tags change (a decision
// on the category being edited). Moving the threshold asks nothing: the editor re-splits
// these scores (lib/category-preview.ts).
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

export function useCategoryPreview(draft: CategoryDraftInput, categoryId: string | null): CategoryPreview | null {
  const version = useStore(tagsVersion);
  const key = useDebounced(JSON.stringify(draft), TYPING_PAUSE_MS);
  const [preview, setPreview] = useState<{ key: string; value: CategoryPreview } | null>(null);
  useEffect(() => {
    const settled = JSON.parse(key) as CategoryDraftInput;
    if (!settled.name.trim()) return;
    let current = true;
    const options = { minScore: PREVIEW_MIN_SCORE, ...(categoryId === null ? {} : { categoryId }) };
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
