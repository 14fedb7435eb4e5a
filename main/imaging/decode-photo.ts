// Runs in: the inference worker, so decoded pixels never cross a thread. One decode of the
// file, into one raw RGB image big enough for every output, then the CLIP tensor and the
// WebP thumbnail are both cut from that image in memory.
//
// Fidelity note: the tensor reproduces the CLIP reference (PIL + torchvision): EXIF
// orientation, RGB with alpha dropped, shortest side to resizeShortest with bicubic and the
// long side truncated (torchvision's Resize, Hugging Face's CLIPImageProcessor), centre crop
// with Python's half-to-even rounding, rescale, mean/std, NCHW. One deliberate difference
// from the paper's code, which the golden files share: an RGB ICC profile (Adobe RGB,
// Display P3) is converted to sRGB first, as every viewer shows the photo, where PIL would
// hand the model its desaturated raw values; grey profiles are left alone. The intermediate image
// keeps its shortest side at least twice the CLIP size; the golden files stay within 0.006
// mean absolute difference of the reference (the limit is 0.02), and the final resize and
// crop are PIL's own arithmetic (pil-resample.ts).

import sharp from 'sharp';
import type { Metadata, Sharp, SharpOptions } from 'sharp';
import type { PreprocessConfig } from '../clip/preprocess-config';
import { ClipfolioError } from '../shared/errors';
import { rgbToClipTensor } from './clip-tensor';
import { decodeHeifToRgb } from './heif-decode';
import { clipGeometry, intermediateSize, thumbnailSize } from './photo-geometry';
import { resizeCropRgb } from './pil-resample';
import type { Size } from './photo-geometry';
import { orientationOps } from './orientation-ops';
import { largestEmbeddedJpeg } from './raw-preview';
import { toDecodeError } from './sharp-errors';
import { isTiffContainer, jpegSamplePrecision, sniffImageFormat } from './sniff-format';
import type { SniffedFormat } from './sniff-format';
import { withTimeout } from './with-timeout';

export interface DecodeOptions {
  preprocess: PreprocessConfig;
  /** WebP thumbnail that fits inside maxSide x maxSide (never enlarged). */
  thumbnail?: ThumbnailSpec;
  /** Per-file time limit; the promise rejects with TIMEOUT. */
  timeoutMs?: number;
  /** Largest width x height accepted before decoding; 0 lifts the limit. */
  maxPixels?: number;
}

export interface ThumbnailSpec {
  maxSide: number;
  quality?: number;
}

export interface Thumbnail {
  data: Buffer;
  width: number;
  height: number;
}

export interface DecodedPhoto extends PhotoFacts {
  /** 3 x cropSize x cropSize, NCHW, normalised, ready for the model. */
  tensor: Float32Array;
  thumbnail?: Thumbnail;
}

export interface DecodedThumbnail extends PhotoFacts {
  thumbnail: Thumbnail;
}

export interface PhotoFacts {
  /** Full-size dimensions after EXIF orientation (of the embedded preview for camera RAWs). */
  width: number;
  height: number;
  /** Detected from the content, not the file name. */
  format: SniffedFormat;
}

/** sharp's own default (0x3FFF squared): big enough for any camera, small enough for bombs. */
export const DEFAULT_MAX_PIXELS = 268_402_689;
const DEFAULT_THUMBNAIL_QUALITY = 80;

/**
 * Images with alpha are decoded at full size so alpha can be dropped before any resize
 * (sharp premultiplies when it resizes, which would blacken transparent areas that PIL
 * keeps). Above this size they are resized while decoding instead, to bound memory.
 */
const ALPHA_FULL_SIZE_LIMIT = 50_000_000;

const UNSUPPORTED_LABELS: Partial<Record<SniffedFormat, string>> = {
  bmp: 'BMP images',
  ico: 'ICO icons',
  jp2: 'JPEG 2000 images',
  jxl: 'JPEG XL images',
  tga: 'TGA images',
  hdr: 'Radiance HDR images',
  sgi: 'SGI images',
  psd: 'Photoshop documents',
  pdf: 'PDF documents',
  svg: 'SVG drawings',
};

/** Where the pixels come from, already decided: a file sharp reads or raw RGB in memory. */
interface PixelSource {
  input: Buffer;
  sharpOptions: SharpOptions;
  /** Orientation that sharp's autoOrient cannot see (a RAW preview without its own EXIF). */
  orient?: (image: Sharp) => Sharp;
  /** Full size after orientation. */
  size: Size;
  hasAlpha: boolean;
}

interface RawImage {
  data: Buffer;
  size: Size;
}

