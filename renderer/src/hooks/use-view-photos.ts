// Runs in: the renderer. The photos the main area shows, in order and in sections: the
// sidebar's view (library, recent, near-duplicates, folder, album, category), or, when the
// user types, that view's search results ranked by the backend, or "more like this"; then the filter
// chips on top. Returns the photos before the chips too, so the chips offered are the
// ones this view can use.
import { useEffect, useMemo, useRef, useState } from 'react';
import type { PhotoInfo, Result, SearchHitInfo, SearchQueryInput } from '../../../main/shared/api-contract';
import { api } from '../lib/api';
import { chipPredicate } from '../lib/filters';
import { fileName } from '../lib/format';
import { asGroups, asOneSection, filterSections, groupByMonth, recentImports, type OrderedPhotos } from '../lib/photo-groups';
import { albumsStore } from '../stores/albums-store';
import { categoriesStore, reloadCategories, tagsVersion } from '../stores/categories-store';
import { libraryStore } from '../stores/library-store';
import type { SidebarView, ViewState } from '../stores/view-store';
import { useDebounced } from './use-debounced';
import { useStore } from './use-store';

/** Typing pauses this long before a search goes out. */
const SEARCH_DEBOUNCE_MS = 250;
const RESULT_LIMIT = 500;
const MEMBERS_LIMIT = 10_000;

export interface ViewPhotos extends OrderedPhotos {
  /** The view's photos before the filter chips. */
  unfiltered: readonly PhotoInfo[];
  /** Ranked results (search or similar) rather than a browsable view. */
  ranked: boolean;
  /** Still waiting for the backend. */
  pending: boolean;
  title: string;
}

/** The backend's answer for a view: photo ids in order, and for near-duplicates their groups. */
type Remote = { key: string; ids: string[] | null; groups?: string[][] };

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

export function useViewPhotos(state: Pick<ViewState, 'view' | 'query' | 'similarTo' | 'chips'>): ViewPhotos {
  const { view, similarTo, chips } = state;
  const query = useDebounced(state.query.trim(), SEARCH_DEBOUNCE_MS);
  const library = useStore(libraryStore);
  const albums = useStore(albumsStore);
  const categories = useStore(categoriesStore);
  const version = useStore(tagsVersion);
  const roots = useMemo(
    () => new Map((library.state?.state === 'open' ? library.state.roots : []).map((r) => [r.id, r.path])),
    [library.state],
  );

  // Which backend question this view needs answered, if any; null for views built locally.
  const remoteKey = similarTo
    ? `similar:${similarTo}`
    : query
      ? `search:${JSON.stringify(view)}:${query}`
      : view.kind === 'album' || view.kind === 'category' || view.kind === 'duplicates'
        ? `members:${JSON.stringify(view)}`
        : null;
  const [remote, setRemote] = useState<Remote>({ key: '', ids: null });
  // The last order made here: a refresh while indexing only adds to the list's tail, and
  // groupByMonth or recentImports merge that into it rather than sort 100,000 photos again.
  const lastOrder = useRef<OrderedPhotos | undefined>(undefined);

  useEffect(() => {
    if (remoteKey === null) return;
    let current = true;
    let groups: string[][] | undefined;
    const ask = async (): Promise<string[] | null> => {
      if (similarTo) return hitIds(await api.search.similar(similarTo, { limit: RESULT_LIMIT }));
      if (query) return hitIds(await api.search.photos({ text: query, ...viewFilter(view, roots) }, { limit: RESULT_LIMIT }));
      if (view.kind === 'album') {
        const result = await api.albums.photos(view.albumId);
        return result.ok ? result.value : null;
      }
      if (view.kind === 'duplicates') {
        const result = await api.search.duplicates();
        groups = result.ok ? result.value.map((group) => group.map((h) => h.photoId)) : [];
        return groups.flat();
      }
      const members = hitIds(await api.search.photos({ text: null, ...viewFilter(view, roots) }, { limit: MEMBERS_LIMIT }));
      // Listing a category re-tags the library, which refreshes the sidebar's counts.
      void reloadCategories();
      return members;
    };
    void ask().then((ids) => {
      if (current) setRemote({ key: remoteKey, ids: ids ?? [], groups });
    });
    return () => {
      current = false;
    };
    // albums and version: an album's photos or a category's tags may have changed.
  }, [remoteKey, similarTo, query, view, roots, albums, version]);

  return useMemo(() => {
    const indexed = library.photos.filter((p) => p.status === 'indexed');
    const pending = remoteKey !== null && remote.key !== remoteKey;
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
        base = asOneSection(photos, 'Best matches first');
        ranked = true;
      } else if (view.kind === 'album') {
        title = albums.find((a) => a.id === view.albumId)?.name ?? 'Album';
        base = asOneSection(photos, title);
      } else if (view.kind === 'duplicates') {
        title = 'Near-duplicates';
        base = asGroups(pending ? [] : (remote.groups ?? []).map(fromIds));
      } else {
        title = categories.find((c) => view.kind === 'category' && c.id === view.categoryId)?.name ?? 'Category';
        base = groupByMonth(photos, lastOrder.current);
      }
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
    const keep = chipPredicate(chips);
    // Month and batch sections stay as they were with fewer photos in them: no sort again.
    const filtered = chips.length === 0 ? base : ranked || view.kind === 'album' || view.kind === 'duplicates'
      ? asOneSection(base.photos.filter(keep), base.sections[0]?.label ?? title)
      : filterSections(base, keep);
    return { ...filtered, unfiltered: base.photos, ranked, pending, title };
  }, [library, remote, remoteKey, similarTo, query, view, albums, categories, roots, chips]);
}
