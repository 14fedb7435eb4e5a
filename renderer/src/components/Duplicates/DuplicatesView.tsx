// Runs in: the renderer. Cleaning up near-duplicates: how alike photos must be (a control,
// from nearly identical to loosely alike), each group side by side with every photo's size,
// resolution and date, the one to keep chosen (the largest or the sharpest, or the user's
// click), and per group or for all: keep that one and move the others to the trash (asked
// first, undoable), or say they are not duplicates (remembered; the group goes).
import { useEffect, useMemo, useState } from 'react';
import type { PhotoInfo } from '../../../../main/shared/api-contract';
import { useStore } from '../../hooks/use-store';
import { api, photoUrl } from '../../lib/api';
import { bestOf, othersOf, type KeepRule } from '../../lib/duplicate-choice';
import { fileName, formatBytes, formatCount, formatTakenAt } from '../../lib/format';
import { tagsVersion } from '../../stores/categories-store';
import { moveToTrash } from '../../stores/file-actions';
import { notifyEdit } from '../../stores/history-store';
import { libraryStore } from '../../stores/library-store';
import { succeeded } from '../../stores/notices';
import { openViewer } from '../../stores/view-store';
import './DuplicatesView.css';

/** How alike, loosest to closest: the cosine each step asks for and what it means. */
const LIKENESS = [
  { minScore: 0.9, label: 'Loosely alike' },
  { minScore: 0.93, label: 'Alike' },
  { minScore: 0.95, label: 'Close' },
  { minScore: 0.97, label: 'Very close' },
  { minScore: 0.99, label: 'Nearly identical' },
] as const;
const DEFAULT_STEP = 2;
/** Groups shown at once; more on request, so a library with thousands stays quick. */
const PAGE = 30;

