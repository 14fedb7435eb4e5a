// Runs in: main process (plain Node). The catalog's records as the rest of the code sees
// them, whatever stores them (catalog.ts). Kept apart from the storage code so other modules
// (IPC contract, indexer, tagging) can import the types alone.

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

/** How the photo was exposed, as the camera recorded it; each null when it did not. */
export interface Exposure {
  /** Seconds. */
  time: number | null;
  fNumber: number | null;
  iso: number | null;
  /** Millimetres, as the lens was set (not 35 mm equivalent). */
  focalLength: number | null;
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
  exposure: Exposure | null;
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
  /** The user's stars, 0 (none) to 5; read from the file or its sidecar when they carry xmp:Rating. */
  rating: number;
  favourite: boolean;
  /** Degrees clockwise the user turned the photo, on top of its EXIF orientation: 0, 90, 180 or 270. */
  rotation: Rotation;
  /** The mtime of the photo's XMP sidecar when Clipfolio last read or wrote it; null for none. */
  sidecarMtimeMs: number | null;
  /** The metadata reader (metadata.ts METADATA_VERSION) that filled the record; 0 before any. */
  metadataVersion: number;
}

/** What a photo's record holds before anything is read from its file: where it is and when it came in aside. */
export const NEW_PHOTO_FIELDS: Omit<PhotoRecord, 'id' | 'rootId' | 'path' | 'size' | 'mtimeMs' | 'addedAt'> = {
  hash: null,
  width: null,
  height: null,
  takenAt: null,
  takenAtSource: null,
  camera: null,
  gps: null,
  orientation: null,
  format: null,
  status: 'pending',
  reason: null,
  duplicateOf: null,
  indexedAt: null,
  modelId: null,
  rating: 0,
  favourite: false,
  rotation: 0,
  sidecarMtimeMs: null,
  exposure: null,
  metadataVersion: 0,
};

export type Rotation = 0 | 90 | 180 | 270;

/** The stars a photo can carry. */
export const MAX_RATING = 5;

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
  /** Photos with at least this many stars (1-5). */
  minRating?: number;
  /** Only the user's favourites. */
  favourites?: boolean;
}

/** A manual album's photos, in the user's order, are the catalog's album contents (Catalog.albumPhotoIds). */
export type AlbumRecord =
  | { id: string; name: string; kind: 'manual'; createdAt: string }
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
