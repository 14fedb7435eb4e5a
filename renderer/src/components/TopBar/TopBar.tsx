// Runs in: the renderer. The top bar: the side panels' switches (Ctrl/Cmd+B, Ctrl/Cmd+I),
// the search field (results follow as the user types), the keywords, categories and albums
// the typed words name, offered as filters (Enter takes one named exactly), zoom, the
// settings button, and the filter bar under them.
import { useEffect, useState, type KeyboardEvent } from 'react';
import type { NamedTermInfo, PhotoInfo } from '../../../../main/shared/api-contract';
import { useDebounced } from '../../hooks/use-debounced';
import { useStore } from '../../hooks/use-store';
import { api } from '../../lib/api';
import { togglePick } from '../../lib/facets';
import { useWideWindow } from '../../hooks/use-wide-window';
import { preferencesStore, togglePanel } from '../../stores/preferences-store';
import { openDialog, setPicks, setQuery, setZoom, viewStore, ZOOM_LEVELS } from '../../stores/view-store';
import { FilterBar } from '../FilterBar/FilterBar';
import './TopBar.css';

const TERM_LABEL: Record<NamedTermInfo['kind'], string> = { keyword: 'Keyword', category: 'Category', album: 'Album' };

/** Makes a named keyword, category or album a filter and clears the words that named it. */
function takeTerm(term: NamedTermInfo): void {
  setPicks((p) => (p[term.kind].includes(term.value) ? p : togglePick(p, term.kind, term.value)));
  setQuery('');
}

export function TopBar({ photos }: { photos: readonly PhotoInfo[] }) {
  const { query, zoom, similarTo } = useStore(viewStore);
  const panels = useStore(preferencesStore);
  const wide = useWideWindow();
  const typed = useDebounced(query.trim(), 150);
  const [terms, setTerms] = useState<NamedTermInfo[]>([]);

  useEffect(() => {
    let current = true;
    if (!typed) setTerms([]);
    else void api.search.terms(typed).then((result) => current && setTerms(result.ok ? result.value : []));
    return () => {
      current = false;
    };
  }, [typed]);

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    const exact = terms.find((t) => t.exact);
    if (event.key === 'Enter' && exact && typed === query.trim()) {
      event.preventDefault();
      takeTerm(exact);
    }
  };

  const offered = typed && typed === query.trim() ? terms : [];
  return (
    <header className="topbar">
      <div className="topbar-row">
        <button type="button" className="panel-toggle" aria-pressed={panels.sidebar} aria-label="Sidebar" title="Show or hide the sidebar (Ctrl+B)" aria-keyshortcuts="Control+B Meta+B" onClick={() => togglePanel('sidebar')}>
          ☰
        </button>
        <input
          type="search"
          className="search"
          aria-label="Search photos"
          aria-describedby={offered.length > 0 ? 'search-terms' : undefined}
          placeholder={similarTo ? 'Showing photos like the one you chose — type to search instead' : 'Search names, keywords or what is in the photo, e.g. “red car at night”'}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={onKeyDown}
        />
        <div className="zoom" role="group" aria-label="Thumbnail size">
          <button type="button" aria-label="Smaller thumbnails" disabled={zoom === 0} onClick={() => setZoom(zoom - 1)}>
            −
          </button>
          <button type="button" aria-label="Larger thumbnails" disabled={zoom === ZOOM_LEVELS.length - 1} onClick={() => setZoom(zoom + 1)}>
            +
          </button>
        </div>
        <button type="button" className="panel-toggle" aria-pressed={panels.inspector ?? wide} title="Show or hide the photo's details (Ctrl+I)" aria-keyshortcuts="Control+I Meta+I" onClick={() => togglePanel('inspector')}>
          Info
        </button>
        <button type="button" onClick={() => openDialog({ kind: 'settings' })}>
          Settings
        </button>
      </div>
      {offered.length > 0 && (
        <div className="search-terms" id="search-terms" role="group" aria-label="Use as a filter">
          <span className="search-terms-hint">Filter by</span>
          {offered.map((term) => (
            <button type="button" key={`${term.kind}:${term.value}`} className="chip" onClick={() => takeTerm(term)}>
              <span className="chip-kind">{TERM_LABEL[term.kind]}</span> {term.name}
              {term.exact && <span className="visually-hidden"> (Enter)</span>}
            </button>
          ))}
        </div>
      )}
      <FilterBar photos={photos} />
    </header>
  );
}
