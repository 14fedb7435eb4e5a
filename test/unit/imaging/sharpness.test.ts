// Unit tests for the focus measure that picks the sharpest of near-duplicates: a real photo
// measures sharper than the same photo blurred, and a flat image measures nothing.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import sharp from 'sharp';
import { expect, it } from 'vitest';
import { sharpness } from '../../../main/imaging/sharpness';

const cat = resolve(process.cwd(), '../shared/testdata/images/scenes/skimage/chelsea.png');

it('measures a photo sharper than its blurred copy, and a flat image as nothing', async () => {
  const original = await readFile(cat);
  const blurred = await sharp(original).blur(3).png().toBuffer();
  const flat = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#808080' } }).png().toBuffer();
  expect(await sharpness(original)).toBeGreaterThan(2 * (await sharpness(blurred)));
  expect(await sharpness(flat)).toBeCloseTo(0, 5);
});