function formatLabel(format: SniffedFormat): string {
  return format === 'raw' ? 'camera RAW' : format.toUpperCase();
}

/**
 * Formats whose truncated files are still worth showing, as browsers show them: libjpeg,
 * libpng, giflib and libwebp fill what is missing and libvips calls it a warning. TIFF and
 * AVIF stay strict, because there "ignore errors" papers over broken strip tables and IFDs
 * and yields arbitrary pixels. A header that makes no sense fails at every level.
 */
const LENIENT_FORMATS = new Set<SniffedFormat>(['jpeg', 'png', 'gif', 'webp']);

function fileOptions(format: SniffedFormat, maxPixels: number): SharpOptions {
  // pages/page: the first frame of an animation, so a 40 000-frame GIF costs one frame.
  return {
    failOn: LENIENT_FORMATS.has(format) ? 'none' : 'error',
    limitInputPixels: maxPixels,
    autoOrient: true,
    pages: 1,
    page: 0,
  };
}

function fileSource(input: Buffer, format: SniffedFormat, meta: Metadata, maxPixels: number): PixelSource {
  return {
    input,
    sharpOptions: fileOptions(format, maxPixels),
    size: { width: meta.autoOrient.width, height: meta.autoOrient.height },
    hasAlpha: meta.hasAlpha,
  };
}

async function sharpFileSource(input: Buffer, format: SniffedFormat, maxPixels: number): Promise<PixelSource> {
  const meta = await sharp(input, fileOptions(format, maxPixels)).metadata();
  return fileSource(input, format, meta, maxPixels);
}

async function rawPreviewSource(input: Buffer, maxPixels: number): Promise<PixelSource> {
  const preview = await largestEmbeddedJpeg(input);
  if (!preview) {
    // TIFF-based RAWs (DNG, NEF) may keep only an uncompressed preview, as their first
    // image, which libvips' TIFF reader opens.
    if (isTiffContainer(input)) return sharpFileSource(input, 'tiff', maxPixels);
    throw new ClipfolioError(
      'UNSUPPORTED_FORMAT',
      'this camera RAW file has no embedded JPEG preview, and RAW sensor data is not decoded',
    );
  }
  const meta = await sharp(preview.jpeg, fileOptions('jpeg', maxPixels)).metadata();
  const source = fileSource(preview.jpeg, 'jpeg', meta, maxPixels);
  const orientation = preview.containerOrientation ?? 1;
  if (meta.orientation !== undefined || orientation === 1) return source;
  const { width, height } = meta;
  return {
    ...source,
    orient: orientationOps(orientation),
    size: orientation >= 5 ? { width: height, height: width } : { width, height },
  };
}

function heifSource(input: Buffer, maxPixels: number): PixelSource {
  const { data, width, height } = decodeHeifToRgb(input, maxPixels);
  return {
    input: data,
    sharpOptions: { raw: { width, height, channels: 3 }, limitInputPixels: maxPixels },
    size: { width, height },
    hasAlpha: false,
  };
}

async function openSource(input: Buffer, format: SniffedFormat, maxPixels: number): Promise<PixelSource> {
  switch (format) {
    case 'heic':
      return heifSource(input, maxPixels);
    case 'dng':
    case 'raw':
      return rawPreviewSource(input, maxPixels);
    case 'jpeg': {
      const precision = jpegSamplePrecision(input);
      if (precision !== null && precision !== 8) {
        throw new ClipfolioError('UNSUPPORTED_FORMAT', `${precision}-bit JPEG images are not supported`);
      }
      return sharpFileSource(input, format, maxPixels);
    }
    case 'png':
    case 'gif':
    case 'webp':
    case 'tiff':
    case 'avif':
      return sharpFileSource(input, format, maxPixels);
    default:
      throw new ClipfolioError('UNSUPPORTED_FORMAT', `${UNSUPPORTED_LABELS[format] ?? format} are not supported`);
  }
}

function fromRaw(raw: RawImage, maxPixels: number): Sharp {
  return sharp(raw.data, {
    raw: { width: raw.size.width, height: raw.size.height, channels: 3 },
    limitInputPixels: maxPixels,
  });
}

async function toRawRgb(image: Sharp): Promise<RawImage> {
  const { data, info } = await image.toColourspace('srgb').raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true });
  if (info.channels !== 3) {
    throw new ClipfolioError('DECODE_FAILED', `unexpected channel layout (${info.channels} channels)`);
  }
  return { data, size: { width: info.width, height: info.height } };
}

function sameSize(a: Size, b: Size): boolean {
  return a.width === b.width && a.height === b.height;
}

