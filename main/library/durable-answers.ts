// Runs in: main process and the CLI (plain Node). An answer to a call that edited the catalog
// leaves once the edit is on disk. A user edit commits at once but syncs in the background
// (wal-syncer.ts); the commit registers its sync with the call it ran in, and the places that
// answer (the IPC and bridge dispatcher, a command handed over from the CLI, a command run
// in the CLI itself) wait for those syncs only. A call that edited nothing, a search while
// another call's edit syncs included, answers without waiting.
import { AsyncLocalStorage } from 'node:async_hooks';

const call = new AsyncLocalStorage<Promise<void>[]>();

/** Runs `work` and settles once every edit it committed is durable; an edit's failed sync fails the call. */
export async function answerWhenDurable<T>(work: () => T | Promise<T>): Promise<T> {
  const syncs: Promise<void>[] = [];
  let result: T;
  try {
    result = await call.run(syncs, work);
  } catch (err) {
    // The call fails anyway; an edit it made before failing still syncs.
    for (const synced of syncs) synced.catch(() => undefined);
    throw err;
  }
  await Promise.all(syncs);
  return result;
}

/**
 * Makes the call in progress wait for `synced` before it answers. Outside any call (a test, a
 * start-up pass) nobody waits: a failed sync is reported by the syncer itself.
 */
export function answerAfter(synced: Promise<void>): void {
  const syncs = call.getStore();
  if (syncs) syncs.push(synced);
  else synced.catch(() => undefined);
}
