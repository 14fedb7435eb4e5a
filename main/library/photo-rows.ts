// Runs in: main process (plain Node). A photo record as the rest of the code sees it, and as
// a row of the catalog's photos table: nested camera and GPS fields flattened into columns
// that can be filtered and indexed, and the folder kept beside the path for folder views.
import { dirname } from 'node:path';
import type { Row } from './catalog-db';
import type { Exposure, PhotoRecord, PhotoStatus, Rotation, TakenAtSource } from './catalog-schema';

/** The photos table's columns in record order (seq, the catalog order, is the table's own). */
export const PHOTO_COLUMNS = [
  'id',
  'root_id',
  'path',
  'folder',
  'size',
  'mtime_ms',
  'hash',
  'width',
  'height',
  'taken_at',
  'taken_at_source',
  'camera_make',
  'camera_model',
  'lens',
  'gps_lat',
  'gps_lon',
  'gps_alt',
  'orientation',
  'format',
  'status',
  'reason',
  'duplicate_of',
  'added_at',
  'indexed_at',
  'model_id',
  'rating',
  'favourite',
  'rotation',
  'sidecar_mtime_ms',
  'exposure_time',
  'f_number',
  'iso',
  'focal_length',
  'metadata_version',
] as const;

export type PhotoRow = Record<(typeof PHOTO_COLUMNS)[number], string | number | null> & { seq?: number };

export const PHOTO_SELECT = `SELECT seq, ${PHOTO_COLUMNS.join(', ')} FROM photos`;

export function photoFromRow(row: PhotoRow): PhotoRecord {
  const make = row.camera_make as string | null;
  const model = row.camera_model as string | null;
  const lens = row.lens as string | null;
  const lat = row.gps_lat as number | null;
  const lon = row.gps_lon as number | null;
  const alt = row.gps_alt as number | null;
  return {
    id: row.id as string,
    rootId: row.root_id as string,
    path: row.path as string,
    size: row.size as number,
    mtimeMs: row.mtime_ms as number,
    hash: row.hash as string | null,
    width: row.width as number | null,
    height: row.height as number | null,
    takenAt: row.taken_at as string | null,
    takenAtSource: row.taken_at_source as TakenAtSource | null,
    camera: make === null && model === null && lens === null ? null : { make, model, lens },
    gps: lat === null || lon === null ? null : { lat, lon, ...(alt === null ? {} : { alt }) },
    orientation: row.orientation as number | null,
    format: row.format as string | null,
    status: row.status as PhotoStatus,
    reason: row.reason as string | null,
    duplicateOf: row.duplicate_of as string | null,
    addedAt: row.added_at as string,
    indexedAt: row.indexed_at as string | null,
    modelId: row.model_id as string | null,
    rating: row.rating as number,
    favourite: row.favourite === 1,
    rotation: row.rotation as Rotation,
    sidecarMtimeMs: row.sidecar_mtime_ms as number | null,
    exposure: exposureOf(row),
    metadataVersion: row.metadata_version as number,
  };
}

function exposureOf(row: PhotoRow): Exposure | null {
  const exposure = { time: row.exposure_time as number | null, fNumber: row.f_number as number | null, iso: row.iso as number | null, focalLength: row.focal_length as number | null };
  return Object.values(exposure).every((v) => v === null) ? null : exposure;
}

/** The columns a (partial) record sets; a changed path moves the folder with it. */
export function photoColumns(fields: Partial<PhotoRecord>): Row {
  const row: Row = {};
  const set = (column: string, value: string | number | null | undefined) => {
    if (value !== undefined) row[column] = value;
  };
  set('id', fields.id);
  set('root_id', fields.rootId);
  if (fields.path !== undefined) {
    row.path = fields.path;
    row.folder = dirname(fields.path);
  }
  set('size', fields.size);
  set('mtime_ms', fields.mtimeMs);
  set('hash', fields.hash);
  set('width', fields.width);
  set('height', fields.height);
  set('taken_at', fields.takenAt);
  set('taken_at_source', fields.takenAtSource);
  if (fields.camera !== undefined) {
    row.camera_make = fields.camera?.make ?? null;
    row.camera_model = fields.camera?.model ?? null;
    row.lens = fields.camera?.lens ?? null;
  }
  if (fields.gps !== undefined) {
    row.gps_lat = fields.gps?.lat ?? null;
    row.gps_lon = fields.gps?.lon ?? null;
    row.gps_alt = fields.gps?.alt ?? null;
  }
  set('orientation', fields.orientation);
  set('format', fields.format);
  set('status', fields.status);
  set('reason', fields.reason);
  set('duplicate_of', fields.duplicateOf);
  set('added_at', fields.addedAt);
  set('indexed_at', fields.indexedAt);
  set('model_id', fields.modelId);
  set('rating', fields.rating);
  if (fields.favourite !== undefined) row.favourite = fields.favourite ? 1 : 0;
  set('rotation', fields.rotation);
  set('sidecar_mtime_ms', fields.sidecarMtimeMs);
  if (fields.exposure !== undefined) {
    row.exposure_time = fields.exposure?.time ?? null;
    row.f_number = fields.exposure?.fNumber ?? null;
    row.iso = fields.exposure?.iso ?? null;
    row.focal_length = fields.exposure?.focalLength ?? null;
  }
  set('metadata_version', fields.metadataVersion);
  return row;
}
