// Runs in: main process or the inference worker (plain Node). How a photo's marks are spelled
// in XMP, the one place both the reader (files and sidecars) and the writer agree on it:
// stars are xmp:Rating (0-5; Lightroom's -1 "rejected" is no rating here); the favourite is
// the keyword "Favorite", which Lightroom, digiKam and darktable all read (xmp:Rating 5
// would lose the photo's stars); the rotation is tiff:Orientation, the camera's orientation
// with the user's quarter turns on top.
import { MAX_RATING, type Rotation } from '../library/catalog-schema';

/** The keyword a favourite is written as. */
export const FAVOURITE_KEYWORD = 'Favorite';

const FAVOURITE_WORDS = new Set(['favorite', 'favourite', 'favorites', 'favourites']);

/** Whether a keyword read from a photo is its favourite mark rather than a keyword. */
export function isFavouriteKeyword(keyword: string): boolean {
  return FAVOURITE_WORDS.has(keyword.trim().toLowerCase());
}

/** A rating read from XMP (a number or its text), or null when there is none that means stars. */
export function ratingOf(value: unknown): number | null {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= MAX_RATING ? n : null;
}

/** EXIF orientation 1-8 as a mirror (horizontal, first) and then a clockwise turn. */
const ORIENTATIONS: Record<number, { mirror: boolean; turn: Rotation }> = {
  1: { mirror: false, turn: 0 },
  2: { mirror: true, turn: 0 },
  3: { mirror: false, turn: 180 },
  4: { mirror: true, turn: 180 },
  5: { mirror: true, turn: 270 },
  6: { mirror: false, turn: 90 },
  7: { mirror: true, turn: 90 },
  8: { mirror: false, turn: 270 },
};

/** The EXIF orientation that shows the photo as the user turned it. */
export function orientationWith(exifOrientation: number | null, rotation: Rotation): number {
  const base = ORIENTATIONS[exifOrientation ?? 1] ?? ORIENTATIONS[1]!;
  const turn = (base.turn + rotation) % 360;
  const match = Object.entries(ORIENTATIONS).find(([, o]) => o.mirror === base.mirror && o.turn === turn);
  return Number(match?.[0] ?? 1);
}

/**
 * The user's turn that an orientation written by another program means on top of the file's
 * own; null when the two differ by a mirror, which a turn cannot express.
 */
export function rotationFrom(exifOrientation: number | null, written: number): Rotation | null {
  const base = ORIENTATIONS[exifOrientation ?? 1] ?? ORIENTATIONS[1]!;
  const target = ORIENTATIONS[written];
  if (!target || target.mirror !== base.mirror) return null;
  return (((target.turn - base.turn + 360) % 360) as Rotation);
}
