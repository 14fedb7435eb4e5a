// Runs in: the inference worker. The prebuilt sharp has no HEVC decoder, so HEIC/HEIF
// photos (every iPhone since 2017) are decoded by libheif compiled to WebAssembly, to raw
// RGB, and handed back to sharp from memory. libheif applies the file's own irot/imir/clap
// transforms while decoding, as the HEIF spec requires, so the pixels come out upright.
// The wasm decode is synchronous: it blocks this thread until it returns (1-3 s for a
// 12-48 MP photo), which is why it lives in the worker and not in main.

import { createRequire } from 'node:module';
import { ClipfolioError } from '../shared/errors';

/** An embind enum value: an object compared by identity. */
type EnumValue = object;

interface HeifError {
  code: EnumValue;
  message: string;
}

interface HeifChannel {
  id: EnumValue;
  width: number;
  height: number;
  stride: number;
  data: Uint8Array;
}

interface HeifDecoded {
  image: object;
  channels: HeifChannel[];
}

/** The slice of libheif-js's embind surface this module uses (its .d.ts types it as any). */
interface LibHeif {
  heif_error_code: { heif_error_Ok: EnumValue };
  heif_colorspace: { heif_colorspace_RGB: EnumValue };
  heif_chroma: { heif_chroma_interleaved_RGB: EnumValue };
  heif_channel: { heif_channel_interleaved: EnumValue };
  heif_context_alloc(): object | null;
  heif_context_free(ctx: object): void;
  heif_context_read_from_memory(ctx: object, data: Uint8Array): HeifError;
  heif_js_context_get_primary_image_handle(ctx: object): object | HeifError | null;
  heif_image_handle_get_width(handle: object): number;
  heif_image_handle_get_height(handle: object): number;
  heif_image_handle_release(handle: object): void;
  heif_js_decode_image2(handle: object, space: EnumValue, chroma: EnumValue): HeifDecoded | HeifError | null;
  heif_image_release(image: object): void;
}

export interface RawRgb {
  data: Buffer;
  width: number;
  height: number;
}

let libheif: LibHeif | undefined;

function loadLibheif(): LibHeif {
  // The bundle carries its wasm inline, so it loads without resolving files at run time;
  // loading takes ~100 ms, so it happens on the first HEIC only.
  libheif ??= createRequire(import.meta.url)('libheif-js/wasm-bundle') as LibHeif;
  return libheif;
}

function isHeifError(value: unknown): value is HeifError {
  return typeof value === 'object' && value !== null && 'code' in value && 'message' in value;
}

function decodeFailed(reason: string): ClipfolioError {
  return new ClipfolioError('DECODE_FAILED', `could not decode HEIC: ${reason}`);
}

function copyRows(channel: HeifChannel): Buffer {
  const rowBytes = channel.width * 3;
  if (channel.stride < rowBytes || channel.data.length < channel.stride * (channel.height - 1) + rowBytes) {
    throw decodeFailed('the decoder returned fewer pixels than the image size');
  }
  const out = Buffer.allocUnsafe(rowBytes * channel.height);
  for (let y = 0; y < channel.height; y++) {
    out.set(channel.data.subarray(y * channel.stride, y * channel.stride + rowBytes), y * rowBytes);
  }
  return out;
}

/** Primary image as interleaved 8-bit RGB; alpha is dropped, like PIL's convert('RGB'). */
export function decodeHeifToRgb(input: Buffer, maxPixels: number): RawRgb {
  const lib = loadLibheif();
  const ctx = lib.heif_context_alloc();
  if (!ctx) throw new ClipfolioError('INTERNAL', 'libheif could not allocate a context');
  try {
    const readError = lib.heif_context_read_from_memory(ctx, input);
    if (readError.code !== lib.heif_error_code.heif_error_Ok) throw decodeFailed(readError.message);
    const handle = lib.heif_js_context_get_primary_image_handle(ctx);
    if (!handle || isHeifError(handle)) throw decodeFailed(handle?.message ?? 'no primary image');
    try {
      const declared = lib.heif_image_handle_get_width(handle) * lib.heif_image_handle_get_height(handle);
      if (maxPixels > 0 && declared > maxPixels) {
        throw new ClipfolioError('DECODE_FAILED', `image exceeds the pixel limit of ${maxPixels}`);
      }
      const decoded = lib.heif_js_decode_image2(
        handle,
        lib.heif_colorspace.heif_colorspace_RGB,
        lib.heif_chroma.heif_chroma_interleaved_RGB,
      );
      if (!decoded || isHeifError(decoded)) throw decodeFailed(decoded?.message ?? 'no image data');
      try {
        const channel = decoded.channels.find((c) => c.id === lib.heif_channel.heif_channel_interleaved);
        if (!channel || channel.width < 1 || channel.height < 1) throw decodeFailed('no RGB plane');
        if (maxPixels > 0 && channel.width * channel.height > maxPixels) {
          throw new ClipfolioError('DECODE_FAILED', `image exceeds the pixel limit of ${maxPixels}`);
        }
        return { data: copyRows(channel), width: channel.width, height: channel.height };
      } finally {
        lib.heif_image_release(decoded.image);
      }
    } finally {
      lib.heif_image_handle_release(handle);
    }
  } finally {
    lib.heif_context_free(ctx);
  }
}
