// Runs in: the renderer. What a category's corrections suggest for all of it, said in photos
// ("Raise the cut: 39 photos would leave") with the photos themselves on request, applied
// only by the user's click; "Keep as it is" hides it until the corrections change.
import { useState } from 'react';
import type { CategoryInfo } from '../../../../main/shared/api-contract';
import { describeSuggestion } from '../../../../main/shared/suggestion-words';
import { useLearningSuggestion } from '../../hooks/use-learning-suggestion';
import { useStore } from '../../hooks/use-store';
import { api, photoUrl } from '../../lib/api';
import { fileName, formatCount } from '../../lib/format';
import { categoryChanged } from '../../stores/categories-store';
import { libraryStore } from '../../stores/library-store';
import { notify, valueOrNotify } from '../../stores/notices';
import './LearningSuggestion.css';

/** Thumbnails shown per side when the user asks to see them. */
const SHOWN = 48;

function Photos({ ids, label }: { ids: readonly string[]; label: string }) {
  const byId = useStore(libraryStore, (l) => l.byId);
  if (ids.length === 0) return null;
  return (
    <figure className="suggestion-photos">
      <figcaption>{label}</figcaption>
      <ul>
        {ids.slice(0, SHOWN).map((id) => (
          <li key={id}>
            <img src={photoUrl('thumb', id)} alt={fileName(byId.get(id)?.path ?? id)} />
          </li>
        ))}
      </ul>
      {ids.length > SHOWN && <p className="hint">and {(ids.length - SHOWN).toLocaleString('en-US')} more</p>}
    </figure>
  );
}

export function LearningSuggestion({ category }: { category: CategoryInfo }) {
  const suggestion = useLearningSuggestion(category.id);
  const [showing, setShowing] = useState(false);
  if (!suggestion) return null;
  const apply = async () => {
    const learned = valueOrNotify(await api.categories.learn(category.id, suggestion.key), `change ${category.name}`);
    if (learned) notify(`${category.name} now has ${formatCount(learned.calibration?.tagged ?? 0, 'photo')}.`);
    await categoryChanged();
  };
  const keep = async () => {
    valueOrNotify(await api.categories.keep(category.id, suggestion.key), `keep ${category.name} as it is`);
    await categoryChanged();
  };
  return (
    <section className="learning-suggestion" aria-label={`Suggestion for ${category.name}`}>
      <p>
        <strong>From your corrections:</strong> {describeSuggestion(suggestion)}.
      </p>
      <div className="suggestion-buttons">
        <button type="button" aria-expanded={showing} onClick={() => setShowing((s) => !s)}>
          {showing ? 'Hide them' : 'Show them'}
        </button>
        <button type="button" className="primary" onClick={() => void apply()}>
          Apply
        </button>
        <button type="button" onClick={() => void keep()}>
          Keep as it is
        </button>
      </div>
      {showing && (
        <div className="suggestion-effect">
          <Photos ids={suggestion.leaves} label="Would leave" />
          <Photos ids={suggestion.joins} label="Would join" />
        </div>
      )}
    </section>
  );
}
