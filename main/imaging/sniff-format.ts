// Runs in: the inference worker (and anywhere else that must classify a file). Photos are
// judged by their first bytes, never by their extension: folders hold PNGs named .jpg,
// HEICs named .jpg and text named .jpg, and camera RAWs that are TIFFs underneath.

/** Formats this module can name. Only some of them are decodable (see decode-photo.ts). */
export type SniffedFormat =
  | 'jpeg'
  | 'png'
  | 'gif'
  | 'webp'
  | 'tiff'
  | 'avif'
  | 'heic'
  | 'dng'
  | 'raw'
  | 'bmp'
  | 'ico'
  | 'jp2'
  | 'jxl'
  | 'tga'
  | 'hdr'
  | 'sgi'
  | 'psd'
  | 'pdf'
  | 'svg';

const HEIC_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'hevm', 'hevs']);
const AVIF_BRANDS = new Set(['avif', 'avis']);
const GENERIC_HEIF_BRANDS = new Set(['mif1', 'msf1', 'miaf', 'mif2']);

const TIFF_TAG_NEW_SUBFILE_TYPE = 0x00fe;
const TIFF_TAG_SUB_IFDS = 0x014a;
const TIFF_TAG_DNG_VERSION = 0xc612;

function ascii(buf: Buffer, start: number, end: number): string {
  return buf.toString('latin1', start, Math.min(end, buf.length));
}

function startsWith(buf: Buffer, bytes: readonly number[], at = 0): boolean {
  if (buf.length < at + bytes.length) return false;
  return bytes.every((b, i) => buf[at + i] === b);
}

/** Brands of an ISO-BMFF `ftyp` box: the major brand first, then the compatible ones. */
function ftypBrands(buf: Buffer): string[] | null {
  if (buf.length < 12 || ascii(buf, 4, 8) !== 'ftyp') return null;
  const boxSize = Math.min(buf.readUInt32BE(0), buf.length);
  const brands = [ascii(buf, 8, 12)];
  for (let at = 16; at + 4 <= boxSize; at += 4) brands.push(ascii(buf, at, at + 4));
  return brands;
}

function classifyIsoBmff(brands: string[]): SniffedFormat | null {
  const [major = ''] = brands;
  if (major === 'crx ') return 'raw';
  if (major === 'jxl ') return 'jxl';
  if (major === 'jp2 ' || major === 'jpx ') return 'jp2';
  if (AVIF_BRANDS.has(major)) return 'avif';
  if (HEIC_BRANDS.has(major)) return 'heic';
  if (!GENERIC_HEIF_BRANDS.has(major)) return null;
  // A generic HEIF major brand: the compatible brands say which codec is inside.
  if (brands.some((b) => HEIC_BRANDS.has(b))) return 'heic';
  if (brands.some((b) => AVIF_BRANDS.has(b))) return 'avif';
  return 'heic'; // uncompressed, JPEG or other HEIF payloads: libheif reads those too
}

/** Tag ids (and the first SHORT/LONG value of each) of the first IFD of a classic TIFF. */
function tiffIfd0Tags(buf: Buffer): Map<number, number> | null {
  const little = buf[0] === 0x49;
  const u16 = (at: number) => (little ? buf.readUInt16LE(at) : buf.readUInt16BE(at));
  const u32 = (at: number) => (little ? buf.readUInt32LE(at) : buf.readUInt32BE(at));
  if (buf.length < 8 || u16(2) !== 42) return null;
  const ifd = u32(4);
  if (ifd + 2 > buf.length) return null;
  const count = u16(ifd);
  const tags = new Map<number, number>();
  for (let i = 0; i < count; i++) {
    const entry = ifd + 2 + i * 12;
    if (entry + 12 > buf.length) break;
    const type = u16(entry + 2);
    tags.set(u16(entry), type === 3 ? u16(entry + 8) : u32(entry + 8));
  }
  return tags;
}

function classifyTiff(buf: Buffer): SniffedFormat {
  if (ascii(buf, 8, 10) === 'CR') return 'raw'; // Canon CR2 marks itself after the header
  const tags = tiffIfd0Tags(buf);
  if (!tags) return 'tiff';
  if (tags.has(TIFF_TAG_DNG_VERSION)) return 'dng';
  // Camera RAWs (NEF, ARW, PEF, ...) open with a reduced-resolution IFD0 whose SubIFDs hold
  // the sensor data; an ordinary TIFF's first image is the full-resolution one.
  if (tags.get(TIFF_TAG_NEW_SUBFILE_TYPE) === 1 && tags.has(TIFF_TAG_SUB_IFDS)) return 'raw';
  return 'tiff';
}

