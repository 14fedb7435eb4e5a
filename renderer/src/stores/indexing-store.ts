// Runs in: the renderer. The indexing run as main reports it (running, paused or idle, with
// counts, rate and ETA, and the last run's failures, which the user can put away or retry),
// and the buttons that steer it.
import type { IndexingStatus } from '../../../main/shared/api-contract';
import { api } from '../lib/api';
import { createStore } from '../lib/store';
import { refreshPhotos } from './library-store';
import { valueOrNotify } from './notices';

export const indexingStore = createStore<IndexingStatus | null>(null);

/** How often the grid refreshes while photos are being indexed. */
const RELOAD_EVERY_MS = 1500;
let lastReload = 0;

function apply(status: IndexingStatus | null): void {
  if (!status) return;
  indexingStore.set(status);
  // While running only the list's tail changes. The end may have changed anything, but main
  // follows it with 'library:changed', which lists every photo again (library-store.ts);
  // a listing from here too would be a second one of the whole library.
  const now = Date.now();
  if (status.state === 'running' && now - lastReload > RELOAD_EVERY_MS && (status.progress?.done ?? 0) > 0) {
    lastReload = now;
    void refreshPhotos();
  }
}

export async function startIndexing(folders?: string[]): Promise<void> {
  apply(valueOrNotify(await api.indexing.start(folders ? { folders } : undefined), 'start indexing'));
}

/** Reads the files that failed again, and indexes those it now can. */
export async function retryFailed(): Promise<void> {
  apply(valueOrNotify(await api.indexing.retryFailed(), 'try the files again'));
}

/** The last run's failures the user put away; shown again only for another run's. */
export const dismissedFailures = createStore<IndexingStatus['lastSummary']>(null);

export function dismissFailures(): void {
  dismissedFailures.set(indexingStore.get()?.lastSummary ?? null);
}

export async function pauseIndexing(): Promise<void> {
  apply(valueOrNotify(await api.indexing.pause(), 'pause indexing'));
}

export async function resumeIndexing(): Promise<void> {
  apply(valueOrNotify(await api.indexing.resume(), 'resume indexing'));
}

export async function cancelIndexing(): Promise<void> {
  apply(valueOrNotify(await api.indexing.cancel(), 'stop indexing'));
}

export function watchIndexing(): () => void {
  void api.indexing.status().then((result) => {
    if (result.ok) apply(result.value);
  });
  return api.on('indexing:progress', apply);
}

