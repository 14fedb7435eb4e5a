// Unit tests for metadata extraction over the real corpus: it never throws and every
// returned field has the promised type and range, including on hostile files.
import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { normaliseDate, readPhotoMetadata, type PhotoMetadata } from '../../../main/library/metadata';

const images = resolve(process.cwd(), '../shared/testdata/images');

async function filesUnder(folder: string): Promise<string[]> {
  const entries = await readdir(join(images, folder), { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

const read = async (rel: string, fileMtimeMs?: number) =>
  readPhotoMetadata(await readFile(join(images, rel)), fileMtimeMs === undefined ? {} : { fileMtimeMs });

function expectWellTyped(meta: PhotoMetadata): void {
  const nullOr = (value: unknown, check: (v: never) => boolean) => value === null || check(value as never);
  expect(nullOr(meta.takenAt, (v: string) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/.test(v))).toBe(true);
  expect(meta.takenAtSource === null || meta.takenAtSource === 'exif' || meta.takenAtSource === 'file').toBe(true);
  expect(meta.takenAt === null).toBe(meta.takenAtSource === null);
  expect(nullOr(meta.orientation, (v: number) => Number.isInteger(v) && v >= 1 && v <= 8)).toBe(true);
  for (const size of [meta.width, meta.height]) expect(nullOr(size, (v: number) => Number.isInteger(v) && v > 0)).toBe(true);
  if (meta.camera) {
    for (const field of [meta.camera.make, meta.camera.model, meta.camera.lens]) {
      expect(nullOr(field, (v: string) => typeof v === 'string' && v.length > 0 && [...v].every((c) => c.charCodeAt(0) >= 0x20))).toBe(true);
    }
  }
  if (meta.gps) {
    const { lat, lon, alt } = meta.gps;
    expect(Math.abs(lat) <= 90 && Math.abs(lon) <= 180 && !(lat === 0 && lon === 0)).toBe(true);
    expect(alt === undefined || Number.isFinite(alt)).toBe(true);
  }
  expect(meta.keywords.every((k) => typeof k === 'string' && k.length > 0)).toBe(true);
  if (meta.exposure) for (const value of Object.values(meta.exposure)) expect(nullOr(value, (v: number) => Number.isFinite(v) && v > 0)).toBe(true);
  expect(nullOr(meta.rating, (v: number) => Number.isInteger(v) && v >= 0 && v <= 5)).toBe(true);
  expect(meta.favourite === null || meta.favourite).toBe(true);
  expect(meta.error === null || typeof meta.error === 'string').toBe(true);
}

describe('readPhotoMetadata', () => {
  it('never throws and returns well-typed fields across exif/, bad/ and formats/', async () => {
    const files = [
      ...(await filesUnder('exif')),
      ...(await filesUnder('bad/exif-corrupt')),
      ...(await filesUnder('bad/malicious')),
      ...(await filesUnder('bad/empty')),
      ...(await filesUnder('bad/truncated')),
      ...(await filesUnder('formats')),
    ];
    expect(files.length).toBeGreaterThan(250);
    let withDate = 0;
    for (const file of files) {
      const meta = await readPhotoMetadata(await readFile(file), { fileMtimeMs: 1_600_000_000_000 });
      expectWellTyped(meta);
      expect(meta.takenAt).not.toBeNull();
      if (meta.takenAtSource === 'exif') withDate += 1;
    }
    expect(withDate).toBeGreaterThan(100);
  });

  it('reads date, camera, GPS and dimensions from a GPS camera JPEG', async () => {
    const meta = await read('exif/exif-samples/gps/DSCN0010.jpg');
    expect(meta).toMatchObject({
      takenAt: '2008-10-22T16:28:39',
      takenAtSource: 'exif',
      camera: { make: 'NIKON', model: 'COOLPIX P6000', lens: null },
      orientation: 1,
      width: 640,
      height: 480,
      error: null,
    });
    expect(meta.gps?.lat).toBeCloseTo(43.4674483, 6);
    expect(meta.gps?.lon).toBeCloseTo(11.8851267, 6);
  });

  it('reads the exposure, and the stars a photo’s own XMP carries', async () => {
    expect((await read('exif/exif-samples/cameras/Nikon_D70.jpg')).exposure).toEqual({ time: 0.005, fNumber: 9, iso: 200, focalLength: 100 });
    // Kodak records no ISO: the rest is still read.
    expect((await read('exif/exif-samples/cameras/Kodak_CX7530.jpg')).exposure).toEqual({ time: 0.004, fNumber: 4.6, iso: null, focalLength: 16.8 });
    expect(await read('exif/exiftool-makernotes/MWG.jpg')).toMatchObject({ rating: 3, favourite: null });
    expect((await read('scenes/skimage/astronaut.png')).exposure).toBeNull();
  });

  it('drops orientation 0, a PHP payload as orientation, and GPS at 0,0', async () => {
    expect((await read('exif/orientation-recurser/Landscape_0.jpg')).orientation).toBeNull();
    expect((await read('exif/orientation-recurser/Landscape_6.jpg')).orientation).toBe(6);
    const php = await read('bad/malicious/fuzzdb__POC_phpinfo-metadata.jpg');
    expect(php.orientation).toBeNull();
    expect(php.width).toBeNull();
    const paris = await read('formats/avif/libavif__paris_icc_exif_xmp.avif');
    expect(paris.gps).toBeNull();
    expect(paris.takenAt).toBe('2022-08-22T20:30:46+02:00');
    expect(paris.camera).toEqual({ make: 'Google', model: 'Pixel 4a', lens: 'Pixel 4a back camera 4.38mm f/1.73' });
  });

  it('merges IPTC and XMP keywords and falls back to XMP dates', async () => {
    const mwg = await read('exif/exiftool-makernotes/MWG.jpg');
    expect(mwg.keywords).toEqual([
      'WRONG1of2-IPTC-Keywords',
      'WRONG2of2-IPTC-Keywords',
      'RIGHT1of2-XMP-Keywords',
      'RIGHT2of2-XMP-Keywords',
    ]);
    const blue = await read('exif/exif-samples/xmp/BlueSquare.jpg');
    expect(blue.takenAt).toBe('2005-09-07T15:07:40-07:00');
    expect(blue.keywords).toContain('Blue Square');
  });

  it('falls back to the file time, and reports unparseable input without throwing', async () => {
    const empty = await readPhotoMetadata(new Uint8Array(0), { fileMtimeMs: Date.UTC(2020, 0, 2, 3, 4, 5) });
    expect(empty).toMatchObject({ takenAt: '2020-01-02T03:04:05.000Z', takenAtSource: 'file', keywords: [] });
    expect(empty.error).toEqual(expect.any(String));
    const gif = await read('formats/gif/exiftool__GIF.gif');
    expect(gif.takenAt).toBeNull();
    expect(gif.error).toMatch(/Unknown file format/);
  });
});

describe('normaliseDate', () => {
  it('accepts EXIF and ISO forms and rejects impossible dates', () => {
    expect(normaliseDate('2008:10:22 16:28:39')).toBe('2008-10-22T16:28:39');
    expect(normaliseDate('2008:10:22 16:28:39', '+02:00')).toBe('2008-10-22T16:28:39+02:00');
    expect(normaliseDate('2005-09-07T15:07:40.123Z')).toBe('2005-09-07T15:07:40Z');
    expect(normaliseDate('0000:00:00 00:00:00')).toBeNull();
    expect(normaliseDate('2021:02:30 10:00:00')).toBeNull();
    expect(normaliseDate('2021:01:01 24:00:00')).toBeNull();
    expect(normaliseDate('<?php phpinfo(); ?>')).toBeNull();
    expect(normaliseDate(20_080_101)).toBeNull();
  });
});
