// Runs in: the renderer. The photos the main area shows, in order and in sections: the
// sidebar's view (library, recent, folder, album, category; near-duplicates have a view of
// their own, components/Duplicates), or, when the
// user types, that view's search results ranked by the backend (the photos the words name
// first, then those that look like them), or "more like this"; then the filter bar's picks
// on top. Returns the photos before the picks too, so the filter bar counts what this view has.
import { useEffect, useMemo, useRef, useState } from 'react';
import type { PhotoInfo, Result, SearchHitInfo, SearchQueryInput } from '../../../main/shared/api-contract';
import { api } from '../lib/api';
import { hasPicks, needsMembers, picksPredicate } from '../lib/facets';
import { fileName } from '../lib/format';
import { asOneSection, filterSections, groupByMonth, recentImports, type OrderedPhotos } from '../lib/photo-groups';
import { albumsStore } from '../stores/albums-store';
import { categoriesStore, reloadCategories, tagsVersion } from '../stores/categories-store';
import { libraryStore } from '../stores/library-store';
import { membershipsStore, wantMemberships } from '../stores/memberships-store';
import type { SidebarView, ViewState } from '../stores/view-store';
import { useDebounced } from './use-debounced';
import { useStore } from './use-store';

/** Typing pauses this long before a search goes out. */
const SEARCH_DEBOUNCE_MS = 250;
const RESULT_LIMIT = 500;
const MEMBERS_LIMIT = 10_000;

export interface ViewPhotos extends OrderedPhotos {
  /** The view's photos before the filter bar's picks. */
  unfiltered: readonly PhotoInfo[];
  /** Ranked results (search or similar) rather than a browsable view. */
  ranked: boolean;
  /** Still waiting for the backend. */
  pending: boolean;
  title: string;
}

/** The backend's answer for a view: photo ids in order, and for a search how many lead as named. */
type Remote = { key: string; ids: string[] | null; named?: number };

function viewFilter(view: SidebarView, roots: ReadonlyMap<string, string>): Omit<SearchQueryInput, 'text'> {
  switch (view.kind) {
    case 'folder': {
      const folder = roots.get(view.rootId);
      return folder ? { folder } : {};
    }
    case 'album':
      return { albumId: view.albumId };
    case 'category':
      return { categoryIds: [view.categoryId] };
    default:
      return {};
  }
}

function hitIds(result: Result<SearchHitInfo[]>): string[] | null {
  return result.ok ? result.value.map((h) => h.photoId) : null;
}

