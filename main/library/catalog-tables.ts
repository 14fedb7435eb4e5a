// Runs in: main process (plain Node). The catalog's SQLite tables: their DDL, one upgrade
// step per schema version, and each table's key, which the edit history (edit-history.ts)
// uses to undo and redo any row change generically.
//
// Design note "catalog store" (cited by catalog.ts, library.ts, migrate-v1.ts):
// - SQLite through Node's built-in node:sqlite (Node 24, the Node inside Electron 45): no
//   native module to rebuild per Electron version. WAL: a commit survives kill -9 when it
//   returns; a user edit's log is then synced (fullfsync on macOS) off the main thread
//   (wal-syncer.ts), and the edit is acknowledged only once that is over, so an answered
//   edit survives a power cut too (durable-answers.ts). One transaction per user edit;
//   machine writes (indexing) one per chunk of photos, not synced on their own.
// - Columns for what is filtered and sorted (date, folder, status, hash, camera, rating),
//   with indexes; the UI pages photos by their catalog order (seq) and never loads every row.
// - One process writes a library: the one holding its lock (library-lock.ts); others hand
//   it their commands (cli/library-handoff.ts). Roots live here with the photos they own, so
//   removing a folder is one transaction and one undo step; the human-scale rest (format,
//   models, settings) is the lowdb manifest (library-manifest.ts).
// - Measured options and figures: ../shared/research/catalog-store.md.

/** PRAGMA user_version of the newest schema this code writes. */
export const CATALOG_SCHEMA_VERSION = 6;

/** Indexes every photo's names at once (schema step 3, and a migration's copy: migrate-v1.ts). */
export const NAME_INDEX_FILL = `INSERT INTO photo_names (rowid, name, folder)
    SELECT p.seq, file_name_words(p.path), folder_words(p.folder, r.path) FROM photos AS p LEFT JOIN roots AS r ON r.id = p.root_id`;
/** Keeps the name index in step as photos come in; a migration drops it while it copies (see there). */
export const NAME_INDEX_ADDED_TRIGGER = `CREATE TRIGGER photo_names_added AFTER INSERT ON photos BEGIN
    INSERT INTO photo_names (rowid, name, folder)
      VALUES (new.seq, file_name_words(new.path), folder_words(new.folder, (SELECT path FROM roots WHERE id = new.root_id)));
  END`;
/** Sets the photo count (schema step 6) from the photos there are. */
export const PHOTO_COUNT_FILL = 'UPDATE photo_count SET n = (SELECT count(*) FROM photos) WHERE id = 1';
/** Keeps the photo count in step as photos come in; a migration drops it while it copies (see there). */
export const PHOTO_COUNT_ADDED_TRIGGER = `CREATE TRIGGER photo_count_added AFTER INSERT ON photos BEGIN
    UPDATE photo_count SET n = n + 1 WHERE id = 1;
  END`;
/** A table the edit history can change row by row: its name and primary key columns. */
export interface TableSpec {
  name: string;
  key: readonly string[];
}

export const TABLES = {
  roots: { name: 'roots', key: ['id'] },
  photos: { name: 'photos', key: ['id'] },
  categories: { name: 'categories', key: ['id'] },
  tagDecisions: { name: 'tag_decisions', key: ['photo_id', 'category_id'] },
  keywords: { name: 'keywords', key: ['photo_id', 'keyword_key'] },
  albums: { name: 'albums', key: ['id'] },
  albumPhotos: { name: 'album_photos', key: ['album_id', 'photo_id'] },
  notDuplicates: { name: 'not_duplicates', key: ['photo_a', 'photo_b'] },
} as const satisfies Record<string, TableSpec>;

export type TableName = keyof typeof TABLES;

/** The tables by their SQL name, for replaying history entries. */
export const TABLE_BY_SQL_NAME: ReadonlyMap<string, TableSpec> = new Map(Object.values(TABLES).map((t) => [t.name, t]));

