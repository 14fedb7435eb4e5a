// Runs in: test processes. Makes distinct photo files for the indexing tests: seeded noise
// over a colour, so every seed gives different bytes (and a different hash) and the same
// seed gives the same bytes on every run.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';

export async function writeNoisePhoto(file: string, seed: number, width = 320, height = 240): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const data = Buffer.alloc(width * height * 3);
  let state = (seed * 2654435761) >>> 0 || 1;
  const base = [(seed * 53) % 256, (seed * 97) % 256, (seed * 193) % 256];
  for (let i = 0; i < data.length; i++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    data[i] = ((base[i % 3] ?? 0) + ((state >>> 0) % 64)) % 256;
  }
  await sharp(data, { raw: { width, height, channels: 3 } }).jpeg({ quality: 85 }).toFile(file);
}