export function DuplicatesView() {
  const library = useStore(libraryStore);
  const version = useStore(tagsVersion);
  const [step, setStep] = useState(DEFAULT_STEP);
  const [rule, setRule] = useState<KeepRule>('largest');
  const [groups, setGroups] = useState<string[][] | null>(null);
  const [shown, setShown] = useState(PAGE);
  const [picked, setPicked] = useState<ReadonlyMap<number, string>>(new Map());
  const [sharpness, setSharpness] = useState<ReadonlyMap<string, number | null>>(new Map());
  const minScore = LIKENESS[step]?.minScore ?? 0.95;
  const state = library.state?.state === 'open' ? library.state : null;

  useEffect(() => {
    let current = true;
    setGroups(null);
    void api.search.duplicates({ minScore }).then((result) => {
      if (current) setGroups(result.ok ? result.value.map((g) => g.map((h) => h.photoId)) : []);
    });
    return () => {
      current = false;
    };
    // A trash, a "not duplicates" or new photos change the groups.
  }, [minScore, state?.photosRevision, state?.changes, version]);

  // The records, groups left with fewer than two (trashed since) dropped.
  const records = useMemo(
    () => (groups ?? []).map((ids) => ids.map((id) => library.byId.get(id)).filter((p) => p !== undefined)).filter((g) => g.length > 1),
    [groups, library.byId],
  );
  const visible = records.slice(0, shown);

  // Sharpness is measured only when it decides, for the groups on screen.
  useEffect(() => {
    if (rule !== 'sharpest') return;
    const wanted = visible.flat().filter((p) => !sharpness.has(p.id));
    if (wanted.length === 0) return;
    void api.photos.sharpness(wanted.slice(0, 1000).map((p) => p.id)).then((result) => {
      if (result.ok) setSharpness((known) => new Map([...known, ...wanted.map((p, i) => [p.id, result.value[i] ?? null] as const)]));
    });
  }, [rule, visible, sharpness]);

  useEffect(() => setPicked(new Map()), [groups]);
  const keptIn = (group: readonly PhotoInfo[], index: number) => picked.get(index) ?? bestOf(group, rule, sharpness);
  const trashRest = (groupList: readonly (readonly PhotoInfo[])[], offset = 0) => void moveToTrash(othersOf(groupList, (g, i) => keptIn(g, i + offset)));
  const notDuplicates = async (group: readonly PhotoInfo[]) => {
    if (succeeded(await api.photos.notDuplicates(group.map((p) => p.id)), 'remember that these are not duplicates')) notifyEdit(`${formatCount(group.length, 'photo')} will not be shown as duplicates again.`);
  };

  const others = othersOf(records, keptIn).length;
  return (
    <section className="duplicates" aria-labelledby="duplicates-title">
      <div className="view-title">
        <h1 id="duplicates-title">Near-duplicates</h1>
        <span className="hint" aria-live="polite">
          {groups === null ? 'Looking…' : `${formatCount(records.length, 'group')} · ${formatCount(records.reduce((n, g) => n + g.length, 0), 'photo')}`}
        </span>
      </div>
      <div className="duplicates-bar">
        <label className="likeness">
          How alike
          <input type="range" min={0} max={LIKENESS.length - 1} step={1} value={step} aria-valuetext={LIKENESS[step]?.label} onChange={(e) => setStep(Number(e.target.value))} />
          <span>{LIKENESS[step]?.label}</span>
        </label>
        <fieldset className="keep-rule">
          <legend>Keep</legend>
          <label>
            <input type="radio" name="keep-rule" checked={rule === 'largest'} onChange={() => setRule('largest')} /> the largest
          </label>
          <label>
            <input type="radio" name="keep-rule" checked={rule === 'sharpest'} onChange={() => setRule('sharpest')} /> the sharpest
          </label>
        </fieldset>
        {others > 0 && (
          <button type="button" className="danger" onClick={() => trashRest(records)}>
            Keep one of each group, trash {formatCount(others, 'other')}…
          </button>
        )}
      </div>
      {groups !== null && records.length === 0 && <p className="empty-note">No photos look this alike. Move the control towards “Loosely alike” to see more.</p>}
      <ol className="duplicate-groups">
        {visible.map((group, index) => {
          const kept = keptIn(group, index);
          const sharpest = rule === 'sharpest' ? bestOf(group, 'sharpest', sharpness) : undefined;
          return (
            <li key={group.map((p) => p.id).join()} className="duplicate-group">
              <h2>
                Group {index + 1}: {formatCount(group.length, 'photo')} look alike
              </h2>
              <div className="duplicate-row" role="radiogroup" aria-label={`Photo to keep in group ${index + 1}`}>
                {group.map((photo) => (
                  <figure key={photo.id} className={photo.id === kept ? 'kept' : 'other'}>
                    <button type="button" role="radio" aria-checked={photo.id === kept} aria-label={`Keep ${fileName(photo.path)}`} onClick={() => setPicked((p) => new Map(p).set(index, photo.id))} onDoubleClick={() => openViewer(photo.id)}>
                      <img src={photoUrl('thumb', photo.id)} alt="" style={photo.rotation ? { transform: `rotate(${photo.rotation}deg)` } : undefined} />
                      <span className="keep-badge">{photo.id === kept ? 'Keep' : 'Trash'}</span>
                    </button>
                    <figcaption>
                      <span className="duplicate-name" title={photo.path}>
                        {fileName(photo.path)}
                      </span>
                      <span>{photo.width && photo.height ? `${photo.width} × ${photo.height}` : 'Size unknown'} · {formatBytes(photo.size)}</span>
                      <span>{formatTakenAt(photo.takenAt)}</span>
                      {photo.id === sharpest && <span className="sharpest">Sharpest</span>}
                    </figcaption>
                  </figure>
                ))}
              </div>
              <div className="group-actions">
                <button type="button" onClick={() => trashRest([group], index)}>
                  Keep “{fileName(group.find((p) => p.id === kept)?.path ?? '')}”, trash {formatCount(group.length - 1, 'other')}…
                </button>
                <button type="button" onClick={() => void notDuplicates(group)}>
                  Not duplicates
                </button>
              </div>
            </li>
          );
        })}
      </ol>
      {records.length > shown && (
        <button type="button" className="more-groups" onClick={() => setShown((n) => n + PAGE)}>
          Show {formatCount(Math.min(PAGE, records.length - shown), 'more group')}
        </button>
      )}
    </section>
  );
}
