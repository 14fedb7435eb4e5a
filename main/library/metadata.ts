// Runs in: main process or the inference worker (plain Node). Reads EXIF, XMP and IPTC
// with exifr from the file buffer the indexer already holds (never reopening the file;
// exifr's chunked file reads also miss EXIF placed after a large ICC segment). Metadata
// is untrusted input: the corpus has orientation 0, a PHP payload as orientation and GPS
// at 0,0, so every field is checked for type and range and dropped when it fails.
import exifr from 'exifr';
import type { CameraInfo, Exposure, GpsPosition, TakenAtSource } from './catalog-schema';
import { isFavouriteKeyword, ratingOf } from '../interop/xmp-marks';

/**
 * The version of what this reader takes from a photo. Raise it when it learns a field: a
 * scan reads the metadata of photos read by an older version again (not their pixels).
 */
export const METADATA_VERSION = 2;

export interface PhotoMetadata {
  /** See PhotoRecord.takenAt for the format. */
  takenAt: string | null;
  /** 'exif' covers every embedded source (EXIF, then XMP); 'file' is the mtime fallback. */
  takenAtSource: TakenAtSource | null;
  camera: CameraInfo | null;
  exposure: Exposure | null;
  gps: GpsPosition | null;
  /** 1..8, or null when absent or invalid. */
  orientation: number | null;
  /** Dimensions the metadata declares; the decoder's own are more trustworthy. */
  width: number | null;
  height: number | null;
  /** IPTC Keywords and XMP dc:subject, trimmed and deduplicated (less the favourite mark). */
  keywords: string[];
  /** xmp:Rating, 0-5; null when the photo carries none. */
  rating: number | null;
  /** True when the photo carries the favourite mark (interop/xmp-marks.ts); null when not. */
  favourite: true | null;
  /** Why the metadata could not be parsed at all; null when it could (or there was none). */
  error: string | null;
}

export interface MetadataOptions {
  /** The file's mtime, used for takenAt when no embedded date is valid. */
  fileMtimeMs?: number;
}

const EXIFR_OPTIONS = {
  tiff: true,
  exif: true,
  gps: true,
  xmp: true,
  iptc: true,
  ifd1: false,
  interop: false,
  icc: false,
  jfif: false,
  ihdr: false,
  makerNote: false,
  userComment: false,
  // Raw values: dates as written (no local-time Date objects), orientation as a number.
  translateValues: false,
  reviveValues: false,
  mergeOutput: false,
  silentErrors: true,
};

const MAX_TEXT = 200;
const MAX_KEYWORDS = 200;
const MAX_DIMENSION = 1_000_000;

type Block = Record<string, unknown>;

function block(parsed: unknown, name: string): Block {
  if (typeof parsed !== 'object' || parsed === null) return {};
  const value = (parsed as Block)[name];
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Block) : {};
}

/** A printable single-line string, or null. */
function text(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  // eslint-disable-next-line no-control-regex -- stripping control characters is the point
  const clean = value.replace(/[\u0000-\u001f\u007f]+/g, ' ').replace(/\s+/g, ' ').trim();
  return clean === '' ? null : clean.slice(0, MAX_TEXT);
}

function firstNumber(value: unknown): number | null {
  if (typeof value === 'number') return value;
  // exifr leaves single-byte values such as GPSAltitudeRef as a byte array.
  if (value instanceof Uint8Array || Array.isArray(value)) {
    const first: unknown = value[0];
    return typeof first === 'number' ? first : null;
  }
  return null;
}

function orientation(value: unknown): number | null {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 8 ? value : null;
}

function validDimension(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= MAX_DIMENSION;
}

/** The first width/height pair that is valid as a pair, so the two come from one source. */
function dimensions(pairs: [unknown, unknown][]): { width: number | null; height: number | null } {
  const pair = pairs.find(([w, h]) => validDimension(w) && validDimension(h)) as [number, number] | undefined;
  return pair ? { width: pair[0], height: pair[1] } : { width: null, height: null };
}

const pad = (n: number) => String(n).padStart(2, '0');

function validOffset(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const match = /^([+-])(\d{2}):(\d{2})$/.exec(value.trim());
  if (!match) return null;
  return Number(match[2]) <= 14 && Number(match[3]) < 60 ? match[0] : null;
}

/**
 * Normalises an EXIF ('2008:10:22 16:28:39') or XMP ISO ('2005-09-07T15:07:40-07:00')
 * date to ISO 8601, keeping the wall-clock time and any zone; null for impossible dates
 * such as '0000:00:00 00:00:00'.
 */
export function normaliseDate(value: unknown, offset?: unknown): string | null {
  if (typeof value !== 'string') return null;
  const match =
    /^(\d{4})[:-](\d{2})[:-](\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?)?\s*(Z|[+-]\d{2}:\d{2})?\s*$/.exec(
      value.trim(),
    );
  if (!match) return null;
  const [year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0] = match.slice(1, 7).map((part) => Number(part ?? 0));
  if (year < 1800 || year > 2200 || hour > 23 || minute > 59 || second > 59) return null;
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  const zone = match[7] === 'Z' ? 'Z' : (validOffset(match[7]) ?? validOffset(offset) ?? '');
  return `${year}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minute)}:${pad(second)}${zone}`;
}