export function useViewPhotos(state: Pick<ViewState, 'view' | 'query' | 'similarTo' | 'picks'>): ViewPhotos {
  const { view, similarTo, picks } = state;
  const query = useDebounced(state.query.trim(), SEARCH_DEBOUNCE_MS);
  const library = useStore(libraryStore);
  const albums = useStore(albumsStore);
  const categories = useStore(categoriesStore);
  const version = useStore(tagsVersion);
  const members = useStore(membershipsStore);
  const waitsForMembers = needsMembers(picks) && members === null;
  useEffect(() => {
    if (needsMembers(picks)) wantMemberships();
  }, [picks]);
  const roots = useMemo(
    () => new Map((library.state?.state === 'open' ? library.state.roots : []).map((r) => [r.id, r.path])),
    [library.state],
  );

  // Which backend question this view needs answered, if any; null for views built locally.
  const remoteKey = similarTo
    ? `similar:${similarTo}`
    : query
      ? `search:${JSON.stringify(view)}:${query}`
      : view.kind === 'album' || view.kind === 'category'
        ? `members:${JSON.stringify(view)}`
        : null;
  const [remote, setRemote] = useState<Remote>({ key: '', ids: null });
  // The last order made here: a refresh while indexing only adds to the list's tail, and
  // groupByMonth or recentImports merge that into it rather than sort 100,000 photos again.
  const lastOrder = useRef<OrderedPhotos | undefined>(undefined);

  useEffect(() => {
    if (remoteKey === null) return;
    let current = true;
    let named: number | undefined;
    const ask = async (): Promise<string[] | null> => {
      if (similarTo) return hitIds(await api.search.similar(similarTo, { limit: RESULT_LIMIT }));
      if (query) {
        const result = await api.search.photos({ text: query, ...viewFilter(view, roots) }, { limit: RESULT_LIMIT });
        named = result.ok ? result.value.filter((h) => h.match !== null).length : 0;
        return hitIds(result);
      }
      if (view.kind === 'album') {
        const result = await api.albums.photos(view.albumId);
        return result.ok ? result.value : null;
      }
      const members = hitIds(await api.search.photos({ text: null, ...viewFilter(view, roots) }, { limit: MEMBERS_LIMIT }));
      // Listing a category re-tags the library, which refreshes the sidebar's counts.
      void reloadCategories();
      return members;
    };
    void ask().then((ids) => {
      if (current) setRemote({ key: remoteKey, ids: ids ?? [], named });
    });
    return () => {
      current = false;
    };
    // albums and version: an album's photos or a category's tags may have changed.
  }, [remoteKey, similarTo, query, view, roots, albums, version]);

  return useMemo(() => {
    const indexed = library.photos.filter((p) => p.status === 'indexed');
    const pending = (remoteKey !== null && remote.key !== remoteKey) || waitsForMembers;
    const fromIds = (ids: readonly string[] | null) => (ids ?? []).map((id) => library.byId.get(id)).filter((p) => p !== undefined);
    let base: OrderedPhotos;
    let title: string;
    let ranked = false;
    if (remoteKey !== null) {
      const photos = pending ? [] : fromIds(remote.ids);
      if (similarTo) {
        const source = library.byId.get(similarTo);
        title = `More like ${source ? fileName(source.path) : 'this photo'}`;
        base = asOneSection(photos, 'Most alike first');
        ranked = true;
      } else if (query) {
        title = `Results for “${query}”`;
        base = searchSections(photos, remote.named ?? 0, query);
        ranked = true;
      } else if (view.kind === 'album') {
        title = albums.find((a) => a.id === view.albumId)?.name ?? 'Album';
        base = asOneSection(photos, title);
      } else {
        title = categories.find((c) => view.kind === 'category' && c.id === view.categoryId)?.name ?? 'Category';
        base = groupByMonth(photos, lastOrder.current);
      }
    } else if (view.kind === 'duplicates') {
      title = 'Near-duplicates';
      base = asOneSection([], title);
    } else if (view.kind === 'recent') {
      title = 'Recent imports';
      base = recentImports(indexed, lastOrder.current);
    } else if (view.kind === 'folder') {
      title = fileName(roots.get(view.rootId) ?? 'Folder');
      base = groupByMonth(indexed.filter((p) => p.rootId === view.rootId), lastOrder.current);
    } else {
      title = 'Library';
      base = groupByMonth(indexed, lastOrder.current);
    }
    lastOrder.current = base;
    // Sections stay as they were with fewer photos in them: no sort again.
    const filtered = hasPicks(picks) ? filterSections(base, picksPredicate(picks, members)) : base;
    return { ...filtered, unfiltered: base.photos, ranked, pending, title };
  }, [library, remote, remoteKey, similarTo, query, view, albums, categories, roots, picks, members, waitsForMembers]);
}

/** Search results: the photos the words name (file, folder, keyword, category, album) first, then those that look like them. */
function searchSections(photos: PhotoInfo[], named: number, query: string): OrderedPhotos {
  const lead = Math.min(named, photos.length);
  if (lead === 0) return asOneSection(photos, 'Best matches first');
  const sections = [{ key: 'named', label: `Named “${query}”`, start: 0, count: lead }];
  if (photos.length > lead) sections.push({ key: 'looks', label: 'Looks like it, best matches first', start: lead, count: photos.length - lead });
  return { photos, sections };
}
