// Renders resources/icon.svg to the PNG sizes electron-builder needs (512 for macOS and
// Linux, 256 for Windows); it derives .icns and .ico from these. Run after editing the SVG:
// `node scripts/make-icons.mjs`. The PNGs are committed so a build needs no rendering step.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';

const resources = join(import.meta.dirname, '..', 'resources');
const svg = await readFile(join(resources, 'icon.svg'));
for (const size of [512, 256]) {
  const name = size === 512 ? 'icon.png' : `icon-${size}.png`;
  await sharp(svg, { density: 72 * (size / 512) * 2 }).resize(size, size).png().toFile(join(resources, name));
  console.log(`resources/${name}`);
}
