// Runs in: the renderer. The filter bar, one line under the search field: a button per facet
// (lib/facets.ts) saying what is picked in it, opening a panel of the facet's values with
// their counts among the photos the other facets let through. Date is a timeline of years
// (the months of a picked year under it), folders a tree, rating a choice of stars and
// favourites; the rest are lists with a find field once they grow long. A facet the view
// has nothing for is left out, so the line stays short.
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { PhotoInfo } from '../../../../main/shared/api-contract';
import { useStore } from '../../hooks/use-store';
import { FACET_LABEL, FACETS, clearFacet, facetValues, hasPicks, MEMBERSHIP_FACETS, NO_PICKS, picked, ratingCounts, togglePick, type FacetKind, type FacetValue, type Members, type Picks } from '../../lib/facets';
import { fileName, formatCount, monthLabel } from '../../lib/format';
import { albumsStore } from '../../stores/albums-store';
import { categoriesStore } from '../../stores/categories-store';
import { libraryStore } from '../../stores/library-store';
import { membershipsStore, wantMemberships } from '../../stores/memberships-store';
import { setPicks, viewStore } from '../../stores/view-store';
import './FilterBar.css';

type ListFacet = Exclude<FacetKind, 'rating'>;

/** A list this long gets a find field. */
const FIND_FROM = 10;

/** The words for a facet value: an album's or category's name, a folder's own name, "July 2008". */
function useValueName(): (facet: FacetKind, value: string) => string {
  const albums = useStore(albumsStore);
  const categories = useStore(categoriesStore);
  return (facet, value) => {
    if (facet === 'album') return albums.find((a) => a.id === value)?.name ?? 'An album';
    if (facet === 'category') return categories.find((c) => c.id === value)?.name ?? 'A category';
    if (facet === 'folder') return fileName(value) || value;
    if (facet === 'date') return value.length === 4 ? value : monthLabel(value);
    if (facet === 'format') return value.toUpperCase();
    return value;
  };
}

/** What the facet's button says: its name, and what is picked in it. */
function summary(facet: FacetKind, picks: Picks, nameOf: (facet: FacetKind, value: string) => string): string {
  if (facet === 'rating') {
    const parts = [picks.minRating > 0 ? `${'★'.repeat(picks.minRating)}${picks.minRating < 5 ? ' and up' : ''}` : '', picks.favourites ? '♥' : ''].filter(Boolean);
    return parts.length > 0 ? `Rating: ${parts.join(' ')}` : 'Rating';
  }
  const values = picks[facet];
  if (values.length === 0) return FACET_LABEL[facet];
  const first = nameOf(facet, values[0] ?? '');
  return `${FACET_LABEL[facet]}: ${first}${values.length > 1 ? ` +${values.length - 1}` : ''}`;
}

export function FilterBar({ photos }: { photos: readonly PhotoInfo[] }) {
  const picks = useStore(viewStore, (v) => v.picks);
  const members = useStore(membershipsStore);
  const roots = useStore(libraryStore, (l) => (l.state?.state === 'open' ? l.state.roots : []));
  const [open, setOpen] = useState<FacetKind | null>(null);
  const nameOf = useValueName();
  const rootPaths = useMemo(() => roots.map((r) => r.path), [roots]);

  // A facet is offered when the view has values for it (or something is picked in it).
  const offered = useMemo(() => {
    const has = (test: (p: PhotoInfo) => boolean) => photos.some(test);
    return FACETS.filter((facet) => {
      if (picked(picks, facet) > 0 || facet === 'date' || facet === 'rating' || facet === 'folder') return true;
      if (facet === 'camera') return has((p) => Boolean(p.camera?.make || p.camera?.model));
      if (facet === 'lens') return has((p) => Boolean(p.camera?.lens));
      if (facet === 'format') return has((p) => p.format !== null);
      return true;
    });
  }, [photos, picks]);

  return (
    <div className="filter-bar" role="toolbar" aria-label="Filters">
      {offered.map((facet) => (
        <div key={facet} className="facet">
          <button
            type="button"
            className={`facet-button${picked(picks, facet) > 0 ? ' active' : ''}`}
            aria-haspopup="dialog"
            aria-expanded={open === facet}
            onClick={() => {
              if (MEMBERSHIP_FACETS.has(facet)) wantMemberships();
              setOpen(open === facet ? null : facet);
            }}
          >
            {summary(facet, picks, nameOf)} <span aria-hidden="true">▾</span>
          </button>
          {open === facet && (
            <FacetPanel facet={facet} photos={photos} picks={picks} members={members} roots={rootPaths} nameOf={nameOf} onClose={() => setOpen(null)} />
          )}
        </div>
      ))}
      {hasPicks(picks) && (
        <button type="button" className="filter-clear" onClick={() => setPicks(NO_PICKS)}>
          Clear filters
        </button>
      )}
    </div>
  );
}

