// Runs in: the renderer. A photo's categories and where each tag comes from (the category's
// own cut, or the user's accept), with how sure each is as a bar when the user asks for the
// details (never as a raw score), rejected ones struck through, and
// its keywords, which the user adds and removes here (PhotoKeywords). Accept and reject show
// the decision in force; pressing the one in force again forgets it, handing the photo back
// to the category's cut.
import { useStore } from '../../hooks/use-store';
import { usePhotoTags } from '../../hooks/use-photo-tags';
import { tagConfidence, tagRows, type TagRow } from '../../lib/photo-tags';
import { categoriesStore, decideTag } from '../../stores/categories-store';
import { preferencesStore, setPreference } from '../../stores/preferences-store';
import { PhotoKeywords } from './PhotoKeywords';
import './PhotoTags.css';

const SOURCE_LABEL: Record<NonNullable<TagRow['source']>, string> = { auto: 'auto', accepted: 'accepted', rejected: 'rejected' };

function TagItem({ photoId, row, details }: { photoId: string; row: TagRow; details: boolean }) {
  const { category, source, score } = row;
  const sure = tagConfidence(score);
  const decide = (decision: 'accepted' | 'rejected') => void decideTag([photoId], category, source === decision ? null : decision);
  return (
    <li className={`tag${source === 'rejected' ? ' off' : source === null ? ' none' : ' on'}`}>
      <span className="swatch" style={{ background: category.colour }} aria-hidden="true" />
      <span className="tag-name">{category.name}</span>
      {source && <span className="tag-source">{SOURCE_LABEL[source]}</span>}
      {details && sure !== null && (
        <meter className="tag-sure" min={0} max={1} low={0.25} high={0.75} optimum={1} value={sure} aria-label={`How sure: ${Math.round(sure * 100)}%`} title={`How sure: ${Math.round(sure * 100)}%`} />
      )}
      <button type="button" className="tag-accept" aria-label={`Accept ${category.name}`} aria-pressed={source === 'accepted'} title="This photo is one" onClick={() => decide('accepted')}>
        ✓
      </button>
      <button type="button" className="tag-reject" aria-label={`Reject ${category.name}`} aria-pressed={source === 'rejected'} title="This photo is not one" onClick={() => decide('rejected')}>
        ✕
      </button>
    </li>
  );
}

export function PhotoTags({ photoId }: { photoId: string }) {
  const categories = useStore(categoriesStore);
  const details = useStore(preferencesStore, (p) => p.matchDetails);
  const tags = usePhotoTags(photoId);
  if (tags === null) return <p className="hint">Reading tags…</p>;
  const { rows, keywords } = tagRows(categories, tags);
  return (
    // No accessible name: named, it would be a landmark, and the inspector and the viewer both show one.
    <section className="photo-tags">
      <div className="tags-heading">
        <h3>Tags</h3>
        <label className="tags-details">
          <input type="checkbox" checked={details} onChange={(e) => setPreference('matchDetails', e.target.checked)} /> How sure
        </label>
      </div>
      {rows.length > 0 ? (
        <ul>
          {rows.map((row) => (
            <TagItem key={row.category.id} photoId={photoId} row={row} details={details} />
          ))}
        </ul>
      ) : (
        <p className="hint">No categories yet. Create one in the sidebar to tag photos.</p>
      )}
      <PhotoKeywords photoId={photoId} keywords={keywords} />
    </section>
  );
}
