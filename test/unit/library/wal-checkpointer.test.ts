// Unit tests for checkpoints off the main thread (wal-checkpointer.ts): once the catalog has
// committed, its own connection no longer checkpoints, and what it commits still reaches the
// database file by itself, copied there by the worker's connection.
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { CatalogDb } from '../../../main/library/catalog-db';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'clipfolio-wal-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Photos in the database file alone, without its log: what a checkpoint has copied there. */
async function photosInDatabaseFile(file: string): Promise<number> {
  const copy = join(dir, `copy-${Math.random()}.sqlite`);
  await copyFile(file, copy);
  const db = new DatabaseSync(copy, { readOnly: true });
  try {
    // Before the first checkpoint even the tables are only in the log.
    const table = db.prepare("SELECT name FROM sqlite_master WHERE name = 'photos'").get();
    return table ? Number((db.prepare('SELECT count(*) AS n FROM photos').get() as { n: number }).n) : 0;
  } finally {
    db.close();
  }
}

it('leaves checkpoints to its worker, which copies each commit into the database file', async () => {
  const file = join(dir, 'catalog.sqlite');
  const db = CatalogDb.open(file);
  try {
    expect(db.get<{ wal_autocheckpoint: number }>('PRAGMA wal_autocheckpoint')?.wal_autocheckpoint).toBe(0);
    db.transaction(() => {
      db.run("INSERT INTO roots (id, path, added_at) VALUES ('r1', '/photos', '2026-01-01')");
      for (let i = 0; i < 2000; i++) {
        db.run(
          'INSERT INTO photos (id, root_id, path, folder, size, mtime_ms, status, added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
          `photo${String(i).padStart(11, '0')}`,
          'r1',
          `/photos/${i}.jpg`,
          '/photos',
          1,
          1,
          'pending',
          '2026-01-01',
        );
      }
    });
    let copied = 0;
    for (let tries = 0; tries < 50 && copied < 2000; tries++) {
      await sleep(100);
      copied = await photosInDatabaseFile(file);
    }
    expect(copied).toBe(2000);
  } finally {
    db.close();
  }
});