/** Schema upgrades: entry i brings user_version i to i + 1. */
export const SCHEMA_STEPS: readonly string[] = [
  `
  CREATE TABLE roots (
    id TEXT PRIMARY KEY,
    path TEXT NOT NULL UNIQUE,
    added_at TEXT NOT NULL
  );
  CREATE TABLE photos (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    root_id TEXT NOT NULL,
    path TEXT NOT NULL UNIQUE,
    folder TEXT NOT NULL,
    size INTEGER NOT NULL,
    mtime_ms REAL NOT NULL,
    hash TEXT,
    width INTEGER,
    height INTEGER,
    taken_at TEXT,
    taken_at_source TEXT,
    camera_make TEXT,
    camera_model TEXT,
    lens TEXT,
    gps_lat REAL,
    gps_lon REAL,
    gps_alt REAL,
    orientation INTEGER,
    format TEXT,
    status TEXT NOT NULL,
    reason TEXT,
    duplicate_of TEXT,
    added_at TEXT NOT NULL,
    indexed_at TEXT,
    model_id TEXT,
    rating INTEGER NOT NULL DEFAULT 0
  );
  CREATE INDEX photos_root ON photos(root_id);
  CREATE INDEX photos_folder ON photos(folder);
  CREATE INDEX photos_hash ON photos(hash) WHERE hash IS NOT NULL;
  CREATE INDEX photos_taken ON photos(taken_at);
  CREATE INDEX photos_status ON photos(status);
  CREATE INDEX photos_camera ON photos(camera_make, camera_model);
  CREATE INDEX photos_rating ON photos(rating) WHERE rating > 0;
  CREATE INDEX photos_duplicate ON photos(duplicate_of) WHERE duplicate_of IS NOT NULL;
  CREATE TABLE categories (
    id TEXT PRIMARY KEY,
    position INTEGER NOT NULL,
    record TEXT NOT NULL
  );
  CREATE TABLE tag_decisions (
    photo_id TEXT NOT NULL,
    category_id TEXT NOT NULL,
    decision TEXT NOT NULL,
    decided_at TEXT NOT NULL,
    PRIMARY KEY (photo_id, category_id)
  ) WITHOUT ROWID;
  CREATE INDEX tag_decisions_category ON tag_decisions(category_id);
  CREATE TABLE keywords (
    photo_id TEXT NOT NULL,
    keyword_key TEXT NOT NULL,
    keyword TEXT NOT NULL,
    origin TEXT,
    PRIMARY KEY (photo_id, keyword_key)
  );
  CREATE INDEX keywords_key ON keywords(keyword_key);
  CREATE TABLE albums (
    id TEXT PRIMARY KEY,
    position INTEGER NOT NULL,
    record TEXT NOT NULL
  );
  CREATE TABLE album_photos (
    album_id TEXT NOT NULL,
    photo_id TEXT NOT NULL,
    position REAL NOT NULL,
    PRIMARY KEY (album_id, photo_id)
  ) WITHOUT ROWID;
  CREATE INDEX album_photos_order ON album_photos(album_id, position);
  CREATE INDEX album_photos_photo ON album_photos(photo_id);
  CREATE TABLE history (
    seq INTEGER PRIMARY KEY,
    label TEXT NOT NULL,
    at TEXT NOT NULL,
    undone INTEGER NOT NULL DEFAULT 0,
    changes TEXT NOT NULL
  );
  `,
  // 2: the user's marks on a photo beside its rating (a favourite, a rotation on top of the
  // camera's orientation), and the XMP sidecar's mtime when it was last read or written, so
  // a sidecar another program changed is read again on the next scan.
  `
  ALTER TABLE photos ADD COLUMN favourite INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE photos ADD COLUMN rotation INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE photos ADD COLUMN sidecar_mtime_ms REAL;
  CREATE INDEX photos_favourite ON photos(favourite) WHERE favourite = 1;
  `,
  // 3: a full-text index of each photo's file and folder names (photo-words.ts), so typing
  // "astronaut" finds astronaut.png among a million photos; kept by triggers, so every
  // write (edits, their undo and redo, indexing) keeps it in step. Contentless: the names
  // are in the photos table already. And the exposure the inspector shows, with the version
  // of the metadata reader that filled a record (METADATA_VERSION): a scan reads the
  // metadata of photos read by an older one again, without embedding them again.
  `
  ALTER TABLE photos ADD COLUMN exposure_time REAL;
  ALTER TABLE photos ADD COLUMN f_number REAL;
  ALTER TABLE photos ADD COLUMN iso INTEGER;
  ALTER TABLE photos ADD COLUMN focal_length REAL;
  ALTER TABLE photos ADD COLUMN metadata_version INTEGER NOT NULL DEFAULT 0;
  CREATE VIRTUAL TABLE photo_names USING fts5(name, folder, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2');
  ${NAME_INDEX_FILL};
  ${NAME_INDEX_ADDED_TRIGGER};
  CREATE TRIGGER photo_names_moved AFTER UPDATE OF path, root_id ON photos BEGIN
    DELETE FROM photo_names WHERE rowid = old.seq;
    INSERT INTO photo_names (rowid, name, folder)
      VALUES (new.seq, file_name_words(new.path), folder_words(new.folder, (SELECT path FROM roots WHERE id = new.root_id)));
  END;
  CREATE TRIGGER photo_names_removed AFTER DELETE ON photos BEGIN
    DELETE FROM photo_names WHERE rowid = old.seq;
  END;
  `,
  // 4: the files an edit moved to the trash, beside its row changes, so its undo puts them
  // back and its redo trashes them again (photo-trash.ts).
  `
  ALTER TABLE history ADD COLUMN trashed TEXT;
  `,
  // 5: pairs of photos the user said are not duplicates, however alike they look (photo_a <
  // photo_b), so the near-duplicate groups leave them apart from then on.
  `
  CREATE TABLE not_duplicates (
    photo_a TEXT NOT NULL,
    photo_b TEXT NOT NULL,
    marked_at TEXT NOT NULL,
    PRIMARY KEY (photo_a, photo_b)
  ) WITHOUT ROWID;
  CREATE INDEX not_duplicates_b ON not_duplicates(photo_b);
  `,
  // 6: how many photos there are, kept by triggers: the grid's first page shows the total,
  // and counting a million rows held the app ~0.2 s when a library opened.
  `
  CREATE TABLE photo_count (id INTEGER PRIMARY KEY CHECK (id = 1), n INTEGER NOT NULL);
  INSERT INTO photo_count (id, n) VALUES (1, 0);
  ${PHOTO_COUNT_FILL};
  ${PHOTO_COUNT_ADDED_TRIGGER};
  CREATE TRIGGER photo_count_removed AFTER DELETE ON photos BEGIN
    UPDATE photo_count SET n = n - 1 WHERE id = 1;
  END;
  `,
];
