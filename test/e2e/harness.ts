// Runs in: vitest (forked process). The end-to-end harness: a generated library of coloured
// photos, the real `clipfolio serve` (bridge + app service + inference worker) on it with the
// generated known-answer model, and headless Debian Chromium driven by playwright-core.
// Screenshots go to test-results/e2e/ (gitignored) for a person to look at.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import sharp from 'sharp';

export const REPO_ROOT = path.resolve(import.meta.dirname, '..', '..');
export const SCREENSHOT_DIR = path.join(REPO_ROOT, 'test-results', 'e2e');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Colour photos: with the known-answer model, red/green/blue photos answer those words. */
export const COLOURS = {
  red: [[230, 20, 20], [250, 0, 10], [200, 10, 30], [240, 30, 0]],
  green: [[20, 220, 30], [0, 250, 0], [30, 190, 20]],
  blue: [[10, 30, 230], [0, 0, 250], [20, 20, 200]],
  grey: [[60, 60, 60], [70, 65, 60]],
} as const;
export type Colour = keyof typeof COLOURS;
export type Shades = Partial<Record<Colour, readonly (readonly number[])[]>>;

export interface PhotoLibrary {
  dir: string;
  photosDir: string;
  /** File name -> colour. */
  colourOf: Map<string, Colour>;
  count: number;
}

/**
 * Writes the coloured JPEGs in two sub-folders, dated over three months (file times, as
 * the photos carry no date of their own) and with a camera in half of them, plus one file
 * that is not a photo at all so the failed list has something to show.
 */
export async function makePhotoLibrary(root: string, colours: Shades = COLOURS): Promise<PhotoLibrary> {
  const photosDir = path.join(root, 'photos');
  const colourOf = new Map<string, Colour>();
  let i = 0;
  for (const [colour, shades] of Object.entries(colours) as [Colour, readonly (readonly number[])[]][]) {
    for (const [s, [r = 0, g = 0, b = 0]] of shades.entries()) {
      const folder = path.join(photosDir, i % 2 === 0 ? 'trip' : 'home');
      await mkdir(folder, { recursive: true });
      const name = `${colour}-${s + 1}.jpg`;
      const file = path.join(folder, name);
      const image = sharp({ create: { width: 96, height: 72, channels: 3, background: { r, g, b } } });
      await (i % 2 === 0 ? image.withExif({ IFD0: { Make: 'Canon', Model: 'Canon EOS R5' } }) : image).jpeg().toFile(file);
      // Three months across a new year, so the year filter chips have two years to offer.
      const when = new Date(Date.UTC(2023, 11 + (i % 3), 3 + i, 12));
      await utimes(file, when, when);
      colourOf.set(name, colour);
      i += 1;
    }
  }
  await writeFile(path.join(photosDir, 'home', 'broken.jpg'), Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(64, 7)]));
  return { dir: root, photosDir, colourOf, count: i };
}

/** A folder per colour (`<root>/labelled/red/…`) of `copies` photos of each shade: a labelled tree for model comparison. */
export async function makeLabelledTree(root: string, copies: number, colours: Shades = COLOURS): Promise<string> {
  const tree = path.join(root, 'labelled');
  for (const [colour, shades] of Object.entries(colours) as [Colour, readonly (readonly number[])[]][]) {
    await mkdir(path.join(tree, colour), { recursive: true });
    for (const [s, [r = 0, g = 0, b = 0]] of shades.entries()) {
      for (let c = 0; c < copies; c++) {
        // A pixel of noise per copy, so no two files are the same photo.
        const image = sharp({ create: { width: 64, height: 48, channels: 3, background: { r: Math.max(0, r - c), g, b } } });
        await image.jpeg().toFile(path.join(tree, colour, `${colour}-${s}-${c}.jpg`));
      }
    }
  }
  return tree;
}

/** Builds the renderer and the rest once per run, the way `clipfolio serve` expects to find it. */
export function buildUi(): void {
  execFileSync(process.execPath, [path.join(REPO_ROOT, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], {
    cwd: REPO_ROOT,
    stdio: 'pipe',
  });
}

export interface Server {
  url: string;
  home: string;
  output: () => string;
  stop(): Promise<void>;
}

/** Starts `clipfolio serve` on a free port with its own data folder; resolves with the URL it prints. */
export async function startServe(options: { libraryDir: string; modelDir?: string; home: string; env?: Record<string, string> }): Promise<Server> {
  const args = [path.join(REPO_ROOT, 'bin', 'clipfolio.mjs'), 'serve', '--library', options.libraryDir, '--port', '0'];
  if (options.modelDir) args.push('--model', options.modelDir);
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: REPO_ROOT,
    env: { ...process.env, CLIPFOLIO_HOME: options.home, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      log += chunk.toString();
      const match = /Clipfolio is at (\S+)/.exec(log);
      if (match?.[1]) resolve(match[1]);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    void exited.then((code) => reject(new Error(`clipfolio serve exited (${code}) before printing its URL:\n${log}`)));
  });
  return {
    url,
    home: options.home,
    output: () => log,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu'] });
}

export async function newPage(browser: Browser, url: string, colorScheme: 'light' | 'dark' = 'light'): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme });
  const page = await context.newPage();
  page.on('pageerror', (err) => {
    throw err;
  });
  await page.goto(url);
  return page;
}

export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

export async function tempDir(prefix: string): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}
