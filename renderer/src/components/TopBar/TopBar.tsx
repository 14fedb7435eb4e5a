// Runs in: the renderer. The top bar: the search field (results follow as the user types),
// the filter chips this view offers, zoom, and the settings button.
import type { PhotoInfo } from '../../../../main/shared/api-contract';
import { useStore } from '../../hooks/use-store';
import { availableChips, chipKey, FILTER_KIND_LABEL, toggleChip } from '../../lib/filters';
import { openDialog, setQuery, setZoom, viewStore, ZOOM_LEVELS } from '../../stores/view-store';
import './TopBar.css';

export function TopBar({ photos }: { photos: readonly PhotoInfo[] }) {
  const { query, chips, zoom, similarTo } = useStore(viewStore);
  const offered = availableChips(photos);
  const activeKeys = new Set(chips.map(chipKey));
  // Active chips stay visible even when the narrowed set no longer offers them.
  const shown = [...offered, ...chips.filter((c) => !offered.some((o) => chipKey(o) === chipKey(c))).map((c) => ({ ...c, count: 0 }))];

  return (
    <header className="topbar">
      <div className="topbar-row">
        <input
          type="search"
          className="search"
          aria-label="Search photos"
          placeholder={similarTo ? 'Showing photos like the one you chose — type to search instead' : 'Search photos, e.g. “red car at night”'}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
        <div className="zoom" role="group" aria-label="Thumbnail size">
          <button type="button" aria-label="Smaller thumbnails" disabled={zoom === 0} onClick={() => setZoom(zoom - 1)}>
            −
          </button>
          <button type="button" aria-label="Larger thumbnails" disabled={zoom === ZOOM_LEVELS.length - 1} onClick={() => setZoom(zoom + 1)}>
            +
          </button>
        </div>
        <button type="button" onClick={() => openDialog({ kind: 'settings' })}>
          Settings
        </button>
      </div>
      {shown.length > 0 && (
        <div className="chips" role="group" aria-label="Filters">
          {shown.map((chip) => (
            <button
              type="button"
              key={chipKey(chip)}
              className="chip"
              aria-pressed={activeKeys.has(chipKey(chip))}
              onClick={() => viewStore.set((s) => ({ ...s, chips: toggleChip(s.chips, { kind: chip.kind, value: chip.value }) }))}
            >
              <span className="chip-kind">{FILTER_KIND_LABEL[chip.kind]}</span> {chip.value}
            </button>
          ))}
          {chips.length > 0 && (
            <button type="button" className="chip-clear" onClick={() => viewStore.set((s) => ({ ...s, chips: [] }))}>
              Clear filters
            </button>
          )}
        </div>
      )}
    </header>
  );
}