interface PanelProps {
  facet: FacetKind;
  photos: readonly PhotoInfo[];
  picks: Picks;
  members: Members | null;
  roots: readonly string[];
  nameOf: (facet: FacetKind, value: string) => string;
  onClose: () => void;
}

/** The facet's values in a panel under its button; Escape or a click elsewhere closes it and the focus goes back. */
function FacetPanel(props: PanelProps) {
  const { facet, picks, onClose } = props;
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.querySelector<HTMLElement>('input, button')?.focus();
    const away = (event: MouseEvent) => {
      if (!ref.current?.parentElement?.contains(event.target as Node)) onClose();
    };
    window.addEventListener('mousedown', away);
    return () => window.removeEventListener('mousedown', away);
  }, [onClose]);
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return;
    event.stopPropagation();
    ref.current?.parentElement?.querySelector<HTMLButtonElement>('.facet-button')?.focus();
    onClose();
  };
  return (
    <div ref={ref} className={`facet-panel facet-${facet}`} role="dialog" aria-label={`${FACET_LABEL[facet]} filter`} onKeyDown={onKeyDown}>
      {facet === 'rating' ? <RatingPicks {...props} /> : facet === 'date' ? <Timeline {...props} facet="date" /> : <ValueList {...props} facet={facet} />}
      {picked(picks, facet) > 0 && (
        <button type="button" className="facet-clear" onClick={() => setPicks((p) => clearFacet(p, facet))}>
          Clear {FACET_LABEL[facet].toLowerCase()}
        </button>
      )}
    </div>
  );
}

function RatingPicks({ photos, picks, members }: PanelProps) {
  const counts = ratingCounts(photos, picks, members);
  return (
    <fieldset className="rating-picks">
      <legend>Show photos with</legend>
      {[0, 1, 2, 3, 4, 5].map((n) => (
        <label key={n}>
          <input type="radio" name="min-rating" checked={picks.minRating === n} onChange={() => setPicks((p) => ({ ...p, minRating: n }))} />
          <span className={n > 0 ? 'stars' : undefined} aria-label={n === 0 ? 'Any rating' : `${formatCount(n, 'star')}${n < 5 ? ' or more' : ''}`}>
            {n === 0 ? 'Any rating' : `${'★'.repeat(n)}${n < 5 ? ' and up' : ''}`}
          </span>
          <span className="facet-count">{(counts.stars[n] ?? 0).toLocaleString('en-US')}</span>
        </label>
      ))}
      <label className="favourites-pick">
        <input type="checkbox" checked={picks.favourites} onChange={(e) => setPicks((p) => ({ ...p, favourites: e.target.checked }))} />
        <span>♥ Favourites only</span>
        <span className="facet-count">{counts.favourites.toLocaleString('en-US')}</span>
      </label>
    </fieldset>
  );
}

