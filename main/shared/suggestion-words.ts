// Runs in: any process (the renderer's banner and the CLI say it alike). A learning
// suggestion (tagging/learning-suggestion.ts) in the user's words: what would change, in
// photos, never in scores.
import type { LearningSuggestionInfo } from './api-contract';

/** "Raise the cut: 39 photos would leave", "Learn from your corrections: 2 photos would join". */
export function describeSuggestion(s: Pick<LearningSuggestionInfo, 'cut' | 'movesQuery' | 'joins' | 'leaves'>): string {
  const cut = s.cut.to > s.cut.from ? 'Raise the cut' : s.cut.to < s.cut.from ? 'Lower the cut' : null;
  const what = cut === null ? 'Learn from your corrections' : s.movesQuery ? `${cut} and learn from your corrections` : cut;
  const effects = [
    ...(s.joins.length > 0 ? [`${photos(s.joins.length)} would join`] : []),
    ...(s.leaves.length > 0 ? [`${photos(s.leaves.length)} would leave`] : []),
  ];
  return `${what}: ${effects.join(', ')}`;
}

function photos(n: number): string {
  return n === 1 ? '1 photo' : `${n.toLocaleString('en-US')} photos`;
}
