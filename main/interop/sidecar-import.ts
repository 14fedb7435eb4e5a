// Runs in: the main process. Reads the XMP sidecars a scan found (scanner.ts) into the photos
// beside them: stars (xmp:Rating), the favourite mark, keywords (dc:subject) and a turn
// (tiff:Orientation), the way digiKam, Lightroom and darktable leave them. A sidecar is read
// when its mtime differs from the one the catalog noted at the last read or write, so an
// unchanged sidecar costs nothing and Clipfolio's own (sidecar-entries.ts) are not read back.
// Sidecars are untrusted input: a big or broken one is passed over, never fatal.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Catalog } from '../library/catalog';
import type { PhotoRecord, Rotation } from '../library/catalog-schema';
import { isFavouriteKeyword, ratingOf, rotationFrom } from './xmp-marks';

// exifr's ESM build leaves sidecar() out; its CommonJS build (package "main") has it.
const exifr = createRequire(import.meta.url)('exifr') as typeof import('exifr');

/** Sidecars are a few kilobytes; one past this is not a sidecar worth parsing. */
const MAX_SIDECAR_BYTES = 4 * 1024 * 1024;
const MAX_KEYWORD_LENGTH = 200;

export interface SidecarFile {
  path: string;
  mtimeMs: number;
}

/** What a sidecar says about its photo; null fields it does not say. */
export interface SidecarMarks {
  rating: number | null;
  favourite: true | null;
  keywords: string[];
  /** tiff:Orientation as written. */
  orientation: number | null;
}

type Block = Record<string, unknown>;

function blockOf(parsed: unknown, name: string): Block {
  const value = typeof parsed === 'object' && parsed !== null ? (parsed as Block)[name] : undefined;
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Block) : {};
}

/** A sidecar's marks; null when it cannot be read or parsed. */
export async function readSidecar(path: string): Promise<SidecarMarks | null> {
  try {
    const bytes = await readFile(path);
    if (bytes.byteLength > MAX_SIDECAR_BYTES) return null;
    const parsed = (await exifr.sidecar(bytes, { mergeOutput: false, translateValues: false, reviveValues: false }, 'xmp')) as unknown;
    const subjects = blockOf(parsed, 'dc').subject;
    const words = (Array.isArray(subjects) ? subjects : subjects === undefined ? [] : [subjects])
      .map((w) => (typeof w === 'string' || typeof w === 'number' ? String(w).trim().slice(0, MAX_KEYWORD_LENGTH) : ''))
      .filter((w) => w !== '');
    const orientation = Number(blockOf(parsed, 'tiff').Orientation);
    return {
      rating: ratingOf(blockOf(parsed, 'xmp').Rating),
      favourite: words.some(isFavouriteKeyword) ? true : null,
      keywords: words.filter((w) => !isFavouriteKeyword(w)),
      orientation: Number.isInteger(orientation) && orientation >= 1 && orientation <= 8 ? orientation : null,
    };
  } catch {
    return null;
  }
}

/**
 * The photos a sidecar belongs to: `IMG_1.jpg` for `IMG_1.jpg.xmp`, else every `IMG_1.*` for
 * `IMG_1.xmp` that has no `IMG_1.*.xmp` of its own among `present` (the more exact one wins).
 */
export function photosOfSidecar(catalog: Catalog, sidecarPath: string, present: ReadonlySet<string>): PhotoRecord[] {
  const base = sidecarPath.slice(0, -'.xmp'.length);
  const own = catalog.findByPath(base);
  return own ? [own] : catalog.photosWithStem(base).filter((p) => !present.has(`${p.path}.xmp`));
}

/**
 * Reads the sidecars that changed since the catalog last saw them into their photos, in one
 * transaction; returns how many photos took something from one. Keywords that name a
 * category are the category's export, not keywords, and are left out.
 */
export async function importSidecars(catalog: Catalog, sidecars: readonly SidecarFile[]): Promise<number> {
  const categoryNames = new Set(catalog.table('categories').map((c) => c.name.toLowerCase()));
  const present = new Set(sidecars.map((s) => s.path));
  const updates: { photo: PhotoRecord; sidecar: SidecarFile; marks: SidecarMarks | null }[] = [];
  for (const sidecar of sidecars) {
    const photos = photosOfSidecar(catalog, sidecar.path, present).filter((p) => p.sidecarMtimeMs !== sidecar.mtimeMs);
    if (photos.length === 0) continue;
    const marks = await readSidecar(sidecar.path);
    for (const photo of photos) updates.push({ photo, sidecar, marks });
  }
  if (updates.length === 0) return 0;
  catalog.batch(() => {
    for (const { photo, sidecar, marks } of updates) {
      if (!catalog.getPhoto(photo.id)) continue;
      const rotation: Rotation | null = marks?.orientation == null ? null : rotationFrom(photo.orientation, marks.orientation);
      catalog.updatePhoto(photo.id, {
        sidecarMtimeMs: sidecar.mtimeMs,
        ...(marks?.rating != null ? { rating: marks.rating } : {}),
        ...(marks?.favourite ? { favourite: true } : {}),
        ...(rotation !== null ? { rotation } : {}),
      });
      const keywords = (marks?.keywords ?? []).filter((k) => !categoryNames.has(k.toLowerCase()));
      catalog.addKeywords(keywords.map((keyword) => ({ photoId: photo.id, keyword })));
    }
  });
  return updates.filter((u) => u.marks !== null).length;
}
