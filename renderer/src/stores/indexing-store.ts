// Runs in: the renderer. The indexing run as main reports it (running, paused or idle, with
// counts, rate and ETA, and the last run's failures), and the buttons that steer it.
import type { IndexingStatus } from '../../../main/shared/api-contract';
import { api } from '../lib/api';
import { createStore } from '../lib/store';
import { refreshPhotos, reloadPhotos } from './library-store';
import { valueOrNotify } from './notices';

export const indexingStore = createStore<IndexingStatus | null>(null);

/** How often the grid refreshes while photos are being indexed. */
const RELOAD_EVERY_MS = 1500;
let lastReload = 0;

function apply(status: IndexingStatus | null): void {
  if (!status) return;
  const before = indexingStore.get();
  indexingStore.set(status);
  // The first status after start-up has no predecessor: it reports a state, not a change,
  // and must not reload the library that is being listed already.
  const finishedNow = before !== null && before.state !== 'idle' && status.state === 'idle';
  const now = Date.now();
  if (finishedNow || (status.state === 'running' && now - lastReload > RELOAD_EVERY_MS && (status.progress?.done ?? 0) > 0)) {
    lastReload = now;
    // While running only the list's tail changes; the end may have changed anything.
    void (finishedNow ? reloadPhotos() : refreshPhotos());
  }
}

export async function startIndexing(folders?: string[]): Promise<void> {
  apply(valueOrNotify(await api.indexing.start(folders ? { folders } : undefined), 'start indexing'));
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

