// Runs in: main process (plain Node). The library catalog over its SQLite store (the
// "catalog store" note in catalog-tables.ts): folders, photos, categories, tag decisions,
// keywords, albums and the edit history, behind domain methods, so no other module knows the
// engine underneath. Every write is committed before the method returns, and a user edit is
// durable once the call it ran in answers (durable-answers.ts); a user edit (edit()) is one
// transaction and one entry of the undo history; machine writes (indexing) are grouped with
// batch(). Small human-scale tables (folders, categories, albums, decisions)
// are cached in memory and replaced, never changed in place, on every write, so their readers
// can tell a change by identity; photos and keywords are read from SQLite by key.
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { ClipfolioError } from '../shared/errors';
import { CatalogDb, type Row } from './catalog-db';
import { NEW_PHOTO_FIELDS, type AlbumRecord, type CategoryRecord, type KeywordRecord, type LibraryRoot, type PhotoRecord, type PhotoStatus, type SearchQuery, type TagDecisionRecord } from './catalog-schema';
import { TABLES, type TableSpec } from './catalog-tables';
import { historyState, recordEdit, redoNext, setTrashed, undoLast, type HistoryState, type Replayed } from './edit-history';
import type { TrashedFile } from './trash-bin';
import { newId } from './photo-id';
import { PhotoChangeLog } from './photo-change-log';
import { PHOTO_SELECT, photoColumns, photoFromRow, type PhotoRow } from './photo-rows';

/** Fields the scanner knows; everything else starts empty until the photo is indexed. */
export type PhotoUpsert = Pick<PhotoRecord, 'path' | 'rootId' | 'size' | 'mtimeMs'> & PhotoPatch;

/** Fields that may change in place; the path changes through movePhoto. */
export type PhotoPatch = Partial<Omit<PhotoRecord, 'id' | 'path' | 'rootId' | 'addedAt'>>;

/** What a committed change touched, for the app to tell its UI. */
export type ChangeKind = 'roots' | 'photos' | 'categories' | 'decisions' | 'keywords' | 'albums' | 'history';

export interface PhotoPageQuery {
  /** The photo the previous page ended with; the first page without. */
  after?: string;
  limit: number;
  rootId?: string;
  status?: PhotoStatus;
}

export interface PhotoPage {
  photos: PhotoRecord[];
  /** Photos matching the query in all. */
  total: number;
}

/** The part of a search's filters SQLite answers (search/photo-filters.ts). */
export type PhotoConditions = Pick<SearchQuery, 'takenFrom' | 'takenTo' | 'camera' | 'folder' | 'minRating' | 'favourites'>;

/** Small tables kept whole in memory (their rows are JSON records in catalog order). */
type SmallTables = { categories: CategoryRecord; albums: AlbumRecord };

/** True when `inner` is `outer` or lies inside it. */
export function isWithin(outer: string, inner: string): boolean {
  const rel = relative(outer, inner);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel) && rel.split(sep)[0] !== '..');
}

/** A LIKE pattern matching `text` literally (escape character '\'). */
function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * Photos per page of a pass over every photo that lets the event loop turn between pages:
 * ~2 ms each on the 2-core test machine, up to ~50 ms right after a million-photo library
 * opens, its pages not yet in SQLite's cache, while the worker maps the vectors beside it
 * (10,000 took ~100-400 ms then, stalls the UI felt).
 */
export const ID_PAGE = 1_000;

export class Catalog {
  readonly file: string;
  readonly #db: CatalogDb;
  readonly #listeners = new Set<(kinds: ReadonlySet<ChangeKind>) => void>();
  /** What the transaction in progress touched; announced once it commits. */
  #touched = new Set<ChangeKind>();
  #roots: LibraryRoot[] | null = null;
  #small: { [K in keyof SmallTables]?: SmallTables[K][] } = {};
  #decisions: TagDecisionRecord[] | null = null;
  /** From the clock, so this process's revisions all lie above those of any earlier one (photo-change-log.ts). */
  #photosRevision = Date.now();
  /** Photos the transaction in progress touched; logged by revision once it commits. */
  #touchedPhotos = new Set<string>();
  readonly #photoLog = new PhotoChangeLog(this.#photosRevision);
  /** Nesting of #write: changes are announced when the outermost one ends. */
  #depth = 0;
  /** An edit is recording: edits inside it join it. */
  #editing = false;
  /** Whether the outermost write under way commits durably (edits) or not (batch). */
  #durable = true;
  #closed = false;

  private constructor(db: CatalogDb) {
    this.file = db.file;
    this.#db = db;
  }

  /** Opens (or creates) the catalog database at `file`; see library.ts for the library around it. */
  static open(file: string): Catalog {
    return new Catalog(CatalogDb.open(file));
  }

