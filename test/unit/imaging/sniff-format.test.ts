// Checks that formats are judged by content: real files from the corpus, including files
// saved under a misleading name, and the header bytes of formats we refuse.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { jpegSamplePrecision, sniffImageFormat } from '../../../main/imaging/sniff-format';

const images = path.resolve(process.cwd(), '../shared/testdata/images');
const read = (relative: string) => readFileSync(path.join(images, relative));

describe('sniffImageFormat', () => {
  it.each([
    ['bad/wrong-ext/png-named.jpg', 'png'],
    ['bad/wrong-ext/webp-named.jpg', 'webp'],
    ['bad/wrong-ext/tiff-named.jpg', 'tiff'],
    ['bad/wrong-ext/bmp-named.jpg', 'bmp'],
    ['bad/wrong-ext/jpeg-named.png', 'jpeg'],
    ['bad/wrong-ext/gif-named.png', 'gif'],
    ['bad/wrong-ext/avif-named.heic', 'avif'],
    ['bad/wrong-ext/heic-named.jpg', 'heic'],
    ['bad/wrong-ext/jpeg-no-extension', 'jpeg'],
    ['bad/wrong-ext/text-named.jpg', null],
    ['formats/heic/exif-samples__iphone_13_pro_max.HEIC', 'heic'],
    ['formats/avif/libavif__kodim03_yuv420_8bpc.avif', 'avif'],
    ['formats/tiff/pillow__hopper_bigtiff.tif', 'tiff'],
    ['formats/raw/exiftool__DNG.dng', 'dng'],
    ['formats/raw/exiftool__CanonRaw.cr2', 'raw'],
    ['formats/raw/exiftool__CanonRaw.cr3', 'raw'],
    ['formats/raw/exiftool__Nikon.nef', 'raw'],
    ['formats/raw/exiftool__FujiFilm.raf', 'raw'],
    ['formats/raw/exiftool__Panasonic.rw2', 'raw'],
    ['formats/jxl/exiftool__JXL2.jxl', 'jxl'],
    ['bad/unsupported/exiftool__JXL.jxl', 'jxl'],
    ['bad/unsupported/libvips__favicon.ico', 'ico'],
    ['bad/unsupported/libvips__world.jp2', 'jp2'],
    ['bad/unsupported/libvips__targa.tga', 'tga'],
    ['bad/unsupported/libvips__sample.hdr', 'hdr'],
    ['bad/unsupported/libvips__silicongraphics.sgi', 'sgi'],
    ['bad/unsupported/bmpsuite-good__rgb24.bmp', 'bmp'],
  ])('%s is %s', (file, expected) => {
    expect(sniffImageFormat(read(file))).toBe(expected);
  });

  it('names nothing for empty or tiny buffers', () => {
    expect(sniffImageFormat(Buffer.alloc(0))).toBeNull();
    expect(sniffImageFormat(Buffer.from([0xff]))).toBeNull();
  });

  it('recognises documents and drawings so they can be refused by name', () => {
    expect(sniffImageFormat(Buffer.from('%PDF-1.7\n'))).toBe('pdf');
    expect(sniffImageFormat(Buffer.from('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBe('svg');
    expect(sniffImageFormat(Buffer.from('8BPS\0\x01'))).toBe('psd');
  });
});

describe('jpegSamplePrecision', () => {
  it('reads 8 and 12 bits from real files', () => {
    expect(jpegSamplePrecision(read('formats/jpeg/libvips__sample.jpg'))).toBe(8);
    expect(jpegSamplePrecision(read('formats/jpeg/libjpeg-turbo__monkey12.jpg'))).toBe(12);
  });

  it('gives null for a header without a frame', () => {
    expect(jpegSamplePrecision(Buffer.from([0xff, 0xd8, 0xff, 0xd9]))).toBeNull();
  });
});
