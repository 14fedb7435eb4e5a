// Runs in: main process (plain Node). The catalog's on-disk data model (catalog.json) and
// the cheap structural check done when it is loaded. Kept apart from catalog.ts so other
// modules (IPC contract, indexer, tagging) can import the types without the storage code.
import { ClipfolioError } from '../shared/errors';

export const CATALOG_SCHEMA_VERSION = 1;

export interface LibraryRoot {
  id: string;
  /** Absolute, resolved folder path. */
  path: string;
  addedAt: string;
}

export type PhotoStatus = 'pending' | 'indexed' | 'failed' | 'skipped';
export type TakenAtSource = 'exif' | 'file';

export interface CameraInfo {
  make: string | null;
  model: string | null;
  lens: string | null;
}

export interface GpsPosition {
  lat: number;
  lon: number;
  alt?: number;
}

export interface PhotoRecord {
  /** Stable id from photo-id.ts; survives moves and renames. */
  id: string;
  rootId: string;
  /** Absolute path; unique within the catalog. */
  path: string;
  size: number;
  mtimeMs: number;
  /** content-hash.ts hex digest; null until the file has been read. */
  hash: string | null;
  width: number | null;
  height: number | null;
  /**
   * ISO 8601. From EXIF it is the camera's wall-clock time, with its offset when the
   * camera recorded one and without a zone otherwise; from the file it is UTC ('Z').
   */
  takenAt: string | null;
  takenAtSource: TakenAtSource | null;
  camera: CameraInfo | null;
  gps: GpsPosition | null;
  /** EXIF orientation 1..8; null when absent or invalid. */
  orientation: number | null;
  /** Format from the content sniff, e.g. 'jpeg', 'heic'. */
  format: string | null;
  status: PhotoStatus;
  /** Why the photo failed or was skipped; null otherwise. */
  reason: string | null;
  /** The photo this one is a byte-identical copy of. */
  duplicateOf: string | null;
  addedAt: string;
  indexedAt: string | null;
  /** Model whose embedding of this photo is in the vector store. */
  modelId: string | null;
}

/** A category's state at its last re-tag (see tagging/tagger.ts). */
export interface CategoryCalibration {
  modelId: string;
  /** The cutoff on the calibrated score used: the user's, else the default. */
  threshold: number;
  accepted: number;
  rejected: number;
  /** Photos tagged (after corrections) at that re-tag. */
  tagged: number;
  updatedAt: string;
}

/**
 * What the user applied of learning from corrections (tagging/learning-suggestion.ts): the
 * category's query moved by the corrections it was learned from. The vector belongs to
 * `modelId`; under another model it is learned again from the same photos.
 */
export interface LearnedQuery {
  modelId: string;
  vector: number[];
  accepted: string[];
  rejected: string[];
}

export interface CategoryRecord {
  id: string;
  name: string;
  /** The user's own phrasings, used as written next to the name's template ensemble. */
  prompts: string[];
  /** "a drawing", "a screenshot": a photo closer to one of these than to the category is not tagged. */
  negativePrompts: string[];
  /** The user's cutoff on the calibrated score; null means the default. */
  threshold: number | null;
  colour: string;
  /** Parent category id, for hierarchical keywords (Parent|Child). */
  parentId: string | null;
  calibration: CategoryCalibration | null;
  /** Learning the user applied; null for the words alone. */
  learned: LearnedQuery | null;
  /** The learning suggestion the user chose to keep the category without (its key), until corrections change. */
  keptSuggestion: string | null;
  createdAt: string;
  updatedAt: string;
}

/** Free text and filters, all combined with AND; what a smart album saves. */
export interface SearchQuery {
  text: string | null;
  /** Photos tagged with every one of these categories (ids). */
  categoryIds?: string[];
  /** Photos carrying every one of these keywords. */
  keywords?: string[];
  albumId?: string;
  /** Inclusive bounds on takenAt, ISO dates or date-times. */
  takenFrom?: string;
  takenTo?: string;
  /** Case-insensitive substring of "make model". */
  camera?: string;
  /** Absolute folder; photos inside it at any depth. */
  folder?: string;
}

