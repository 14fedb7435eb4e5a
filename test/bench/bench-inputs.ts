// Runs in: the benchmark process. The benchmark's inputs, made once into .cache: the bench
// model (real ViT-B/32 graph, random weights, from ../shared/tools) and JPEGs at camera
// (12 MP) and 1080p sizes, made from real photos with sensor-like noise so that they
// compress and decode like camera files rather than like smooth upscales.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';

export const CACHE_DIR = path.resolve(process.cwd(), '.cache');
const SHARED_DIR = path.resolve(process.cwd(), '../shared');

export function ensureBenchModel(): string {
  const dir = path.join(CACHE_DIR, 'bench-model');
  execFileSync(path.join(SHARED_DIR, 'tools/bench-model/make-bench-model'), [dir], { stdio: 'inherit' });
  return dir;
}

export interface JpegSet {
  name: string;
  files: string[];
}

async function noisyJpeg(source: string, width: number, height: number, out: string, seed: number): Promise<void> {
  const { data, info } = await sharp(source).rotate().resize(width, height, { fit: 'cover' }).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  // A small deterministic generator: the files are the same on every machine and run.
  let state = seed >>> 0 || 1;
  for (let i = 0; i < data.length; i++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    data[i] = Math.min(255, Math.max(0, (data[i] ?? 0) + ((state >>> 0) % 13) - 6));
  }
  await sharp(data, { raw: { width: info.width, height: info.height, channels: 3 } }).jpeg({ quality: 92 }).toFile(out);
}

export async function ensureJpegSet(name: string, width: number, height: number, count: number): Promise<JpegSet> {
  const dir = path.join(CACHE_DIR, 'bench-images', name);
  await mkdir(dir, { recursive: true });
  const scenes = path.join(SHARED_DIR, 'testdata/images/scenes');
  const sources = (await readdir(scenes, { recursive: true }))
    .filter((f) => /\.(jpe?g|png)$/i.test(f))
    .sort()
    .map((f) => path.join(scenes, f));
  const files: string[] = [];
  for (let i = 0; i < count; i++) {
    const out = path.join(dir, `${String(i).padStart(4, '0')}.jpg`);
    if (!existsSync(out)) await noisyJpeg(sources[i % sources.length] ?? '', width, height, out, i + 1);
    files.push(out);
  }
  return { name, files };
}
