// Runs in: main process (plain Node), by the process holding the library. Moves a
// first-format library (catalog.json, written whole by lowdb) into the current one (the
// SQLite catalog plus library.json; "catalog store" note in catalog-tables.ts). Vector files
// and thumbnails stay as they are.
//
// Crash safety: the new catalog is built in catalog.sqlite.migrating (a crash there is
// simply started over), checked against what was read, synced, and renamed to
// catalog.sqlite; then library.json is written, and that write is the switch: without it
// the library is still the old one, with it the new one. Only then does catalog.json become
// catalog.json.migrated, kept as the backup. A crash at any moment leaves the old library or
// the new one, never neither. The copy goes in chunks with the event loop let go between
// them, so the app answers (and shows the progress) while it runs.
import { access, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { ClipfolioError, errorMessage } from '../shared/errors';
import { CatalogDb } from './catalog-db';
import { NEW_PHOTO_FIELDS, type CategoryRecord, type PhotoRecord } from './catalog-schema';
import { NAME_INDEX_ADDED_TRIGGER, NAME_INDEX_FILL, PHOTO_COUNT_ADDED_TRIGGER, PHOTO_COUNT_FILL, TABLES } from './catalog-tables';
import { fsyncDir, fsyncFile } from './durable-file';
import { jsonMembers } from './json-members';
import { CATALOG_DB_FILE, LibraryManifest } from './library-manifest';
import { photoColumns } from './photo-rows';

export const V1_CATALOG_FILE = 'catalog.json';
export const V1_BACKUP_FILE = 'catalog.json.bak';
export const MIGRATED_FILE = 'catalog.json.migrated';
const BUILDING_FILE = `${CATALOG_DB_FILE}.migrating`;
/** Rows per transaction; the event loop is let go between chunks. */
const CHUNK = 2000;

export interface MigrationProgress {
  /** Records copied so far (photos, then the rest). */
  copied: number;
  /** Share of the old catalog read, 0..1. */
  fraction: number;
}

export interface MigrationReport {
  /** Rows copied per table. */
  copied: Record<string, number>;
  /** Records naming a photo or category that the old catalog no longer had, left out. */
  dangling: number;
  seconds: number;
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

/** Whether `dir` holds a first-format catalog (and no current manifest is there to say it moved). */
export async function hasV1Catalog(dir: string): Promise<boolean> {
  return (await exists(join(dir, V1_CATALOG_FILE))) || (await exists(join(dir, V1_BACKUP_FILE)));
}

/** After the switch, the old catalog becomes the kept backup (also when a crash came between). */
export async function retireV1Catalog(dir: string): Promise<void> {
  if (!(await exists(join(dir, V1_CATALOG_FILE)))) return;
  if (await exists(join(dir, MIGRATED_FILE))) await rm(join(dir, V1_CATALOG_FILE));
  else await rename(join(dir, V1_CATALOG_FILE), join(dir, MIGRATED_FILE));
  await fsyncDir(dir);
}

/** Migrates the first-format library in `dir`; see the header for what a crash leaves. */
export async function migrateV1(dir: string, onProgress: (progress: MigrationProgress) => void = () => undefined): Promise<MigrationReport> {
  const started = performance.now();
  const source = await readSource(dir);
  const building = join(dir, BUILDING_FILE);
  await rm(building, { force: true });
  const db = CatalogDb.open(building, { scratch: true });
  let report: Omit<MigrationReport, 'seconds'>;
  try {
    // The name index is filled once at the end: its trigger's insert costs ~60 us a photo
    // (a minute at 1,000,000), the whole index at once ~3 us a photo. The photo count too.
    db.run('DROP TRIGGER photo_names_added');
    db.run('DROP TRIGGER photo_count_added');
    report = await copyInto(db, source, onProgress);
    db.transaction(() => {
      db.run(NAME_INDEX_FILL);
      db.run(NAME_INDEX_ADDED_TRIGGER);
      db.run(PHOTO_COUNT_FILL);
      db.run(PHOTO_COUNT_ADDED_TRIGGER);
    });
    verify(db, report.copied);
  } finally {
    db.close();
  }
  await fsyncFile(building);
  await rename(building, join(dir, CATALOG_DB_FILE));
  await fsyncDir(dir);
  await LibraryManifest.create(dir, servingModelOf(source.settings));
  await retireV1Catalog(dir);
  return { ...report, seconds: (performance.now() - started) / 1000 };
}

interface Source {
  buf: Buffer;
  file: string;
  settings: Record<string, unknown>;
}

/** catalog.json, or the backup the first format refreshed at every clean open when the catalog is unreadable. */
async function readSource(dir: string): Promise<Source> {
  const problems: string[] = [];
  for (const name of [V1_CATALOG_FILE, V1_BACKUP_FILE]) {
    const file = join(dir, name);
    let buf: Buffer;
    try {
      buf = await readFile(file);
    } catch (err) {
      problems.push(`${name}: ${errorMessage(err)}`);
      continue;
    }
    try {
      // Reading the small members first tells a broken file before anything is built from it.
      return { buf, file, settings: checkedHeader(buf) };
    } catch (err) {
      if (err instanceof ClipfolioError && err.code === 'UNSUPPORTED_FORMAT') throw err;
      problems.push(`${name}: ${errorMessage(err)}`);
    }
  }
  throw new ClipfolioError('DATA_CORRUPT', `The old catalog cannot be read, so the library was not migrated (${problems.join('; ')}).`);
}

/** The schema version's check and the settings, from one pass over the members' names. */
function checkedHeader(buf: Buffer): Record<string, unknown> {
  let settings: Record<string, unknown> = {};
  let version: unknown;
  for (const member of jsonMembers(buf)) {
    if (member.key === 'schemaVersion') version = member.value;
    if (member.key === 'settings' && typeof member.value === 'object' && member.value !== null) settings = member.value as Record<string, unknown>;
  }
  if (typeof version !== 'number') throw new ClipfolioError('DATA_CORRUPT', 'it has no schemaVersion');
  if (version > 1) throw new ClipfolioError('UNSUPPORTED_FORMAT', `its catalog.json is version ${version}, newer than this Clipfolio knows; nothing was changed`);
  return settings;
}

function servingModelOf(settings: Record<string, unknown>): { id: string; dim: number } | null {
  const model = settings.model as { id?: unknown; dim?: unknown } | undefined;
  return typeof model?.id === 'string' && typeof model.dim === 'number' ? { id: model.id, dim: model.dim } : null;
}

type Loose = Record<string, unknown>;

async function copyInto(db: CatalogDb, source: Source, onProgress: (progress: MigrationProgress) => void): Promise<Omit<MigrationReport, 'seconds'>> {
  const copied: Record<string, number> = {};
  let dangling = 0;
  let total = 0;
  const photoIds = new Set<string>();
  const categoryIds = new Set<string>();
  const read = { at: 0 };
  const count = (table: string, changes: number) => {
    copied[table] = (copied[table] ?? 0) + changes;
    total += changes;
  };
  const run = (sql: string, ...params: (string | number | null)[]) => db.run(sql, ...params);
  /** Inserts `rows` a chunk per transaction, reporting and letting go of the event loop after each. */
  const insertAll = async (rows: Iterable<unknown>, insert: (row: Loose, index: number) => void) => {
    let chunk: Loose[] = [];
    let index = 0;
    const flush = async () => {
      db.transaction(() => chunk.forEach((row) => insert(row, index++)));
      chunk = [];
      onProgress({ copied: total, fraction: read.at / source.buf.length });
      await nextTurn();
    };
    for (const row of rows) {
      if (typeof row === 'object' && row !== null) chunk.push(row as Loose);
      if (chunk.length >= CHUNK) await flush();
    }
    if (chunk.length > 0) await flush();
  };

  for (const member of jsonMembers(source.buf, read)) {
    const rows = member.elements ?? [];
    switch (member.key) {
      case 'roots':
        await insertAll(rows, (r) => {
          if (typeof r.id !== 'string' || typeof r.path !== 'string') return;
          count('roots', run('INSERT OR IGNORE INTO roots (id, path, added_at) VALUES (?, ?, ?)', r.id, r.path, text(r.addedAt) ?? new Date(0).toISOString()));
        });
        break;
      case 'photos':
        await insertAll(rows, (r) => {
          const photo = v1Photo(r);
          if (!photo || photoIds.has(photo.id)) return;
          db.insert(TABLES.photos, photoColumns(photo));
          photoIds.add(photo.id);
          count('photos', 1);
        });
        break;
      case 'categories':
        await insertAll(rows, (r, position) => {
          if (typeof r.id !== 'string' || typeof r.name !== 'string') return;
          // Fields later versions added start empty, as they did for categories made then.
          const category = { prompts: [], negativePrompts: [], threshold: null, parentId: null, calibration: null, learned: null, keptSuggestion: null, ...r } as unknown as CategoryRecord;
          categoryIds.add(category.id);
          count('categories', run('INSERT OR IGNORE INTO categories (id, position, record) VALUES (?, ?, ?)', category.id, position, JSON.stringify(category)));
        });
        break;
      case 'albums':
        await insertAll(rows, (r, position) => {
          if (typeof r.id !== 'string' || typeof r.name !== 'string') return;
          const { photoIds: members, ...album } = r;
          count('albums', run('INSERT OR IGNORE INTO albums (id, position, record) VALUES (?, ?, ?)', r.id, position, JSON.stringify(album)));
          if (!Array.isArray(members)) return;
          members.forEach((photoId: unknown, i) => {
            if (typeof photoId !== 'string' || !photoIds.has(photoId)) return void (dangling += 1);
            count('album_photos', run('INSERT OR IGNORE INTO album_photos (album_id, photo_id, position) VALUES (?, ?, ?)', r.id as string, photoId, i + 1));
          });
        });
        break;
      case 'tagDecisions':
        await insertAll(rows, (r) => {
          const photoId = text(r.photoId);
          const categoryId = text(r.categoryId);
          if (photoId === null || categoryId === null || !photoIds.has(photoId) || !categoryIds.has(categoryId)) return void (dangling += 1);
          const decision = r.decision === 'accepted' ? 'accepted' : 'rejected';
          // A later decision on the same photo and category replaces an earlier one, as it did.
          const replaced = db.get('SELECT 1 AS found FROM tag_decisions WHERE photo_id = ? AND category_id = ?', photoId, categoryId) !== undefined;
          run('INSERT OR REPLACE INTO tag_decisions (photo_id, category_id, decision, decided_at) VALUES (?, ?, ?, ?)', photoId, categoryId, decision, text(r.decidedAt) ?? new Date(0).toISOString());
          if (!replaced) count('tag_decisions', 1);
        });
        break;
      case 'keywords':
        await insertAll(rows, (r) => {
          const photoId = text(r.photoId);
          const keyword = text(r.keyword)?.trim();
          if (!keyword || photoId === null || !photoIds.has(photoId)) return void (dangling += 1);
          count('keywords', run('INSERT OR IGNORE INTO keywords (photo_id, keyword_key, keyword, origin) VALUES (?, ?, ?, ?)', photoId, keyword.toLowerCase(), keyword, r.origin === 'manual' ? 'manual' : null));
        });
        break;
      default:
        break;
    }
  }
  return { copied, dangling };
}

/** A first-format photo as a record, its missing fields filled as the first format's reader did; null when it has no id or path. */
function v1Photo(r: Loose): PhotoRecord | null {
  if (typeof r.id !== 'string' || typeof r.path !== 'string' || typeof r.rootId !== 'string') return null;
  const mtimeMs = typeof r.mtimeMs === 'number' ? r.mtimeMs : 0;
  return {
    ...NEW_PHOTO_FIELDS,
    ...(r as Partial<PhotoRecord>),
    status: typeof r.status === 'string' ? (r.status as PhotoRecord['status']) : 'pending',
    size: typeof r.size === 'number' ? r.size : 0,
    mtimeMs,
    // A record without addedAt is dated by its file's time, the nearest thing to when it came in.
    addedAt: typeof r.addedAt === 'string' ? r.addedAt : new Date(mtimeMs).toISOString(),
  } as PhotoRecord;
}

function text(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

/** Every table holds exactly what was copied into it. */
function verify(db: CatalogDb, copied: Record<string, number>): void {
  for (const table of ['roots', 'photos', 'categories', 'albums', 'album_photos', 'tag_decisions', 'keywords']) {
    const rows = Number(db.get<{ n: number }>(`SELECT count(*) AS n FROM ${table}`)?.n ?? 0);
    if (rows !== (copied[table] ?? 0)) {
      throw new ClipfolioError('INTERNAL', `migration check failed: ${table} holds ${rows} rows, ${copied[table] ?? 0} were copied; the old catalog is untouched`);
    }
  }
}
