// Checks decodePhoto on real files with real sharp and libheif: the reference CLIP
// preprocessing (golden tensors), EXIF orientation, unusual pixel layouts (grey, CMYK,
// 16-bit, alpha), extreme aspect ratios, HEIC and RAW previews, and the errors callers see.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLIP_PREPROCESS } from '../../../main/clip/preprocess-config';
import { decodePhoto } from '../../../main/imaging/decode-photo';
import type { DecodedPhoto } from '../../../main/imaging/decode-photo';
import { ClipfolioError } from '../../../main/shared/errors';

const testdata = path.resolve(process.cwd(), '../shared/testdata');
const images = path.join(testdata, 'images');
const read = (relative: string) => readFileSync(path.join(images, relative));
const options = { preprocess: CLIP_PREPROCESS, thumbnail: { maxSide: 256 } };
const PLANE = 224 * 224;

function meanAbsDiff(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += Math.abs(a[i]! - b[i]!);
  return sum / a.length;
}

/** The 0..255 value the tensor holds for channel c at (x, y). */
function pixelAt(tensor: Float32Array, c: 0 | 1 | 2, x: number, y: number): number {
  const { mean, std, rescale } = CLIP_PREPROCESS;
  return (tensor[c * PLANE + y * 224 + x]! * std[c] + mean[c]) / rescale;
}

async function decodeError(input: Buffer, extra: Partial<typeof options> & { maxPixels?: number } = {}): Promise<ClipfolioError> {
  const err: unknown = await decodePhoto(input, { ...options, ...extra }).then(
    () => new Error('expected a failure'),
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ClipfolioError);
  return err as ClipfolioError;
}

describe('golden CLIP preprocessing', () => {
  const index = JSON.parse(readFileSync(path.join(testdata, 'clip/preprocess-golden/index.json'), 'utf8')) as {
    name: string;
    source: string;
    shape: number[];
  }[];

  it.each(index.map((entry) => [entry.name, entry] as const))('%s stays within 0.02 of the reference', async (_, entry) => {
    const raw = readFileSync(path.join(testdata, 'clip/preprocess-golden', `${entry.name}.f32`));
    const golden = new Float32Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength));
    // With a large thumbnail too, so the intermediate image is bigger than CLIP alone needs.
    for (const thumbnail of [undefined, { maxSide: 256 }, { maxSide: 1024 }]) {
      const photo = await decodePhoto(read(entry.source), { preprocess: CLIP_PREPROCESS, thumbnail });
      expect(photo.tensor).toHaveLength(entry.shape.reduce((a, b) => a * b, 1));
      const diff = meanAbsDiff(photo.tensor, golden);
      console.log(`golden ${entry.name} thumbnail=${thumbnail?.maxSide ?? 'none'}: mean abs diff ${diff.toFixed(5)}`);
      expect(diff).toBeLessThan(0.02);
    }
  });
});

describe('EXIF orientation', () => {
  for (const kind of ['Landscape', 'Portrait'] as const) {
    it(`${kind}_1..8 come out upright and alike`, async () => {
      const photos: DecodedPhoto[] = [];
      for (let i = 1; i <= 8; i++) photos.push(await decodePhoto(read(`exif/orientation-recurser/${kind}_${i}.jpg`), options));
      const [first] = photos as [DecodedPhoto];
      const expected = kind === 'Landscape' ? { width: 1800, height: 1200 } : { width: 1200, height: 1800 };
      for (const photo of photos) {
        expect({ width: photo.width, height: photo.height }).toEqual(expected);
        expect(photo.thumbnail).toMatchObject(kind === 'Landscape' ? { width: 256, height: 171 } : { width: 171, height: 256 });
        expect(meanAbsDiff(photo.tensor, first.tensor)).toBeLessThan(0.05);
      }
      // The bound means something: the same picture mirrored is far away.
      const mirrored = new Float32Array(first.tensor.length);
      for (let c = 0; c < 3; c++) {
        for (let y = 0; y < 224; y++) {
          for (let x = 0; x < 224; x++) mirrored[c * PLANE + y * 224 + x] = first.tensor[c * PLANE + y * 224 + (223 - x)]!;
        }
      }
      expect(meanAbsDiff(mirrored, first.tensor)).toBeGreaterThan(0.2);
    });
  }
});

