// Unit tests for durable edits synced off the main thread (wal-syncer.ts, durable-answers.ts):
// a call that edited answers only once its commit's log is synced, a call that edited nothing
// answers without waiting for another's sync, commits made during a sync share the next one,
// syncs asked for before the syncer's thread is up go through the thread pool, and a sync
// that fails fails the call that waited for it with a clear message.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createDispatcher, type Handlers } from '../../../main/ipc/dispatcher';
import { Catalog } from '../../../main/library/catalog';
import { CatalogDb } from '../../../main/library/catalog-db';
import { answerWhenDurable } from '../../../main/library/durable-answers';
import { WalSyncer } from '../../../main/library/wal-syncer';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'clipfolio-sync-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function addRoot(db: CatalogDb, id: string, durable = true): void {
  db.transaction(() => db.run('INSERT INTO roots (id, path, added_at) VALUES (?, ?, ?)', id, `/photos/${id}`, '2026-12-06'), { durable });
}

it('answers an edit once its log is synced, and a call that edited nothing at once', async () => {
  const db = CatalogDb.open(join(dir, 'catalog.sqlite'));
  try {
    let unsyncedAtCommit = -1;
    let editAnswered = false;
    const edit = answerWhenDurable(() => {
      addRoot(db, 'r1');
      unsyncedAtCommit = db.unsyncedCommits;
      return 'added';
    }).then((answer) => {
      editAnswered = true;
      return { answer, unsynced: db.unsyncedCommits };
    });
    const read = await answerWhenDurable(() => db.get<{ n: number }>('SELECT count(*) AS n FROM roots')?.n);
    expect(unsyncedAtCommit).toBeGreaterThan(0);
    // The read saw the committed edit and answered while the edit's sync was still running.
    expect(read).toBe(1);
    expect(editAnswered).toBe(false);
    expect(await edit).toEqual({ answer: 'added', unsynced: 0 });
  } finally {
    db.close();
  }
});

it('shares one sync among the edits committed while another runs, and never syncs for machine writes', async () => {
  const db = CatalogDb.open(join(dir, 'catalog.sqlite'));
  try {
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => answerWhenDurable(() => (addRoot(db, `r${i}`), i))));
    expect(answers).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(db.unsyncedCommits).toBe(0);
    await answerWhenDurable(() => {
      addRoot(db, 'machine', false);
      expect(db.unsyncedCommits).toBe(0);
    });
    expect(db.get<{ n: number }>('SELECT count(*) AS n FROM roots')?.n).toBe(21);
  } finally {
    db.close();
  }
});

it('syncs every commit reported before it stops', async () => {
  const db = CatalogDb.open(join(dir, 'catalog.sqlite'));
  addRoot(db, 'r0');
  const syncer = WalSyncer.start(join(dir, 'catalog.sqlite-wal'), () => expect.unreachable('no sync fails here'));
  const synced = [syncer.committed(), syncer.committed(), syncer.committed()];
  syncer.stop();
  await Promise.all(synced);
  expect(syncer.pending).toBe(0);
  db.close();
});

it('syncs through the thread pool until its own thread is up, then on that thread', async () => {
  const db = CatalogDb.open(join(dir, 'catalog.sqlite'));
  addRoot(db, 'r0');
  const syncer = WalSyncer.start(join(dir, 'catalog.sqlite-wal'), () => expect.unreachable('no sync fails here'));
  // Asked for at once, before the thread can have started: answered all the same.
  await syncer.committed();
  await syncer.started;
  await Promise.all([syncer.committed(), syncer.committed()]);
  expect(syncer.pending).toBe(0);
  syncer.stop();
  db.close();
});

it('fails the waiting calls with a clear message when the log cannot be synced, and tells its catalog once', async () => {
  // A folder where the log should be: opening it for writing fails (EISDIR), in the pool and on the thread alike.
  const wal = join(dir, 'not-a-log');
  await mkdir(wal);
  for (const whenStarted of [false, true]) {
    const failures: Error[] = [];
    const syncer = WalSyncer.start(wal, (err) => failures.push(err));
    if (whenStarted) await syncer.started;
    const first = syncer.committed();
    const second = syncer.committed();
    await expect(first).rejects.toThrow(/saved but could not be written through to the disk: EISDIR/);
    await expect(second).rejects.toThrow(/could not be written through/);
    await expect(syncer.committed()).rejects.toThrow(/could not be written through/);
    expect(failures).toHaveLength(1);
    syncer.stop();
  }
});

it('answers a call through the dispatcher only once the edit it made is on disk', async () => {
  const catalog = Catalog.open(join(dir, 'catalog.sqlite'));
  try {
    // One real handler over a real catalog; the dispatcher is the one Electron and the bridge use.
    const handlers = {
      'history:undo': () => {
        catalog.edit('Add a folder', () => catalog.addRoot('/photos/holiday'));
        return null;
      },
    } as unknown as Handlers;
    const dispatch = createDispatcher(handlers, () => undefined);
    const result = await dispatch('history:undo', []);
    expect(result).toEqual({ ok: true, value: null });
    expect(catalog.unsyncedEdits).toBe(0);
    expect(catalog.roots().map((r) => r.path)).toEqual(['/photos/holiday']);
  } finally {
    catalog.close();
  }
});