  /** Told after each committed change what it touched. */
  onChange(listener: (kinds: ReadonlySet<ChangeKind>) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  // ---- transactions and history

  /**
   * A user edit: `work`'s writes are one transaction, committed when this returns and durable
   * (synced) before the call it runs in answers (durable-answers.ts), and one
   * entry of the undo history labelled in the user's words, with the files it moved to the
   * trash when it did (photo-trash.ts). An edit inside an edit joins it.
   */
  edit<T>(label: string, work: () => T, trashed: readonly TrashedFile[] = []): T {
    // Joining a machine batch, the edit would not be synced before it is acknowledged.
    if (this.#depth > 0 && !this.#durable) throw new ClipfolioError('INTERNAL', 'a user edit cannot join a machine write');
    if (this.#editing) return work();
    return this.#write(() => {
      this.#editing = true;
      try {
        const { result, changes } = this.#db.capture(work);
        if (changes.length > 0) {
          recordEdit(this.#db, label, changes, trashed);
          this.#touched.add('history');
        }
        return result;
      } finally {
        this.#editing = false;
      }
    });
  }

  /**
   * Machine writes (indexing) as one transaction, outside the undo history, never synced on
   * their own (CatalogDb.transaction says what that risks: only a power cut, and only for what
   * indexing redoes).
   */
  batch<T>(work: () => T): T {
    return this.#write(work, false);
  }

  /** For a process that will take edits (the app): the threads that make them durable start now, not with the first. */
  prepareForEdits(): void {
    this.#db.startLogThreads();
  }

  /** User edits committed whose sync to disk is not over yet (the calls that made them have not answered). */
  get unsyncedEdits(): number {
    return this.#db.unsyncedCommits;
  }

  history(): HistoryState {
    return historyState(this.#db);
  }

  /** Where the files of edit `seq` are now, after its redo trashed them again. */
  setTrashed(seq: number, trashed: readonly TrashedFile[]): void {
    this.#write(() => setTrashed(this.#db, seq, trashed));
  }

  /** Takes back the latest edit; null when there is none. */
  undo(): Replayed | null {
    return this.#replayed(() => undoLast(this.#db));
  }

  /** Makes the latest undone edit again; null when there is none. */
  redo(): Replayed | null {
    return this.#replayed(() => redoNext(this.#db));
  }

  #replayed(work: () => Replayed | null): Replayed | null {
    const entry = this.#write(work);
    if (entry) {
      // Any table may have changed: every cache is read again.
      this.#roots = null;
      this.#small = {};
      this.#decisions = null;
      this.#touchPhotos(entry.photosChanged);
      for (const kind of ['roots', 'photos', 'categories', 'decisions', 'keywords', 'albums', 'history'] as const) this.#touched.add(kind);
      this.#announce();
    }
    return entry;
  }

  #write<T>(work: () => T, durable = true): T {
    this.#assertOpen();
    // Nested writes join the outermost one, and commit as it does.
    if (this.#depth === 0) this.#durable = durable;
    this.#depth += 1;
    try {
      return this.#db.transaction(work, { durable });
    } catch (err) {
      // Rolled back: caches may hold rows that never committed.
      if (this.#depth === 1) this.#forget();
      throw err;
    } finally {
      this.#depth -= 1;
      if (this.#depth === 0) this.#announce();
    }
  }

  #forget(): void {
    this.#roots = null;
    this.#small = {};
    this.#decisions = null;
    this.#touched.clear();
    this.#touchedPhotos.clear();
  }

  #touch(kind: ChangeKind): void {
    this.#touched.add(kind);
    if (kind === 'photos') this.#photosRevision += 1;
  }

  #touchPhotos(ids: Iterable<string>): void {
    this.#touch('photos');
    for (const id of ids) this.#touchedPhotos.add(id);
  }

  #announce(): void {
    if (this.#touchedPhotos.size > 0) {
      this.#photoLog.record(this.#photosRevision, this.#touchedPhotos);
      this.#touchedPhotos = new Set();
    }
    if (this.#touched.size === 0) return;
    const kinds = this.#touched;
    this.#touched = new Set();
    for (const listener of this.#listeners) listener(kinds);
  }

  // ---- roots

  roots(): readonly Readonly<LibraryRoot>[] {
    this.#roots ??= this.#db
      .all<{ id: string; path: string; added_at: string }>('SELECT id, path, added_at FROM roots ORDER BY added_at, id')
      .map((r) => ({ id: r.id, path: r.path, addedAt: r.added_at }));
    return this.#roots;
  }

  /** Adds a folder; returns the existing root for the same path. Nested roots are refused. */
  addRoot(folder: string): Readonly<LibraryRoot> {
    const path = resolve(folder);
    const same = this.roots().find((root) => root.path === path);
    if (same) return same;
    const overlap = this.roots().find((root) => isWithin(root.path, path) || isWithin(path, root.path));
    if (overlap) throw new ClipfolioError('INVALID_ARGUMENT', `${path} overlaps the library folder ${overlap.path}`);
    const root = { id: newId(), path, addedAt: new Date().toISOString() };
    this.#write(() => {
      this.#db.insert(TABLES.roots, { id: root.id, path: root.path, added_at: root.addedAt });
      this.#roots = null;
      this.#touch('roots');
    });
    return root;
  }