function takenAt(exif: Block, xmp: Block, photoshop: Block): string | null {
  return (
    normaliseDate(exif.DateTimeOriginal, exif.OffsetTimeOriginal) ??
    normaliseDate(exif.CreateDate, exif.OffsetTimeDigitized) ??
    normaliseDate(photoshop.DateCreated) ??
    normaliseDate(xmp.CreateDate)
  );
}

function camera(ifd0: Block, exif: Block, aux: Block): CameraInfo | null {
  const make = text(ifd0.Make);
  const model = text(ifd0.Model);
  const lens = text(exif.LensModel) ?? text(aux.Lens);
  return make === null && model === null && lens === null ? null : { make, model, lens };
}

/** A number within [low, high], else null: EXIF from a broken camera says 0 s or f/0. */
function within(value: unknown, low: number, high: number): number | null {
  const n = firstNumber(value);
  return n !== null && Number.isFinite(n) && n >= low && n <= high ? n : null;
}

function exposure(exif: Block): Exposure | null {
  const found: Exposure = {
    time: within(exif.ExposureTime, 1e-6, 3600),
    fNumber: within(exif.FNumber, 0.5, 256),
    iso: within(exif.ISO, 1, 10_000_000),
    focalLength: within(exif.FocalLength, 0.1, 10_000),
  };
  return Object.values(found).every((v) => v === null) ? null : found;
}

function gps(gpsBlock: Block): GpsPosition | null {
  const { latitude: lat, longitude: lon } = gpsBlock;
  if (typeof lat !== 'number' || typeof lon !== 'number' || !Number.isFinite(lat) || !Number.isFinite(lon)) return null;
  if (Math.abs(lat) > 90 || Math.abs(lon) > 180) return null;
  // 0,0 is what cameras write when they had no fix.
  if (lat === 0 && lon === 0) return null;
  const position: GpsPosition = { lat, lon };
  const altitude = gpsBlock.GPSAltitude;
  if (typeof altitude === 'number' && Number.isFinite(altitude) && altitude >= 0 && altitude <= 100_000) {
    position.alt = firstNumber(gpsBlock.GPSAltitudeRef) === 1 ? -altitude : altitude;
  }
  return position;
}

function keywords(...sources: unknown[]): string[] {
  const seen = new Set<string>();
  for (const source of sources) {
    const list: unknown[] = Array.isArray(source) ? source : [source];
    for (const item of list) {
      const keyword = text(typeof item === 'number' ? String(item) : item);
      if (keyword !== null && seen.size < MAX_KEYWORDS) seen.add(keyword);
    }
  }
  return [...seen];
}

function fileDate(fileMtimeMs: number | undefined): Pick<PhotoMetadata, 'takenAt' | 'takenAtSource'> {
  return fileMtimeMs !== undefined && Number.isFinite(fileMtimeMs) && fileMtimeMs > 0
    ? { takenAt: new Date(fileMtimeMs).toISOString(), takenAtSource: 'file' }
    : { takenAt: null, takenAtSource: null };
}

/** Never throws: unreadable metadata yields empty fields and `error`. */
export async function readPhotoMetadata(buf: Uint8Array, options: MetadataOptions = {}): Promise<PhotoMetadata> {
  let parsed: unknown;
  try {
    parsed = (await exifr.parse(Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength), EXIFR_OPTIONS)) as unknown;
  } catch (err) {
    return {
      ...fileDate(options.fileMtimeMs),
      camera: null,
      exposure: null,
      gps: null,
      orientation: null,
      width: null,
      height: null,
      keywords: [],
      rating: null,
      favourite: null,
      error: text(err instanceof Error ? err.message : String(err)) ?? 'unreadable metadata',
    };
  }
  const ifd0 = block(parsed, 'ifd0');
  const exif = block(parsed, 'exif');
  const xmp = { ...block(parsed, 'xap'), ...block(parsed, 'xmp') };
  const embedded = takenAt(exif, xmp, block(parsed, 'photoshop'));
  const words = keywords(block(parsed, 'iptc').Keywords, block(parsed, 'dc').subject);
  return {
    ...(embedded !== null ? { takenAt: embedded, takenAtSource: 'exif' as const } : fileDate(options.fileMtimeMs)),
    camera: camera(ifd0, exif, block(parsed, 'aux')),
    exposure: exposure(exif),
    gps: gps(block(parsed, 'gps')),
    orientation: orientation(ifd0.Orientation),
    ...dimensions([
      [exif.ExifImageWidth, exif.ExifImageHeight],
      [exif.PixelXDimension, exif.PixelYDimension],
      [ifd0.ImageWidth, ifd0.ImageLength ?? ifd0.ImageHeight],
    ]),
    keywords: words.filter((k) => !isFavouriteKeyword(k)),
    rating: ratingOf(xmp.Rating),
    favourite: words.some(isFavouriteKeyword) ? true : null,
    error: null,
  };
}
