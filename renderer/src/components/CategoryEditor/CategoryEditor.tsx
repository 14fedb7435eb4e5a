// Runs in: the renderer. Creating and editing a category: its name, the category it is
// inside, the prompts that describe it, negative prompts for what it is often confused
// with, and its threshold (automatic, or the user's own), with a live preview beside the
// form of the photos the draft matches (unsaved edits included) that follows the threshold
// slider as it moves, counted as the sidebar counts; and what its corrections suggest.
import { useMemo, useState, type FormEvent } from 'react';
import { taggedAt, THRESHOLD_MAX, THRESHOLD_MIN, THRESHOLD_STEP, useCategoryPreview } from '../../hooks/use-category-preview';
import { useStore } from '../../hooks/use-store';
import { parentChoices } from '../../lib/category-tree';
import { categoriesStore, removeCategory, saveCategory } from '../../stores/categories-store';
import { showView } from '../../stores/view-store';
import { Dialog } from '../Dialog/Dialog';
import { LearningSuggestion } from '../LearningSuggestion/LearningSuggestion';
import { CategoryPreview } from './CategoryPreview';
import './CategoryEditor.css';

const lines = (text: string) => text.split('\n').map((l) => l.trim()).filter((l) => l.length > 0);

export function CategoryEditor({ categoryId, onClose }: { categoryId: string | null; onClose: () => void }) {
  const categories = useStore(categoriesStore);
  const existing = categories.find((c) => c.id === categoryId) ?? null;
  const [name, setName] = useState(existing?.name ?? '');
  const [prompts, setPrompts] = useState(existing?.prompts.join('\n') ?? '');
  const [negatives, setNegatives] = useState(existing?.negativePrompts.join('\n') ?? '');
  const [threshold, setThreshold] = useState<number | null>(existing?.threshold ?? null);
  const [parentId, setParentId] = useState(existing?.parentId ?? null);
  const [savedId, setSavedId] = useState(categoryId);
  const saved = categories.find((c) => c.id === savedId) ?? null;
  const parents = useMemo(() => parentChoices(categories, savedId), [categories, savedId]);
  // A parent deleted meanwhile, or one that now sits inside this category, is not offered: None shows instead.
  const parent = parents.some((c) => c.id === parentId) ? parentId : null;
  // The cut in force: the user's own, else the default (corrections never move it unasked).
  const cut = threshold ?? 0;
  const preview = useCategoryPreview({ name, prompts: lines(prompts), negativePrompts: lines(negatives) }, savedId, cut);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await saveCategory(savedId, { name: name.trim(), prompts: lines(prompts), negativePrompts: lines(negatives), threshold, parentId: parent });
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
            Inside
            <select value={parent ?? ''} onChange={(e) => setParentId(e.target.value || null)}>
              <option value="">None (top level)</option>
              {parents.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
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
              <input type="checkbox" checked={threshold === null} onChange={(e) => setThreshold(e.target.checked ? null : cut)} /> Automatic
            </label>
            <label className="inline">
              <span>Stricter ←</span>
              <input
                type="range"
                aria-label="Threshold"
                min={THRESHOLD_MIN}
                max={THRESHOLD_MAX}
                step={THRESHOLD_STEP}
                value={-cut}
                onChange={(e) => setThreshold(-Number(e.target.value))}
              />
              <span>→ Looser</span>
            </label>
            <span className="hint">
              {threshold === null ? 'Set for you; moves only when you move it.' : 'Your own cut: it stays where you put it.'}
            </span>
          </fieldset>
          {saved && <LearningSuggestion category={saved} />}
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
              <button type="button" className="danger" onClick={() => void removeCategory(saved).then((removed) => removed && onClose())}>
                Delete category
              </button>
            )}
          </div>
        </form>
        <CategoryPreview preview={preview} cut={cut} tagged={taggedAt(preview, cut)} saved={saved} />
      </div>
    </Dialog>
  );
}
