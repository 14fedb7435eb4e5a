// Runs in: the renderer. Which photos carry each keyword, category and album, for the filter
// bar (lib/facets.ts). Asked for only once the bar needs it (a facet of those opened, or
// picked), then again whenever tags, keywords, albums or photos may have changed; until it
// comes, the view waits rather than show photos a membership pick would leave out.
import { api } from '../lib/api';
import { membersOf, type Members } from '../lib/facets';
import { loadQueue } from '../lib/load-queue';
import { createStore } from '../lib/store';
import { tagsVersion } from './categories-store';
import { libraryStore } from './library-store';
import { valueOrNotify } from './notices';

export const membershipsStore = createStore<Members | null>(null);

let wanted = false;

const schedule = loadQueue<'all'>(
  async () => {
    const found = valueOrNotify(await api.search.memberships(), 'read the keywords, categories and albums of the photos');
    if (found) membershipsStore.set(membersOf(found));
  },
  () => 'all',
);

/** The filter bar needs the memberships: they are loaded now and kept current from here on. */
export function wantMemberships(): void {
  if (wanted) return;
  wanted = true;
  void schedule('all');
  let changes: unknown = null;
  let revision: unknown = null;
  libraryStore.subscribe(() => {
    const state = libraryStore.get().state;
    if (state?.state !== 'open' || (state.changes === changes && state.photosRevision === revision)) return;
    const first = changes === null;
    changes = state.changes;
    revision = state.photosRevision;
    if (!first) void schedule('all');
  });
  tagsVersion.subscribe(() => void schedule('all'));
}
