// Runs in: main process (plain Node). Undo and redo for every user edit, kept in the catalog
// itself (the history table), so they survive a restart and a second process sees the same
// history. An edit is stored as the row changes it made (catalog-db.ts capture): undoing it
// puts every row back as it was, in reverse order, and redoing makes the changes again,
// whatever the edit was (a tag decision, an album deleted with its photos' places, a folder
// removed with its photos, keywords and decisions). Linear, like every desktop app's Edit
// menu: a new edit drops what was undone.
import type { CatalogDb, RowChange } from './catalog-db';
import { TABLE_BY_SQL_NAME, TABLES } from './catalog-tables';
import { ClipfolioError } from '../shared/errors';
import type { TrashedFile } from './trash-bin';

/** Edits kept; older ones can no longer be undone (more than the 100 the product promises). */
export const HISTORY_LIMIT = 200;

export interface HistoryEntry {
  seq: number;
  /** What the edit did, in the user's words ("Delete album “Lisbon”"). */
  label: string;
  at: string;
  /** Files the edit moved to the trash (photo-trash.ts); none for most edits. */
  trashed: TrashedFile[];
}

/** An edit undone or redone, with the photos it brought back into the catalog (their vectors are gone). */
export interface Replayed extends HistoryEntry {
  /** Photos it brought back, and those it removed. */
  photosBack: string[];
  photosGone: string[];
  /** Every photo whose record it changed, brought back or removed. */
  photosChanged: string[];
}

export interface HistoryState {
  /** The edit Undo would take back, if any. */
  undo: HistoryEntry | null;
  /** The edit Redo would make again, if any. */
  redo: HistoryEntry | null;
}

interface HistoryRow {
  seq: number;
  label: string;
  at: string;
  changes: string;
  trashed: string | null;
}

/** Records an edit inside its transaction: the redo stack goes, the oldest entries past the limit too. */
export function recordEdit(db: CatalogDb, label: string, changes: readonly RowChange[], trashed: readonly TrashedFile[] = []): void {
  db.run('DELETE FROM history WHERE undone = 1');
  db.run('INSERT INTO history (label, at, changes, trashed) VALUES (?, ?, ?, ?)', label, new Date().toISOString(), JSON.stringify(changes), trashed.length > 0 ? JSON.stringify(trashed) : null);
  db.run('DELETE FROM history WHERE seq <= (SELECT max(seq) FROM history) - ?', HISTORY_LIMIT);
}

export function historyState(db: CatalogDb): HistoryState {
  return {
    undo: entry(db.get<HistoryRow>('SELECT seq, label, at, trashed FROM history WHERE undone = 0 ORDER BY seq DESC LIMIT 1')),
    redo: entry(db.get<HistoryRow>('SELECT seq, label, at, trashed FROM history WHERE undone = 1 ORDER BY seq ASC LIMIT 1')),
  };
}

/** Where an edit's trashed files are now (a redo trashes them again, somewhere new). */
export function setTrashed(db: CatalogDb, seq: number, trashed: readonly TrashedFile[]): void {
  db.run('UPDATE history SET trashed = ? WHERE seq = ?', trashed.length > 0 ? JSON.stringify(trashed) : null, seq);
}

/** Takes back the latest edit, in one transaction; null when there is nothing to undo. */
export function undoLast(db: CatalogDb): Replayed | null {
  return replay(db, 'undo', db.get<HistoryRow>('SELECT seq, label, at, changes, trashed FROM history WHERE undone = 0 ORDER BY seq DESC LIMIT 1'));
}

/** Makes the earliest undone edit again, in one transaction; null when there is nothing to redo. */
export function redoNext(db: CatalogDb): Replayed | null {
  return replay(db, 'redo', db.get<HistoryRow>('SELECT seq, label, at, changes, trashed FROM history WHERE undone = 1 ORDER BY seq ASC LIMIT 1'));
}

function replay(db: CatalogDb, direction: 'undo' | 'redo', row: HistoryRow | undefined): Replayed | null {
  if (!row) return null;
  return db.transaction(() => {
    const changes = parseChanges(row);
    const ordered = direction === 'undo' ? changes.reverse() : changes;
    for (const change of ordered) db.replay(tableOf(change), change, direction);
    db.run('UPDATE history SET undone = ? WHERE seq = ?', direction === 'undo' ? 1 : 0, row.seq);
    const photos = ordered.filter((c) => c.table === TABLES.photos.name);
    const back = photos.filter((c) => (direction === 'undo' ? c.after === null : c.before === null));
    const gone = photos.filter((c) => (direction === 'undo' ? c.before === null : c.after === null));
    const ids = (list: RowChange[]) => list.map((c) => c.key.id as string);
    return { ...(entry(row) as HistoryEntry), photosBack: ids(back), photosGone: ids(gone), photosChanged: [...new Set(ids(photos))] };
  });
}

function entry(row: Pick<HistoryRow, 'seq' | 'label' | 'at' | 'trashed'> | undefined): HistoryEntry | null {
  return row ? { seq: row.seq, label: row.label, at: row.at, trashed: row.trashed ? (JSON.parse(row.trashed) as TrashedFile[]) : [] } : null;
}

function tableOf(change: RowChange) {
  const table = TABLE_BY_SQL_NAME.get(change.table);
  if (!table) throw new ClipfolioError('DATA_CORRUPT', `the edit history names an unknown table ${change.table}`);
  return table;
}

/** The catalog's columns hold text, numbers and nulls only, which JSON keeps as they are. */
function parseChanges(row: HistoryRow): RowChange[] {
  return JSON.parse(row.changes) as RowChange[];
}