/** The single decode of the file, shrunk on load where the format allows it. */
async function decodeIntermediate(
  source: PixelSource,
  target: Size,
  maxPixels: number,
  timeoutMs: number | undefined,
): Promise<RawImage> {
  let image = sharp(source.input, source.sharpOptions);
  // Lets libvips abandon the work too, not only the promise (whole seconds only).
  if (timeoutMs !== undefined) image = image.timeout({ seconds: Math.max(1, Math.ceil(timeoutMs / 1000)) });
  if (source.orient) image = source.orient(image);
  const { width, height } = source.size;
  if (source.hasAlpha) image = image.removeAlpha();
  const resizeWhileDecoding = !source.hasAlpha || width * height > ALPHA_FULL_SIZE_LIMIT;
  if (resizeWhileDecoding && !sameSize(source.size, target)) {
    image = image.resize(target.width, target.height, { fit: 'fill', kernel: 'cubic' });
  }
  const decoded = await toRawRgb(image);
  if (sameSize(decoded.size, target)) return decoded;
  return toRawRgb(fromRaw(decoded, maxPixels).resize(target.width, target.height, { fit: 'fill', kernel: 'cubic' }));
}

function clipTensorFrom(raw: RawImage, full: Size, cfg: PreprocessConfig): Float32Array {
  // The geometry comes from the full-size image, as the reference computes it there.
  const geometry = clipGeometry(full.width, full.height, cfg);
  const pixels = resizeCropRgb(raw.data, raw.size.width, raw.size.height, geometry, cfg.interpolation);
  return rgbToClipTensor(pixels, geometry.cropSize, cfg);
}

async function thumbnailFrom(
  raw: RawImage,
  full: Size,
  spec: ThumbnailSpec,
  maxPixels: number,
): Promise<Thumbnail> {
  const size = thumbnailSize(full.width, full.height, spec.maxSide);
  const { data, info } = await fromRaw(raw, maxPixels)
    .resize(size.width, size.height, { fit: 'fill', kernel: 'lanczos3' })
    .webp({ quality: spec.quality ?? DEFAULT_THUMBNAIL_QUALITY })
    .toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

/**
 * The raw intermediate every output is cut from. It is sized for the CLIP crop even when only
 * a thumbnail is wanted, so a thumbnail made again later is the very file indexing wrote.
 */
async function decodeToIntermediate<T>(input: Buffer, options: DecodeOptions, cut: (decoded: Intermediate) => Promise<T>): Promise<T> {
  if (input.length === 0) throw new ClipfolioError('DECODE_FAILED', 'the file is empty');
  const format = sniffImageFormat(input);
  if (!format) throw new ClipfolioError('UNSUPPORTED_FORMAT', 'the file is not a recognised image format');
  const maxPixels = options.maxPixels ?? DEFAULT_MAX_PIXELS;
  try {
    const source = await openSource(input, format, maxPixels);
    const target = intermediateSize(
      source.size.width,
      source.size.height,
      2 * options.preprocess.resizeShortest,
      options.thumbnail?.maxSide,
    );
    const raw = await decodeIntermediate(source, target, maxPixels, options.timeoutMs);
    return await cut({ raw, size: source.size, format, maxPixels });
  } catch (err) {
    throw toDecodeError(err, formatLabel(format));
  }
}

interface Intermediate {
  raw: RawImage;
  size: Size;
  format: SniffedFormat;
  maxPixels: number;
}

function timed<T>(work: Promise<T>, options: DecodeOptions): Promise<T> {
  if (options.timeoutMs === undefined) return work;
  return withTimeout(work, options.timeoutMs, 'decoding the photo');
}

export function decodePhoto(input: Buffer, options: DecodeOptions): Promise<DecodedPhoto> {
  const work = decodeToIntermediate(input, options, async ({ raw, size, format, maxPixels }) => {
    // The WebP encode runs on libvips threads while the tensor is computed on this one.
    const [thumbnail, tensor] = await Promise.all([
      options.thumbnail && thumbnailFrom(raw, size, options.thumbnail, maxPixels),
      Promise.resolve().then(() => clipTensorFrom(raw, size, options.preprocess)),
    ]);
    return { tensor, thumbnail, ...size, format };
  });
  return timed(work, options);
}

/** The thumbnail alone (a cleared cache made good again): the same decode, no CLIP tensor cut. */
export function decodeThumbnail(input: Buffer, options: DecodeOptions & { thumbnail: ThumbnailSpec }): Promise<DecodedThumbnail> {
  const work = decodeToIntermediate(input, options, async ({ raw, size, format, maxPixels }) => ({
    thumbnail: await thumbnailFrom(raw, size, options.thumbnail, maxPixels),
    ...size,
    format,
  }));
  return timed(work, options);
}
