// Runs in: the renderer. What a category's corrections suggest (categories:suggestion), asked
// again whenever tags may have changed, so the banner follows each correction.
import { useEffect, useState } from 'react';
import type { LearningSuggestionInfo } from '../../../main/shared/api-contract';
import { api } from '../lib/api';
import { tagsVersion } from '../stores/categories-store';
import { useStore } from './use-store';

export function useLearningSuggestion(categoryId: string): LearningSuggestionInfo | null {
  const version = useStore(tagsVersion);
  const [suggestion, setSuggestion] = useState<{ categoryId: string; value: LearningSuggestionInfo | null } | null>(null);
  useEffect(() => {
    let current = true;
    // A suggestion that cannot be worked out (no model yet) is no news: nothing to suggest.
    void api.categories.suggestion(categoryId).then((result) => {
      if (current) setSuggestion({ categoryId, value: result.ok ? result.value : null });
    });
    return () => {
      current = false;
    };
  }, [categoryId, version]);
  return suggestion?.categoryId === categoryId ? suggestion.value : null;
}