describe('unusual pixel layouts', () => {
  const { mean, std } = CLIP_PREPROCESS;
  const low = Math.min(...[0, 1, 2].map((c) => -mean[c]! / std[c]!));
  const high = Math.max(...[0, 1, 2].map((c) => (1 - mean[c]!) / std[c]!));

  it.each([
    'bad/edge-valid/pillow__hopper_gray.jpg',
    'bad/edge-valid/sharp__gamma_dalai_lama_gray.jpg',
    'bad/edge-valid/pngsuite__basn0g01.png',
    'bad/edge-valid/pngsuite__basn0g16.png',
    'bad/edge-valid/pillow__pil_sample_cmyk.jpg',
    'bad/edge-valid/sharp__Channel_digital_image_CMYK_color.jpg',
    'bad/edge-valid/sharp__Channel_digital_image_CMYK_color_no_profile.jpg',
    'bad/edge-valid/libgd__cmyk-4c-8b.tiff',
    'bad/edge-valid/pngsuite__basn2c16.png',
    'bad/edge-valid/pillow__tiff_16bit_RGB.tiff',
    'bad/edge-valid/libjpeg-turbo__monkey16.png',
    'bad/edge-valid/sharp__16-bit-grey-alpha.png',
    'bad/edge-valid/pngsuite__basn4a16.png',
    'bad/edge-valid/pngsuite__basn6a16.png',
    'bad/edge-valid/pngsuite__basi3p08.png',
    'bad/edge-valid/libgd__white-fp16.tiff',
    'formats/png/pngsuite__basn6a08.png',
  ])('%s gives a finite tensor in range', async (file) => {
    const photo = await decodePhoto(read(file), options);
    expect(photo.tensor).toHaveLength(3 * PLANE);
    expect(photo.tensor.every((v) => Number.isFinite(v) && v >= low - 1e-4 && v <= high + 1e-4)).toBe(true);
    expect(photo.thumbnail?.data.length).toBeGreaterThan(0);
  });

  it('scales 16-bit samples down instead of clipping them', async () => {
    // The Dutch flag: red, white and blue bands.
    const photo = await decodePhoto(read('bad/edge-valid/sharp__Flag_of_the_Netherlands-16bit.png'), options);
    const top = [0, 1, 2].map((c) => pixelAt(photo.tensor, c as 0 | 1 | 2, 112, 30));
    const middle = [0, 1, 2].map((c) => pixelAt(photo.tensor, c as 0 | 1 | 2, 112, 112));
    const bottom = [0, 1, 2].map((c) => pixelAt(photo.tensor, c as 0 | 1 | 2, 112, 194));
    expect(top[0]).toBeGreaterThan(120);
    expect(top[1]).toBeLessThan(80);
    expect(middle.every((v) => v > 230)).toBe(true);
    expect(bottom[2]).toBeGreaterThan(bottom[0]! + 40);
  });

  it('drops alpha like PIL, keeping the colour under transparent pixels', async () => {
    const width = 600, height = 400;
    const rgba = Buffer.alloc(width * height * 4);
    for (let i = 0; i < width * height; i++) rgba.set([255, 0, 0, 0], i * 4); // red, fully transparent
    const png = await sharp(rgba, { raw: { width, height, channels: 4 } }).png().toBuffer();
    const photo = await decodePhoto(png, options);
    expect(pixelAt(photo.tensor, 0, 100, 100)).toBeCloseTo(255, 0);
    expect(pixelAt(photo.tensor, 1, 100, 100)).toBeCloseTo(0, 0);
  });

  it('converts CMYK to RGB colours, not inverted ones', async () => {
    const withProfile = await decodePhoto(read('bad/edge-valid/sharp__Channel_digital_image_CMYK_color.jpg'), options);
    const withoutProfile = await decodePhoto(read('bad/edge-valid/sharp__Channel_digital_image_CMYK_color_no_profile.jpg'), options);
    expect(meanAbsDiff(withProfile.tensor, withoutProfile.tensor)).toBeLessThan(0.3);
  });
});

describe('extreme aspect ratios', () => {
  let wide: Buffer;
  let tall: Buffer;
  beforeAll(async () => {
    const make = (width: number, height: number) =>
      sharp({ create: { width, height, channels: 3, background: { r: 20, g: 120, b: 220 } } }).png().toBuffer();
    [wide, tall] = await Promise.all([make(13000, 20), make(20, 13000)]);
  });

  it.each([
    ['13000x20', () => wide, { width: 256, height: 1 }],
    ['20x13000', () => tall, { width: 1, height: 256 }],
  ] as const)('%s gets a bounded thumbnail', async (_, input, expected) => {
    const photo = await decodePhoto(input(), options);
    expect(photo.thumbnail).toMatchObject(expected);
    const meta = await sharp(photo.thumbnail!.data).metadata();
    expect({ format: meta.format, width: meta.width, height: meta.height }).toEqual({ format: 'webp', ...expected });
    expect(photo.tensor.every(Number.isFinite)).toBe(true);
  });

  it.each([
    ['bad/edge-valid/libwebp__small_13x1.webp', { width: 13, height: 1 }],
    ['bad/edge-valid/libwebp__small_1x13.webp', { width: 1, height: 13 }],
    ['bad/bomb/sharp__big-height.webp', { width: 13, height: 169 }],
  ] as const)('%s decodes with a tiny side', async (file, size) => {
    const photo = await decodePhoto(read(file), options);
    expect(photo).toMatchObject(size);
    expect(photo.thumbnail).toMatchObject(size);
    expect(photo.tensor.every(Number.isFinite)).toBe(true);
  });

  it('keeps a requested thumbnail inside its box', async () => {
    const photo = await decodePhoto(read('scenes/opencv/building.jpg'), { ...options, thumbnail: { maxSide: 100, quality: 50 } });
    expect(Math.max(photo.thumbnail!.width, photo.thumbnail!.height)).toBe(100);
  });
});