  /** Removes a root with its photos (and their decisions, keywords and album places); returns the photo ids. */
  removeRoot(rootId: string): string[] {
    return this.#write(() => {
      const ids = this.#db.all<{ id: string }>('SELECT id FROM photos WHERE root_id = ?', rootId).map((r) => r.id);
      this.removePhotos(ids);
      if (!this.#db.delete(TABLES.roots, { id: rootId })) throw new ClipfolioError('NOT_FOUND', `no library folder with id ${rootId}`);
      this.#roots = null;
      this.#touch('roots');
      return ids;
    });
  }

  /** The root whose folder contains `path`, if any. */
  rootFor(path: string): Readonly<LibraryRoot> | undefined {
    return this.roots().find((root) => isWithin(root.path, path));
  }

  // ---- photos

  /** Kept by the catalog's triggers (schema step 6): counting a million rows takes ~0.2 s. */
  get photoCount(): number {
    return Number(this.#db.get<{ n: number }>('SELECT n FROM photo_count WHERE id = 1')?.n ?? 0);
  }

  /**
   * Bumped by every change to a photo record (added, updated, moved, removed), and by
   * nothing else: the UI lists its photos again only when this moved, not after every album
   * or category edit.
   */
  get photosRevision(): number {
    return this.#photosRevision;
  }

  /**
   * The photos changed since the window listed them at `revision`: their records now, and the
   * ids of those removed since; null when only a full listing can tell (photo-change-log.ts).
   */
  photoChangesSince(revision: number): { revision: number; photos: PhotoRecord[]; removed: string[] } | null {
    const ids = this.#photoLog.since(revision, this.#photosRevision);
    if (!ids) return null;
    const rows: PhotoRow[] = [];
    const list = [...ids];
    for (let start = 0; start < list.length; start += 500) {
      const part = list.slice(start, start + 500);
      rows.push(...this.#db.all<PhotoRow>(`${PHOTO_SELECT} WHERE id IN (${part.map(() => '?').join(', ')})`, ...part));
    }
    // In catalog order, so photos new to the window join its list where a listing puts them.
    rows.sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0));
    const present = new Set(rows.map((r) => r.id as string));
    return { revision: this.#photosRevision, photos: rows.map(photoFromRow), removed: list.filter((id) => !present.has(id)) };
  }

  getPhoto(id: string): PhotoRecord | undefined {
    const row = this.#db.get<PhotoRow>(`${PHOTO_SELECT} WHERE id = ?`, id);
    return row && photoFromRow(row);
  }

  findByPath(path: string): PhotoRecord | undefined {
    const row = this.#db.get<PhotoRow>(`${PHOTO_SELECT} WHERE path = ?`, path);
    return row && photoFromRow(row);
  }

  /**
   * Photos whose file name (or folder names) have words starting with every typed word, in
   * the name index's order (closest names first) and passing `accept`, up to `limit`.
   * `query` is an FTS5 query from photo-words.ts namesQuery.
   */
  photosNamed(query: string, column: 'name' | 'folder', accept: (id: string) => boolean, limit: number): string[] {
    const out: string[] = [];
    const rows = this.#db.iterate<{ id: string }>(
      'SELECT p.id FROM photo_names JOIN photos AS p ON p.seq = photo_names.rowid WHERE photo_names MATCH ? ORDER BY rank',
      `${column} : (${query})`,
    );
    for (const row of rows) {
      if (out.length >= limit) break;
      if (accept(row.id)) out.push(row.id);
    }
    return out;
  }

  /** The photos whose path is `stem` plus one extension (IMG_1.jpg and IMG_1.CR2 for stem IMG_1). */
  photosWithStem(stem: string): PhotoRecord[] {
    // '/' is the character after '.', so the range holds every path that continues "stem.".
    const rows = this.#db.all<PhotoRow>(`${PHOTO_SELECT} WHERE path >= ? AND path < ? ORDER BY seq`, `${stem}.`, `${stem}/`);
    return rows.map(photoFromRow).filter((p) => !/[./\\]/.test(p.path.slice(stem.length + 1)));
  }

  /** Every photo with this content hash (exact duplicates share one). */
  findByHash(hash: string): PhotoRecord[] {
    return this.#db.all<PhotoRow>(`${PHOTO_SELECT} WHERE hash = ? ORDER BY seq`, hash).map(photoFromRow);
  }

  /**
   * Every photo in catalog order, read as the loop goes: for the command line and batch
   * work (export, index clean-up). The UI pages with listPhotos instead.
   */
  *photos(): Generator<PhotoRecord> {
    // A statement of its own: two loops at once must not share one cursor.
    for (const row of this.#db.iterate<PhotoRow>(`${PHOTO_SELECT} ORDER BY seq`)) yield photoFromRow(row);
  }

  /** One page of photos in catalog order, by key: the page after the photo `after`. */
  listPhotos(query: PhotoPageQuery): PhotoPage {
    const conditions: string[] = [];
    const params: (string | number)[] = [];
    if (query.rootId !== undefined) {
      conditions.push('root_id = ?');
      params.push(query.rootId);
    }
    if (query.status !== undefined) {
      conditions.push('status = ?');
      params.push(query.status);
    }
    const filter = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
    const total = filter === '' ? this.photoCount : Number(this.#db.get<{ n: number }>(`SELECT count(*) AS n FROM photos ${filter}`, ...params)?.n ?? 0);
    let after = 0;
    if (query.after !== undefined) {
      const seq = this.#db.get<{ seq: number }>('SELECT seq FROM photos WHERE id = ?', query.after)?.seq;
      if (seq === undefined) throw new ClipfolioError('NOT_FOUND', `no photo with id ${query.after} to list after (it was removed)`);
      after = seq;
    }
    const rows = this.#db.all<PhotoRow>(
      `${PHOTO_SELECT} WHERE seq > ? ${conditions.length > 0 ? `AND ${conditions.join(' AND ')}` : ''} ORDER BY seq LIMIT ?`,
      after,
      ...params,
      query.limit,
    );
    return { photos: rows.map(photoFromRow), total };
  }

  /** Photo counts by status. */
  statusCounts(): Record<PhotoStatus, number> {
    const counts: Record<PhotoStatus, number> = { pending: 0, indexed: 0, failed: 0, skipped: 0 };
    for (const row of this.#db.all<{ status: PhotoStatus; n: number }>('SELECT status, count(*) AS n FROM photos GROUP BY status')) counts[row.status] = row.n;
    return counts;
  }

  /** Every photo with this status. */
  idsWithStatus(status: PhotoStatus): string[] {
    return this.#db.all<{ id: string }>('SELECT id FROM photos WHERE status = ?', status).map((r) => r.id);
  }

  /**
   * Photos marked indexed with `modelId` (their vector should be in that model's file),
   * `size` at a time in catalog order, each page its own query (no cursor stays open between
   * them), for a caller that lets the event loop turn between pages.
   */
  *pagesOfIdsIndexedWith(modelId: string, size: number): Generator<string[]> {
    for (let after = 0; ; ) {
      const rows = this.#db.all<{ seq: number; id: string }>(
        "SELECT seq, id FROM photos WHERE status = 'indexed' AND model_id = ? AND seq > ? ORDER BY seq LIMIT ?",
        modelId,
        after,
        size,
      );
      if (rows.length === 0) return;
      yield rows.map((r) => r.id);
      after = (rows.at(-1) as { seq: number }).seq;
    }
  }

  /** Photos marked indexed with any model but `modelId`. */
  countIndexedNotWith(modelId: string): number {
    return Number(this.#db.get<{ n: number }>("SELECT count(*) AS n FROM photos WHERE status = 'indexed' AND model_id IS NOT ?", modelId)?.n ?? 0);
  }

  /** Ids of the photos inside `folder` (at any depth) whose path is not in `seen`. */
  photoIdsNotSeen(folder: string, seen: ReadonlySet<string>): string[] {
    const inside = insideFolder(folder);
    const out: string[] = [];
    for (const row of this.#db.iterate<{ id: string; path: string }>(`SELECT id, path FROM photos WHERE ${inside.sql}`, ...inside.params)) {
      if (!seen.has(row.path)) out.push(row.id);
    }
    return out;
  }

  /** Ids of the photos meeting every condition (the SQL part of a search's filters). */
  photoIdsWhere(conditions: PhotoConditions): Set<string> {
    const { sql, params } = conditionsSql(conditions);
    return new Set(this.#db.all<{ id: string }>(`SELECT id FROM photos WHERE ${sql}`, ...params).map((r) => r.id));
  }

  /** Photos meeting every condition (and `accept`), newest taken first, up to `limit`. */
  newestPhotos(conditions: PhotoConditions, accept: (id: string) => boolean, limit: number): PhotoRecord[] {
    const { sql, params } = conditionsSql(conditions);
    const out: PhotoRecord[] = [];
    for (const row of this.#db.iterate<PhotoRow>(`${PHOTO_SELECT} WHERE ${sql} ORDER BY taken_at DESC, path`, ...params)) {
      if (!accept(row.id as string)) continue;
      out.push(photoFromRow(row));
      if (out.length >= limit) break;
    }
    return out;
  }

  /** Creates the photo at `input.path`, or updates the given fields of the one already there. */
  upsertPhoto(input: PhotoUpsert): PhotoRecord {
    const path = resolve(input.path);
    if (!this.roots().some((root) => root.id === input.rootId)) throw new ClipfolioError('NOT_FOUND', `no library folder with id ${input.rootId}`);
    return this.#write(() => {
      const existing = this.findByPath(path);
      if (existing) return this.updatePhoto(existing.id, { ...input, path } as PhotoPatch);
      const photo: PhotoRecord = {
        ...NEW_PHOTO_FIELDS,
        ...input,
        id: newId(),
        path,
        addedAt: new Date().toISOString(),
      };
      this.#db.insert(TABLES.photos, photoColumns(photo));
      this.#touchPhotos([photo.id]);
      return photo;
    });
  }

  updatePhoto(id: string, patch: PhotoPatch): PhotoRecord {
    return this.#write(() => {
      // Identity stays: a photo moves through movePhoto, and keeps its id and when it came in.
      const columns = photoColumns(patch);
      for (const fixed of ['id', 'path', 'folder', 'root_id', 'added_at']) delete columns[fixed];
      if (!this.#db.update(TABLES.photos, { id }, columns)) throw new ClipfolioError('NOT_FOUND', `no photo with id ${id}`);
      this.#touchPhotos([id]);
      return this.getPhoto(id) as PhotoRecord;
    });
  }

  /** Sets the status; 'indexed' also stamps indexedAt. `reason` is cleared unless given. */
  setStatus(id: string, status: PhotoStatus, reason: string | null = null): PhotoRecord {
    return this.updatePhoto(id, { status, reason, ...(status === 'indexed' ? { indexedAt: new Date().toISOString() } : {}) });
  }

  /** Records that a photo's file now lives at `newPath` (same content, same id). */
  movePhoto(id: string, newPath: string): PhotoRecord {
    const path = resolve(newPath);
    return this.#write(() => {
      const occupant = this.findByPath(path);
      if (occupant && occupant.id !== id) throw new ClipfolioError('INVALID_ARGUMENT', `${path} already belongs to photo ${occupant.id}`);
      const root = this.rootFor(path);
      if (!root) throw new ClipfolioError('INVALID_ARGUMENT', `${path} is outside every library folder`);
      if (!this.#db.update(TABLES.photos, { id }, photoColumns({ path, rootId: root.id }))) throw new ClipfolioError('NOT_FOUND', `no photo with id ${id}`);
      this.#touchPhotos([id]);
      return this.getPhoto(id) as PhotoRecord;
    });
  }

  removePhoto(id: string): boolean {
    return this.removePhotos([id]) === 1;
  }

  /**
   * Removes photos with everything that hangs on them (their decisions, keywords and album
   * places; copies that named one as their original forget it); returns how many existed.
   */
  removePhotos(ids: Iterable<string>): number {
    return this.#write(() => {
      let removed = 0;
      for (const id of ids) {
        if (!this.#db.delete(TABLES.photos, { id })) continue;
        removed += 1;
        this.#touchedPhotos.add(id);
        for (const d of this.#db.all<Row>('SELECT category_id FROM tag_decisions WHERE photo_id = ?', id)) this.#db.delete(TABLES.tagDecisions, { photo_id: id, category_id: d.category_id ?? null });
        for (const k of this.#db.all<Row>('SELECT keyword_key FROM keywords WHERE photo_id = ?', id)) this.#db.delete(TABLES.keywords, { photo_id: id, keyword_key: k.keyword_key ?? null });
        for (const a of this.#db.all<Row>('SELECT album_id FROM album_photos WHERE photo_id = ?', id)) this.#db.delete(TABLES.albumPhotos, { album_id: a.album_id ?? null, photo_id: id });
        for (const p of this.#db.all<Row>('SELECT photo_a, photo_b FROM not_duplicates WHERE photo_a = ? OR photo_b = ?', id, id)) {
          this.#db.delete(TABLES.notDuplicates, { photo_a: p.photo_a ?? null, photo_b: p.photo_b ?? null });
        }
        for (const copy of this.#db.all<{ id: string }>('SELECT id FROM photos WHERE duplicate_of = ?', id)) {
          this.#db.update(TABLES.photos, { id: copy.id }, { duplicate_of: null });
          this.#touchedPhotos.add(copy.id);
        }
      }
      if (removed > 0) {
        this.#decisions = null;
        for (const kind of ['photos', 'decisions', 'keywords', 'albums'] as const) this.#touch(kind);
      }
      return removed;
    });
  }

  // ---- categories and albums: small tables, whole in memory

  /** The table's rows in their order; a new array after every change to it. */
  table<K extends keyof SmallTables>(name: K): readonly SmallTables[K][] {
    const cached = this.#small[name];
    if (cached) return cached;
    const rows = this.#db.all<{ record: string }>(`SELECT record FROM ${TABLES[name].name} ORDER BY position`).map((r) => JSON.parse(r.record) as SmallTables[K]);
    (this.#small as Record<K, SmallTables[K][]>)[name] = rows;
    return rows;
  }

  /** Replaces a small table with what `update` returns; only rows that changed (by identity or place) are written. */
  updateTable<K extends keyof SmallTables>(name: K, update: (rows: readonly SmallTables[K][]) => SmallTables[K][]): void {
    const before = this.table(name);
    const after = update(before);
    const spec = TABLES[name];
    this.#write(() => {
      const kept = new Set(after.map((r) => r.id));
      for (const row of before) if (!kept.has(row.id)) this.#db.delete(spec, { id: row.id });
      after.forEach((row, position) => {
        if (before[position] === row) return;
        const record = JSON.stringify(row);
        const old = before.find((r) => r.id === row.id);
        if (!old) this.#db.insert(spec, { id: row.id, position, record });
        else this.#db.update(spec, { id: row.id }, { position, record });
      });
      (this.#small as Record<K, SmallTables[K][]>)[name] = after;
      this.#touch(name);
    });
  }

  // ---- tag decisions

  /** Every decision; a new array after every change. */
  decisions(): readonly TagDecisionRecord[] {
    this.#decisions ??= this.#db
      .all<{ photo_id: string; category_id: string; decision: 'accepted' | 'rejected'; decided_at: string }>('SELECT photo_id, category_id, decision, decided_at FROM tag_decisions')
      .map((r) => ({ photoId: r.photo_id, categoryId: r.category_id, decision: r.decision, decidedAt: r.decided_at }));
    return this.#decisions;
  }

  /** Sets (or with null clears) one category's decision on photos. */
  setDecisions(photoIds: readonly string[], categoryId: string, decision: TagDecisionRecord['decision'] | null): void {
    const decidedAt = new Date().toISOString();
    this.#write(() => {
      for (const photoId of new Set(photoIds)) {
        const key = { photo_id: photoId, category_id: categoryId };
        if (decision === null) this.#db.delete(TABLES.tagDecisions, key);
        else if (!this.#db.update(TABLES.tagDecisions, key, { decision, decided_at: decidedAt })) this.#db.insert(TABLES.tagDecisions, { ...key, decision, decided_at: decidedAt });
      }
      this.#decisions = null;
      this.#touch('decisions');
    });
  }

  /** Drops every decision on a category (it is being removed). */
  clearCategoryDecisions(categoryId: string): void {
    this.#write(() => {
      for (const { photo_id } of this.#db.all<{ photo_id: string }>('SELECT photo_id FROM tag_decisions WHERE category_id = ?', categoryId)) {
        this.#db.delete(TABLES.tagDecisions, { photo_id, category_id: categoryId });
      }
      this.#decisions = null;
      this.#touch('decisions');
    });
  }

  // ---- keywords (compared ignoring case; the spelling first given is kept)

  keywordsOf(photoId: string): KeywordRecord[] {
    return this.#db
      .all<{ keyword: string; origin: string | null }>('SELECT keyword, origin FROM keywords WHERE photo_id = ? ORDER BY rowid', photoId)
      .map((r) => ({ photoId, keyword: r.keyword, ...(r.origin === 'manual' ? { origin: 'manual' as const } : {}) }));
  }

  /** Whether the photo carries the keyword (in any case). */
  hasKeyword(photoId: string, keyword: string): boolean {
    return this.#db.get('SELECT 1 AS found FROM keywords WHERE photo_id = ? AND keyword_key = ?', photoId, keywordKey(keyword)) !== undefined;
  }

  /** Photos carrying every one of `keywords`. */
  photosWithKeywords(keywords: readonly string[]): Set<string> {
    const keys = [...new Set(keywords.map(keywordKey))];
    const rows = this.#db.all<{ photo_id: string }>(
      `SELECT photo_id FROM keywords WHERE keyword_key IN (${keys.map(() => '?').join(', ')}) GROUP BY photo_id HAVING count(*) = ?`,
      ...keys,
      keys.length,
    );
    return new Set(rows.map((r) => r.photo_id));
  }

  /** Every keyword (spelled as first given) with the photos carrying it. */
  keywordMembers(): Map<string, string[]> {
    const names = new Map<string, string>();
    const members = new Map<string, string[]>();
    for (const row of this.#db.iterate<{ keyword_key: string; keyword: string; photo_id: string }>('SELECT keyword_key, keyword, photo_id FROM keywords ORDER BY rowid')) {
      const name = names.get(row.keyword_key) ?? row.keyword;
      names.set(row.keyword_key, name);
      const list = members.get(name) ?? [];
      list.push(row.photo_id);
      members.set(name, list);
    }
    return members;
  }

  /** Every keyword with how many photos carry it, spelled as it was first given. */
  keywordCounts(): { keyword: string; photos: number }[] {
    return this.#db.all<{ keyword: string; photos: number }>(
      'SELECT (SELECT keyword FROM keywords AS first WHERE first.keyword_key = k.keyword_key ORDER BY rowid LIMIT 1) AS keyword, count(*) AS photos FROM keywords AS k GROUP BY keyword_key',
    );
  }

  /** Adds keyword rows a photo does not carry yet (in any case); returns those added. */
  addKeywords(rows: readonly KeywordRecord[]): KeywordRecord[] {
    return this.#write(() => {
      const added: KeywordRecord[] = [];
      for (const row of rows) {
        if (this.hasKeyword(row.photoId, row.keyword)) continue;
        this.#db.insert(TABLES.keywords, { photo_id: row.photoId, keyword_key: keywordKey(row.keyword), keyword: row.keyword, origin: row.origin ?? null });
        added.push(row);
      }
      if (added.length > 0) this.#touch('keywords');
      return added;
    });
  }

  removeKeyword(photoId: string, keyword: string): boolean {
    return this.#write(() => {
      const removed = this.#db.delete(TABLES.keywords, { photo_id: photoId, keyword_key: keywordKey(keyword) });
      if (removed) this.#touch('keywords');
      return removed;
    });
  }

  /**
   * The keywords read from these photos' files, replaced by what was read now; keywords the
   * user added stay (and one read now that repeats them is not added twice).
   */
  replaceReadKeywords(photoIds: readonly string[], read: readonly KeywordRecord[]): void {
    this.#write(() => {
      for (const photoId of photoIds) {
        for (const { keyword_key } of this.#db.all<{ keyword_key: string }>("SELECT keyword_key FROM keywords WHERE photo_id = ? AND origin IS NOT 'manual'", photoId)) {
          this.#db.delete(TABLES.keywords, { photo_id: photoId, keyword_key });
        }
      }
      this.addKeywords(read);
      this.#touch('keywords');
    });
  }

  // ---- photos the user said are not duplicates of each other

  /** Every pair marked, as "a\0b" with a < b. */
  notDuplicatePairs(): Set<string> {
    return new Set(this.#db.all<{ photo_a: string; photo_b: string }>('SELECT photo_a, photo_b FROM not_duplicates').map((r) => pairKey(r.photo_a, r.photo_b)));
  }

  /** Marks every two of these photos as not duplicates; returns how many pairs were new. */
  markNotDuplicates(photoIds: readonly string[]): number {
    const ids = [...new Set(photoIds)].sort();
    const at = new Date().toISOString();
    return this.#write(() => {
      let added = 0;
      for (let i = 0; i < ids.length; i++) {
        for (let j = i + 1; j < ids.length; j++) {
          const key = { photo_a: ids[i] ?? '', photo_b: ids[j] ?? '' };
          if (this.#db.get('SELECT 1 AS found FROM not_duplicates WHERE photo_a = ? AND photo_b = ?', key.photo_a, key.photo_b)) continue;
          this.#db.insert(TABLES.notDuplicates, { ...key, marked_at: at });
          added += 1;
        }
      }
      return added;
    });
  }

  // ---- album contents (manual albums; their order by position)

  albumPhotoIds(albumId: string): string[] {
    return this.#db.all<{ photo_id: string }>('SELECT photo_id FROM album_photos WHERE album_id = ? ORDER BY position', albumId).map((r) => r.photo_id);
  }

  /** Photos per manual album. */
  albumCounts(): Map<string, number> {
    return new Map(this.#db.all<{ album_id: string; n: number }>('SELECT album_id, count(*) AS n FROM album_photos GROUP BY album_id').map((r) => [r.album_id, r.n]));
  }

  /** Inserts photos not in the album yet at `index` (the end by default), in the given order. */
  addAlbumPhotos(albumId: string, photoIds: readonly string[], index?: number): void {
    this.#write(() => {
      const present = new Set(this.albumPhotoIds(albumId));
      const adding = [...new Set(photoIds)].filter((id) => !present.has(id));
      if (adding.length === 0) return;
      const [low, high] = this.#gapAt(albumId, index ?? present.size, present.size);
      adding.forEach((photoId, i) => {
        const position = high === null ? low + i + 1 : low + ((high - low) * (i + 1)) / (adding.length + 1);
        this.#db.insert(TABLES.albumPhotos, { album_id: albumId, photo_id: photoId, position });
      });
      if (high !== null && (high - low) / (adding.length + 1) < 1e-9) this.#renumber(albumId);
      this.#touch('albums');
    });
  }

  removeAlbumPhotos(albumId: string, photoIds: readonly string[]): number {
    return this.#write(() => {
      let removed = 0;
      for (const photoId of new Set(photoIds)) removed += Number(this.#db.delete(TABLES.albumPhotos, { album_id: albumId, photo_id: photoId }));
      if (removed > 0) this.#touch('albums');
      return removed;
    });
  }

  /**
   * Moves photos of the album, as a block in the given order, to `index` of the order the
   * others keep (clamped).
   */
  moveAlbumPhotos(albumId: string, photoIds: readonly string[], index: number): void {
    this.#write(() => {
      const moving = new Set(photoIds);
      const others = this.albumPhotoIds(albumId).filter((id) => !moving.has(id));
      for (const photoId of moving) {
        if (!this.#db.delete(TABLES.albumPhotos, { album_id: albumId, photo_id: photoId })) throw new ClipfolioError('NOT_FOUND', `photo ${photoId} is not in the album`);
      }
      // Deleted and inserted rather than updated: a photo's place is a fresh position between its new neighbours.
      this.addAlbumPhotos(albumId, [...moving], Math.max(0, Math.min(index, others.length)));
    });
  }

  /** Drops every photo of an album (it is being deleted). */
  clearAlbum(albumId: string): void {
    this.removeAlbumPhotos(albumId, this.albumPhotoIds(albumId));
  }

  /** The positions either side of `index` in the album's order; high null at the end. */
  #gapAt(albumId: string, index: number, count: number): [number, number | null] {
    const at = Math.max(0, Math.min(index, count));
    const around = this.#db.all<{ position: number }>('SELECT position FROM album_photos WHERE album_id = ? ORDER BY position LIMIT 2 OFFSET ?', albumId, Math.max(0, at - 1));
    if (at === 0) return [(around[0]?.position ?? 1) - 1, count === 0 ? null : (around[0]?.position ?? null)];
    return [around[0]?.position ?? 0, at >= count ? null : (around[1]?.position ?? null)];
  }

  /** Positions 1..n again, when repeated halving has left no room between two photos. */
  #renumber(albumId: string): void {
    this.albumPhotoIds(albumId).forEach((photoId, i) => this.#db.update(TABLES.albumPhotos, { album_id: albumId, photo_id: photoId }, { position: i + 1 }));
  }

  // ---- life

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#db.close();
  }

  #assertOpen(): void {
    if (this.#closed) throw new ClipfolioError('INVALID_ARGUMENT', 'the catalog is closed');
  }
}