/** Classic TIFF header, which DNG and most camera RAWs share. */
export function isTiffContainer(buf: Buffer): boolean {
  return startsWith(buf, [0x49, 0x49, 0x2a, 0x00]) || startsWith(buf, [0x4d, 0x4d, 0x00, 0x2a]);
}

function looksLikeSvg(buf: Buffer): boolean {
  const head = ascii(buf, 0, 512).trimStart().toLowerCase();
  return head.startsWith('<svg') || (head.startsWith('<?xml') && head.includes('<svg'));
}

function looksLikeTga(buf: Buffer): boolean {
  // TGA has no magic number; version 2 files end with a fixed footer.
  return buf.length >= 26 && ascii(buf, buf.length - 18, buf.length - 2) === 'TRUEVISION-XFILE';
}

/**
 * Bits per sample of a JPEG, from its first start-of-frame marker, or null if none is found
 * in the header. libjpeg in the prebuilt libvips reads 8-bit JPEGs only.
 */
export function jpegSamplePrecision(buf: Buffer): number | null {
  let at = 2;
  while (at + 4 < buf.length && buf[at] === 0xff) {
    const marker = buf[at + 1]!;
    if (marker === 0xff) {
      at++; // fill byte
      continue;
    }
    const isStartOfFrame = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isStartOfFrame) return at + 4 < buf.length ? buf[at + 4]! : null;
    if (marker === 0xda || marker === 0xd9) return null; // scan data or end before any frame
    at += 2 + buf.readUInt16BE(at + 2);
  }
  return null;
}

/** The image format the bytes say they are, or null when they are nothing known. */
export function sniffImageFormat(buf: Buffer): SniffedFormat | null {
  if (startsWith(buf, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(buf, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (ascii(buf, 0, 4) === 'GIF8') return 'gif';
  if (ascii(buf, 0, 4) === 'RIFF' && ascii(buf, 8, 12) === 'WEBP') return 'webp';
  if (isTiffContainer(buf)) return classifyTiff(buf);
  if (startsWith(buf, [0x49, 0x49, 0x2b, 0x00]) || startsWith(buf, [0x4d, 0x4d, 0x00, 0x2b])) {
    return 'tiff'; // BigTIFF
  }
  // Olympus ORF and Panasonic RW2 are TIFFs with their own magic number.
  if (['IIRO', 'IIRS', 'MMOR', 'IIU\0'].includes(ascii(buf, 0, 4))) return 'raw';
  if (ascii(buf, 0, 15) === 'FUJIFILMCCD-RAW') return 'raw';
  const brands = ftypBrands(buf);
  if (brands) return classifyIsoBmff(brands);
  if (startsWith(buf, [0xff, 0x0a])) return 'jxl';
  if (startsWith(buf, [0x00, 0x00, 0x00, 0x0c, 0x4a, 0x58, 0x4c, 0x20])) return 'jxl';
  if (startsWith(buf, [0x00, 0x00, 0x00, 0x0c, 0x6a, 0x50, 0x20, 0x20])) return 'jp2';
  if (startsWith(buf, [0xff, 0x4f, 0xff, 0x51])) return 'jp2';
  if (ascii(buf, 0, 2) === 'BM' && buf.length >= 18 && buf.readUInt32LE(14) >= 12) return 'bmp';
  if ((startsWith(buf, [0, 0, 1, 0]) || startsWith(buf, [0, 0, 2, 0])) && buf.length >= 6) {
    if (buf.readUInt16LE(4) > 0) return 'ico';
  }
  if (ascii(buf, 0, 10) === '#?RADIANCE' || ascii(buf, 0, 6) === '#?RGBE') return 'hdr';
  if (startsWith(buf, [0x01, 0xda]) && (buf[2] === 0 || buf[2] === 1)) return 'sgi';
  if (ascii(buf, 0, 4) === '8BPS') return 'psd';
  if (ascii(buf, 0, 5) === '%PDF-') return 'pdf';
  if (looksLikeSvg(buf)) return 'svg';
  if (looksLikeTga(buf)) return 'tga';
  return null;
}