describe('HEIC, AVIF, animations and RAW', () => {
  it('decodes HEIC through libheif, upright', async () => {
    const photo = await decodePhoto(read('formats/heic/exif-samples__iphone_13_pro_max.HEIC'), options);
    expect(photo).toMatchObject({ format: 'heic', width: 3024, height: 4032 });
    expect(photo.thumbnail).toMatchObject({ width: 192, height: 256 });
    expect(photo.tensor.every(Number.isFinite)).toBe(true);
  });

  it('decodes an AVIF named .heic as AVIF', async () => {
    const photo = await decodePhoto(read('bad/wrong-ext/avif-named.heic'), options);
    expect(photo.format).toBe('avif');
  });

  it('applies the orientation of an AVIF', async () => {
    const photo = await decodePhoto(read('formats/avif/libvips__avif-orientation-6.avif'), options);
    expect(photo).toMatchObject({ width: 3024, height: 4032 });
  });

  it('takes the first frame of an animation', async () => {
    const photo = await decodePhoto(read('formats/gif/sharp__animated-loop-3.gif'), options);
    expect(photo).toMatchObject({ format: 'gif', width: 370, height: 285 });
  });

  it('uses the largest embedded JPEG of a camera RAW', async () => {
    const photo = await decodePhoto(read('formats/raw/exiftool__FujiFilm.raf'), options);
    expect(photo).toMatchObject({ format: 'raw', width: 160, height: 120 });
  });

  it('says why a RAW without any preview cannot be shown', async () => {
    const err = await decodeError(read('formats/raw/exiftool__CanonRaw.cr3'));
    expect(err.code).toBe('UNSUPPORTED_FORMAT');
    expect(err.message).toMatch(/no embedded JPEG preview/);
  });
});

describe('errors', () => {
  it('reports an empty file', async () => {
    expect(await decodeError(Buffer.alloc(0))).toMatchObject({ code: 'DECODE_FAILED', message: 'the file is empty' });
  });

  it('names unsupported formats', async () => {
    expect(await decodeError(read('bad/unsupported/libvips__small.bmp'))).toMatchObject({
      code: 'UNSUPPORTED_FORMAT',
      message: 'BMP images are not supported',
    });
    expect((await decodeError(read('bad/wrong-ext/text-named.jpg'))).code).toBe('UNSUPPORTED_FORMAT');
    expect((await decodeError(read('formats/jpeg/libjpeg-turbo__monkey12.jpg'))).message).toBe(
      '12-bit JPEG images are not supported',
    );
  });

  it('stops decompression bombs at the pixel limit', async () => {
    for (const file of ['bad/bomb/fuzzdb__lottapixel.jpg', 'bad/bomb/sharp__giant-image.jpg']) {
      const err = await decodeError(read(file));
      expect(err.code).toBe('DECODE_FAILED');
      expect(err.message).toMatch(/pixel limit/);
    }
  });

  it('honours a lower pixel limit, HEIC included', async () => {
    expect((await decodeError(read('scenes/opencv/building.jpg'), { maxPixels: 10_000 })).message).toMatch(/pixel limit/);
    expect((await decodeError(read('formats/heic/libheif__example.heic'), { maxPixels: 10_000 })).message).toMatch(
      /pixel limit/,
    );
  });

  it('fails corrupt files with a short reason', async () => {
    const err = await decodeError(read('bad/corrupt/pngsuite__xd0n2c08.png'));
    expect(err.code).toBe('DECODE_FAILED');
    expect(err.message).toMatch(/^could not decode PNG/);
  });

  it('still shows a truncated JPEG', async () => {
    const photo = await decodePhoto(read('bad/truncated/sharp__truncated.jpg'), options);
    expect(photo.tensor.every(Number.isFinite)).toBe(true);
  });
});