/** The key of an unordered pair of photos. */
export function pairKey(a: string, b: string): string {
  return a < b ? `${a}\0${b}` : `${b}\0${a}`;
}

function keywordKey(keyword: string): string {
  return keyword.trim().toLowerCase();
}

function conditionsSql(conditions: PhotoConditions): { sql: string; params: (string | number)[] } {
  const sql: string[] = ['1'];
  const params: (string | number)[] = [];
  if (conditions.takenFrom !== undefined || conditions.takenTo !== undefined) {
    // takenAt is ISO 8601 compared as text: the camera's wall-clock time is what the user
    // means. A bare date as upper bound includes that whole day.
    const to = conditions.takenTo;
    sql.push('taken_at IS NOT NULL AND taken_at >= ? AND taken_at <= ?');
    params.push(conditions.takenFrom ?? '', to === undefined ? '\uffff' : /^\d{4}-\d{2}-\d{2}$/.test(to) ? `${to}T\uffff` : to);
  }
  if (conditions.camera !== undefined) {
    sql.push("lower(coalesce(camera_make, '') || ' ' || coalesce(camera_model, '')) LIKE ? ESCAPE '\\'");
    params.push(`%${likeLiteral(conditions.camera.toLowerCase())}%`);
  }
  if (conditions.folder !== undefined) {
    const inside = insideFolder(resolve(conditions.folder));
    sql.push(inside.sql);
    params.push(...inside.params);
  }
  if (conditions.minRating !== undefined) {
    sql.push('rating >= ?');
    params.push(conditions.minRating);
  }
  if (conditions.favourites) sql.push('favourite = 1');
  return { sql: sql.join(' AND '), params };
}

/**
 * Paths strictly inside `folder`, at any depth, as a range of the path index: from "folder/"
 * up to (not including) "folder0", '0' being the character after the separator. Exact and
 * case-sensitive, as paths are, where LIKE would fold ASCII case.
 */
function insideFolder(folder: string): { sql: string; params: string[] } {
  const base = folder.endsWith(sep) ? folder.slice(0, -1) : folder;
  return { sql: 'path >= ? AND path < ?', params: [`${base}${sep}`, `${base}${String.fromCharCode(sep.charCodeAt(0) + 1)}`] };
}

export type { TableSpec };
export type {
  AlbumRecord,
  CameraInfo,
  CategoryRecord,
  GpsPosition,
  JsonValue,
  KeywordRecord,
  LibraryRoot,
  PhotoRecord,
  PhotoStatus,
  TagDecisionRecord,
  TakenAtSource,
} from './catalog-schema';