/** Years as bars (their height the photos in them), the months of a picked year under them. */
function Timeline({ photos, picks, members }: PanelProps & { facet: 'date' }) {
  const values = facetValues(photos, picks, 'date', members);
  const years = values.filter((v) => v.value.length === 4).reverse();
  const most = Math.max(1, ...years.map((v) => v.count));
  const pickedYears = years.filter((y) => picks.date.includes(y.value) || picks.date.some((d) => d.startsWith(`${y.value}-`)));
  if (years.length === 0) return <p className="facet-empty">None of these photos has a date.</p>;
  return (
    <div className="timeline">
      <div className="timeline-bars" role="group" aria-label="Years">
        {years.map((y) => (
          <Bar key={y.value} value={y} label={y.value} height={y.count / most} pressed={picks.date.includes(y.value)} />
        ))}
      </div>
      {pickedYears.map((year) => {
        const months = values.filter((v) => v.value.startsWith(`${year.value}-`)).reverse();
        const top = Math.max(1, ...months.map((m) => m.count));
        return (
          <div key={year.value} className="timeline-bars months" role="group" aria-label={`Months of ${year.value}`}>
            {months.map((m) => (
              <Bar key={m.value} value={m} label={monthLabel(m.value).slice(0, 3)} height={m.count / top} pressed={picks.date.includes(m.value)} />
            ))}
          </div>
        );
      })}
    </div>
  );
}

function Bar({ value, label, height, pressed }: { value: FacetValue; label: string; height: number; pressed: boolean }) {
  const words = value.value.length === 4 ? value.value : monthLabel(value.value);
  return (
    <button type="button" className="timeline-bar" aria-pressed={pressed} aria-label={`${words}, ${formatCount(value.count, 'photo')}`} title={`${words}: ${formatCount(value.count, 'photo')}`} onClick={() => setPicks((p) => togglePick(p, 'date', value.value))}>
      <span className="bar" style={{ height: `${Math.max(8, Math.round(height * 100))}%` }} />
      <span className="bar-label">{label}</span>
    </button>
  );
}

function ValueList({ facet, photos, picks, members, roots, nameOf }: PanelProps & { facet: ListFacet }) {
  const [find, setFind] = useState('');
  if (MEMBERSHIP_FACETS.has(facet) && members === null) return <p className="facet-empty">Counting…</p>;
  const values = facetValues(photos, picks, facet, members, roots);
  // A picked value the others now leave empty stays, so it can be taken off.
  for (const value of picks[facet]) if (!values.some((v) => v.value === value)) values.push({ value, count: 0 });
  if (values.length === 0) return <p className="facet-empty">None of these photos has one.</p>;
  const wanted = find.trim().toLowerCase();
  const shown = wanted ? values.filter((v) => nameOf(facet, v.value).toLowerCase().includes(wanted) || v.value.toLowerCase().includes(wanted)) : values;
  const depthOf = (folder: string) => {
    const root = roots.find((r) => folder === r || folder.startsWith(r));
    return root ? folder.slice(root.length).split(/[\\/]/).filter(Boolean).length : 0;
  };
  return (
    <>
      {values.length >= FIND_FROM && <input type="search" className="facet-find" aria-label={`Find a ${FACET_LABEL[facet].toLowerCase()}`} placeholder="Find…" value={find} onChange={(e) => setFind(e.target.value)} />}
      <ul className="facet-values" aria-label={FACET_LABEL[facet]}>
        {shown.map((v) => (
          <li key={v.value} style={facet === 'folder' ? { paddingLeft: depthOf(v.value) * 14 } : undefined}>
            <label title={facet === 'folder' ? v.value : undefined}>
              <input type="checkbox" checked={picks[facet].includes(v.value)} onChange={() => setPicks((p) => togglePick(p, facet, v.value))} />
              <span className="facet-name">{nameOf(facet, v.value)}</span>
              <span className="facet-count">{v.count.toLocaleString('en-US')}</span>
            </label>
          </li>
        ))}
      </ul>
    </>
  );
}
