// Runs in: the renderer. The editor's live preview: the photos the draft matches at the
// threshold the slider sets (re-split on every move, no call), counted as main decides the
// sidebar's count, and the borderline ones near the cut with accept and reject, once the
// category is saved so decisions have a home.
import type { CategoryInfo, CategoryPreview as Preview, CategoryPreviewHit } from '../../../../main/shared/api-contract';
import { useStore } from '../../hooks/use-store';
import { photoUrl } from '../../lib/api';
import { splitPreview } from '../../lib/category-preview';
import { fileName, formatCount } from '../../lib/format';
import { decideTag } from '../../stores/categories-store';
import { libraryStore } from '../../stores/library-store';

const MATCHING_SHOWN = 60;
const BORDERLINE_SHOWN = 12;

function Thumb({ hit, name }: { hit: CategoryPreviewHit; name: string }) {
  return <img src={photoUrl('thumb', hit.photoId)} alt={name} title={name} />;
}

export function CategoryPreview(props: { preview: Preview | null; cut: number; tagged: number | null; saved: CategoryInfo | null }) {
  const { preview, cut, tagged, saved } = props;
  const byId = useStore(libraryStore, (l) => l.byId);
  if (preview === null) return <p className="hint">Type a name to see which photos it matches.</p>;
  const { matching, borderline } = splitPreview(preview.hits, cut);
  const nameOf = (hit: CategoryPreviewHit) => fileName(byId.get(hit.photoId)?.path ?? hit.photoId);
  return (
    <div className="category-preview-panes">
      <section className="category-preview" aria-label="Matching photos">
        <h3>{tagged === null ? 'Counting…' : formatCount(tagged, 'matching photo')}</h3>
        {matching.length === 0 && <p className="hint">No photo matches yet. Add prompts that describe what you mean, or loosen the threshold.</p>}
        <ul>
          {matching.slice(0, MATCHING_SHOWN).map((hit) => (
            <li key={hit.photoId} className={hit.decision === 'accepted' ? 'decided' : undefined}>
              <Thumb hit={hit} name={nameOf(hit)} />
            </li>
          ))}
        </ul>
        {(tagged ?? matching.length) > MATCHING_SHOWN && <p className="hint">and {formatCount((tagged ?? matching.length) - MATCHING_SHOWN, 'more')}</p>}
      </section>
      {borderline.length > 0 && (
        <section className="category-preview borderline" aria-label="Borderline photos">
          <h3>Near the cut</h3>
          {!saved && <p className="hint">Create the category to accept or reject these.</p>}
          <ul>
            {borderline.slice(0, BORDERLINE_SHOWN).map((hit) => {
              const name = nameOf(hit);
              return (
                <li key={hit.photoId} className={hit.score >= cut ? 'above' : 'below'}>
                  <Thumb hit={hit} name={name} />
                  {saved && (
                    <span className="borderline-buttons">
                      <button type="button" className="tag-accept" aria-label={`Accept ${name}`} title="It is one" onClick={() => void decideTag([hit.photoId], saved, 'accepted')}>
                        ✓
                      </button>
                      <button type="button" className="tag-reject" aria-label={`Reject ${name}`} title="It is not one" onClick={() => void decideTag([hit.photoId], saved, 'rejected')}>
                        ✕
                      </button>
                    </span>
                  )}
                </li>
              );
            })}
          </ul>
        </section>
      )}
    </div>
  );
}
