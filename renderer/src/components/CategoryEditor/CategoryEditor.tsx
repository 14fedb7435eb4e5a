// Runs in: the renderer. Creating and editing a category: its name, the prompts that
// describe it, negative prompts for what it is often confused with, and its threshold
// (automatic, or the user's own), with the photos it matches shown beside the form.
import { useEffect, useState, type FormEvent } from 'react';
import type { CategoryInfo } from '../../../../main/shared/api-contract';
import { useStore } from '../../hooks/use-store';
import { api, photoUrl } from '../../lib/api';
import { fileName, formatCount } from '../../lib/format';
import { categoriesStore, reloadCategories, removeCategory, saveCategory, tagsVersion } from '../../stores/categories-store';
import { libraryStore } from '../../stores/library-store';
import { valueOrNotify } from '../../stores/notices';
import { showView } from '../../stores/view-store';
import { Dialog } from '../Dialog/Dialog';
import './CategoryEditor.css';

/** The calibrated margin's useful range (cosine units; 0 is the automatic default). */
const THRESHOLD_MIN = -0.1;
const THRESHOLD_MAX = 0.1;
const PREVIEW_LIMIT = 60;

const lines = (text: string) => text.split('\n').map((l) => l.trim()).filter((l) => l.length > 0);

function CategoryMembers({ category }: { category: CategoryInfo }) {
  const version = useStore(tagsVersion);
  const byId = useStore(libraryStore, (l) => l.byId);
  const [ids, setIds] = useState<string[] | null>(null);
  useEffect(() => {
    let current = true;
    void api.search.photos({ text: null, categoryIds: [category.id] }, { limit: 10_000 }).then((r) => {
      if (current) setIds(valueOrNotify(r, 'list the category’s photos')?.map((h) => h.photoId) ?? []);
      // The listing re-tagged the library: the threshold in use and the counts are new.
      void reloadCategories();
    });
    return () => {
      current = false;
    };
  }, [category.id, version]);
  if (ids === null) return <p className="hint">Finding matching photos…</p>;
  return (
    <section className="category-preview" aria-label="Matching photos">
      <h3>{formatCount(ids.length, 'matching photo')}</h3>
      {ids.length === 0 && <p className="hint">No photo matches yet. Add prompts that describe what you mean, or lower the threshold.</p>}
      <ul>
        {ids.slice(0, PREVIEW_LIMIT).map((id) => (
          <li key={id}>
            <img src={photoUrl('thumb', id)} alt={fileName(byId.get(id)?.path ?? id)} />
          </li>
        ))}
      </ul>
      {ids.length > PREVIEW_LIMIT && <p className="hint">and {formatCount(ids.length - PREVIEW_LIMIT, 'more')}</p>}
    </section>
  );
}

export function CategoryEditor({ categoryId, onClose }: { categoryId: string | null; onClose: () => void }) {
  const categories = useStore(categoriesStore);
  const existing = categories.find((c) => c.id === categoryId) ?? null;
  const [name, setName] = useState(existing?.name ?? '');
  const [prompts, setPrompts] = useState(existing?.prompts.join('\n') ?? '');
  const [negatives, setNegatives] = useState(existing?.negativePrompts.join('\n') ?? '');
  const [threshold, setThreshold] = useState<number | null>(existing?.threshold ?? null);
  const [savedId, setSavedId] = useState(categoryId);
  const saved = categories.find((c) => c.id === savedId) ?? null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await saveCategory(savedId, { name: name.trim(), prompts: lines(prompts), negativePrompts: lines(negatives), threshold });
    if (result) setSavedId(result.id);
  };

  return (
    <Dialog title={existing ? `Category: ${existing.name}` : 'New category'} onClose={onClose} wide>
      <div className="category-editor">
        <form className="category-form" onSubmit={(e) => void submit(e)}>
          <label>
            Name
            <input type="text" value={name} required disabled={savedId !== null} onChange={(e) => setName(e.target.value)} placeholder="e.g. my bike" />
          </label>
          <label>
            Describe it (one phrase per line)
            <textarea rows={4} value={prompts} onChange={(e) => setPrompts(e.target.value)} placeholder={'a photo of a red bicycle\na bike leaning on a wall'} />
          </label>
          <label>
            Not to be confused with (one per line)
            <textarea rows={3} value={negatives} onChange={(e) => setNegatives(e.target.value)} placeholder="a motorbike" />
          </label>
          <fieldset className="threshold">
            <legend>Threshold</legend>
            <label className="inline">
              <input type="checkbox" checked={threshold === null} onChange={(e) => setThreshold(e.target.checked ? null : 0)} /> Automatic (learns from your corrections)
            </label>
            <label className="inline">
              <span>Stricter ←</span>
              <input
                type="range"
                aria-label="Threshold"
                min={THRESHOLD_MIN}
                max={THRESHOLD_MAX}
                step={0.005}
                disabled={threshold === null}
                value={-(threshold ?? saved?.calibration?.threshold ?? 0)}
                onChange={(e) => setThreshold(-Number(e.target.value))}
              />
              <span>→ Looser</span>
            </label>
            <span className="hint">
              {threshold === null ? `In use: ${(saved?.calibration?.threshold ?? 0).toFixed(3)}` : `Cut at ${threshold.toFixed(3)}`}
            </span>
          </fieldset>
          <div className="category-buttons">
            <button type="submit" className="primary" disabled={!name.trim()}>
              {savedId ? 'Save' : 'Create'}
            </button>
            {saved && (
              <button type="button" onClick={() => (showView({ kind: 'category', categoryId: saved.id }), onClose())}>
                Show all its photos
              </button>
            )}
            {saved && (
              <button type="button" className="danger" onClick={() => void removeCategory(saved.id).then(onClose)}>
                Delete category
              </button>
            )}
          </div>
        </form>
        {saved ? <CategoryMembers category={saved} /> : <p className="hint">Create the category to see which photos it matches.</p>}
      </div>
    </Dialog>
  );
}
