// Checks the hand-applied EXIF orientation against sharp's own autoOrient on the same
// pixels tagged with each orientation 1..8, pixel for pixel.
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { orientationOps } from '../../../main/imaging/orientation-ops';

const width = 6;
const height = 4;
// Every pixel different, so any wrong rotation or mirror shows.
const pixels = Buffer.from(Array.from({ length: width * height * 3 }, (_, i) => (i * 11) % 256));
const raw = { raw: { width, height, channels: 3 as const } };

describe('orientationOps', () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8])('orientation %i matches sharp autoOrient', async (orientation) => {
    const tagged = await sharp(pixels, raw).withMetadata({ orientation }).png().toBuffer();
    const expected = await sharp(tagged, { autoOrient: true }).raw().toBuffer({ resolveWithObject: true });
    const actual = await orientationOps(orientation)(sharp(pixels, raw)).raw().toBuffer({ resolveWithObject: true });
    expect(actual.info).toMatchObject({ width: expected.info.width, height: expected.info.height });
    expect(actual.data.equals(expected.data)).toBe(true);
  });
});
