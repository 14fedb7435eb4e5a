// Runs in: the inference worker. Camera RAW files (DNG, CR2, CR3, NEF, RAF, RW2, ...) are
// not demosaiced here: every one of them carries JPEG previews rendered by the camera, and
// the largest is plenty for a thumbnail and a 224-pixel CLIP input. Rather than parse each
// maker's container, this scans for JPEG start markers and measures each candidate with
// sharp's header reader; libjpeg stops at the end-of-image marker, so the bytes after a
// preview do no harm.

import exifr from 'exifr';
import sharp from 'sharp';

export interface RawPreview {
  jpeg: Buffer;
  width: number;
  height: number;
  /** The RAW container's EXIF orientation; previews often carry none of their own. */
  containerOrientation: number | undefined;
}

/** Random sensor data holds the odd false SOI; more candidates than this means a hostile file. */
const MAX_CANDIDATES = 256;
const SOI = Buffer.from([0xff, 0xd8, 0xff]);

async function measureJpeg(candidate: Buffer): Promise<{ width: number; height: number } | null> {
  try {
    const meta = await sharp(candidate, { failOn: 'none' }).metadata();
    return meta.format === 'jpeg' ? { width: meta.width, height: meta.height } : null;
  } catch {
    return null; // a false SOI inside other data; not a preview
  }
}

async function readOrientation(input: Buffer): Promise<number | undefined> {
  try {
    const value: unknown = await exifr.orientation(input);
    return typeof value === 'number' && value >= 1 && value <= 8 ? value : undefined;
  } catch {
    return undefined; // exifr does not know every RAW container (CR3, RAF)
  }
}

/** The embedded JPEG with the most pixels, or null when the file holds none. */
export async function largestEmbeddedJpeg(input: Buffer): Promise<RawPreview | null> {
  let best: { jpeg: Buffer; width: number; height: number } | null = null;
  let candidates = 0;
  for (let at = input.indexOf(SOI); at >= 0 && candidates < MAX_CANDIDATES; at = input.indexOf(SOI, at + 2)) {
    candidates++;
    const jpeg = input.subarray(at);
    const size = await measureJpeg(jpeg);
    if (size && size.width * size.height > (best ? best.width * best.height : 0)) best = { jpeg, ...size };
  }
  if (!best) return null;
  return { ...best, containerOrientation: await readOrientation(input) };
}
