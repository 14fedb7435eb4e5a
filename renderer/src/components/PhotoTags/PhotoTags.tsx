// Runs in: the renderer. A photo's categories with accept and reject buttons: accepting
// tags it for good and teaches the category, rejecting removes the tag and teaches it too.
import { useStore } from '../../hooks/use-store';
import { categoriesStore, decideTag } from '../../stores/categories-store';
import './PhotoTags.css';

export function PhotoTags({ photoId }: { photoId: string }) {
  const categories = useStore(categoriesStore);
  if (categories.length === 0) return <p className="hint">No categories yet. Create one in the sidebar to tag photos.</p>;
  return (
    <section className="photo-tags" aria-label="Tags">
      <h3>Tags</h3>
      <ul>
        {categories.map((category) => (
          <li key={category.id} className="tag">
            <span className="swatch" style={{ background: category.colour }} aria-hidden="true" />
            <span className="tag-name">{category.name}</span>
            <button type="button" className="tag-accept" aria-label={`Accept ${category.name}`} title="This photo is one" onClick={() => void decideTag([photoId], category, 'accepted')}>
              ✓
            </button>
            <button type="button" className="tag-reject" aria-label={`Reject ${category.name}`} title="This photo is not one" onClick={() => void decideTag([photoId], category, 'rejected')}>
              ✕
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
