// Runs in: the renderer. Ready-made categories (people, pets, food, receipts, ...) a new
// user switches on in one click, one at a time or several ticked together. Each becomes an
// ordinary category, editable and removable; the ones already in the library show as added.
import { useEffect, useState } from 'react';
import type { StarterCategoryInfo } from '../../../../main/shared/api-contract';
import { enableStarters, listStarters } from '../../stores/categories-store';
import { Dialog } from '../Dialog/Dialog';
import './StarterCategories.css';

export function StarterCategories({ onClose }: { onClose: () => void }) {
  const [starters, setStarters] = useState<StarterCategoryInfo[] | null>(null);
  const [ticked, setTicked] = useState<ReadonlySet<string>>(new Set());
  const reload = () => void listStarters().then(setStarters);
  useEffect(reload, []);

  const enable = async (names: string[]) => {
    await enableStarters(names);
    setTicked(new Set());
    reload();
  };
  const toggle = (name: string, on: boolean) =>
    setTicked((current) => {
      const next = new Set(current);
      if (on) next.add(name);
      else next.delete(name);
      return next;
    });

  return (
    <Dialog title="Starter categories" onClose={onClose}>
      <p className="hint">Switch on categories that work out of the box. You can edit or remove them afterwards like any other.</p>
      {starters === null ? (
        <p className="hint">Loading…</p>
      ) : (
        <ul className="starter-list">
          {starters.map((s) => (
            <li key={s.name} className="starter">
              <label className="inline">
                <input type="checkbox" aria-label={`Choose ${s.name}`} disabled={s.enabled} checked={s.enabled || ticked.has(s.name)} onChange={(e) => toggle(s.name, e.target.checked)} />
                <span className="swatch" style={{ background: s.colour }} aria-hidden="true" />
                <span className="starter-name">
                  {s.parent ? `${s.parent} › ` : ''}
                  {s.name}
                </span>
              </label>
              <span className="hint starter-prompts">{s.prompts.join(' · ')}</span>
              {s.enabled ? (
                <span className="hint">Added</span>
              ) : (
                <button type="button" aria-label={`Add ${s.name}`} onClick={() => void enable([s.name])}>
                  Add
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <div className="starter-buttons">
        <button type="button" className="primary" disabled={ticked.size === 0} onClick={() => void enable([...ticked])}>
          {ticked.size > 1 ? `Add ${ticked.size} categories` : 'Add chosen'}
        </button>
      </div>
    </Dialog>
  );
}