export type AlbumRecord =
  | { id: string; name: string; kind: 'manual'; /** In the user's order. */ photoIds: string[]; createdAt: string }
  | { id: string; name: string; kind: 'smart'; query: SearchQuery; createdAt: string };

export interface TagDecisionRecord {
  photoId: string;
  categoryId: string;
  decision: 'accepted' | 'rejected';
  decidedAt: string;
}

/** A keyword on a photo: found in its own metadata (EXIF/IPTC/XMP) by the indexer, or added by the user. */
export interface KeywordRecord {
  photoId: string;
  keyword: string;
  /** 'manual' when the user added it (tagging/keyword-store.ts); absent when read from the photo. */
  origin?: 'manual';
}

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export interface CatalogData {
  schemaVersion: number;
  roots: LibraryRoot[];
  photos: PhotoRecord[];
  categories: CategoryRecord[];
  albums: AlbumRecord[];
  tagDecisions: TagDecisionRecord[];
  keywords: KeywordRecord[];
  settings: Record<string, JsonValue>;
}

export function emptyCatalog(): CatalogData {
  return {
    schemaVersion: CATALOG_SCHEMA_VERSION,
    roots: [],
    photos: [],
    categories: [],
    albums: [],
    tagDecisions: [],
    keywords: [],
    settings: {},
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function corrupt(message: string): ClipfolioError {
  return new ClipfolioError('DATA_CORRUPT', `catalog: ${message}`);
}

/**
 * Parses catalog.json text. Checks the structure the in-memory indexes rely on (every
 * photo and root has a string id and path) rather than every field: a full schema pass
 * over 100,000 photos would cost more than the rest of opening the library.
 * Throws DATA_CORRUPT for anything unreadable and UNSUPPORTED_FORMAT for a newer schema,
 * which must not be treated as corruption and moved aside.
 */
export function parseCatalog(text: string): CatalogData {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new ClipfolioError('DATA_CORRUPT', `catalog: not valid JSON (${(err as Error).message})`, {
      cause: err,
    });
  }
  if (!isObject(raw)) throw corrupt('top level is not an object');
  const version = raw.schemaVersion;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw corrupt('missing schemaVersion');
  }
  if (version > CATALOG_SCHEMA_VERSION) {
    throw new ClipfolioError(
      'UNSUPPORTED_FORMAT',
      `catalog schema version ${version} is newer than this app supports (${CATALOG_SCHEMA_VERSION})`,
    );
  }
  const data = emptyCatalog();
  for (const key of ['roots', 'photos', 'categories', 'albums', 'tagDecisions', 'keywords'] as const) {
    const value = raw[key];
    if (value === undefined) continue;
    if (!Array.isArray(value)) throw corrupt(`${key} is not an array`);
    (data[key] as unknown[]) = value;
  }
  if (raw.settings !== undefined) {
    if (!isObject(raw.settings)) throw corrupt('settings is not an object');
    data.settings = raw.settings as Record<string, JsonValue>;
  }
  for (const list of [data.roots, data.photos] as unknown[][]) {
    for (const entry of list) {
      if (!isObject(entry) || typeof entry.id !== 'string' || typeof entry.path !== 'string') {
        throw corrupt('a root or photo entry lacks a string id or path');
      }
    }
  }
  // Categories written before learning became a suggestion have neither field.
  for (const category of data.categories as unknown as Record<string, unknown>[]) {
    category.learned ??= null;
    category.keptSuggestion ??= null;
  }
  for (const photo of data.photos as unknown as Record<string, unknown>[]) {
    // A record without addedAt (edited by hand, or written by another tool) is dated by its
    // file's time, the nearest thing to when it came in; the catalog is not rewritten for it.
    if (typeof photo.addedAt !== 'string') photo.addedAt = new Date(typeof photo.mtimeMs === 'number' ? photo.mtimeMs : 0).toISOString();
  }
  return data;
}
