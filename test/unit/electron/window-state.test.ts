// Window state on disk: remembered, validated, and never restored off-screen.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import {
  DEFAULT_WINDOW_STATE,
  fitToDisplays,
  loadWindowState,
  saveWindowState,
  WINDOW_STATE_FILE,
} from '../../../main/electron/window-state';

const screen = [{ x: 0, y: 0, width: 1920, height: 1080 }];
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'clipfolio-window-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

it('starts with the default size and remembers bounds and maximised state', async () => {
  expect(await loadWindowState(dir, screen, () => undefined)).toEqual(DEFAULT_WINDOW_STATE);
  await saveWindowState(dir, { x: 100, y: 80, width: 1000, height: 700 }, true);
  expect(await loadWindowState(dir, screen, () => undefined)).toEqual({ x: 100, y: 80, width: 1000, height: 700, maximized: true });
});

it('falls back to defaults for a broken or hand-edited file, and says why', async () => {
  const why: string[] = [];
  await writeFile(path.join(dir, WINDOW_STATE_FILE), '{"width": 5, "height": "tall"');
  expect(await loadWindowState(dir, screen, (w) => why.push(w))).toEqual(DEFAULT_WINDOW_STATE);
  await writeFile(path.join(dir, WINDOW_STATE_FILE), JSON.stringify({ width: 5, height: 99999, maximized: 'yes' }));
  expect(await loadWindowState(dir, screen, (w) => why.push(w))).toEqual(DEFAULT_WINDOW_STATE);
  expect(why).toHaveLength(2);
});

it('drops a position that is on no display, keeping the size', () => {
  const state = { x: 3000, y: 200, width: 900, height: 600, maximized: false };
  expect(fitToDisplays(state, screen)).toEqual({ width: 900, height: 600, maximized: false });
  expect(fitToDisplays({ ...state, x: 100, y: -500 }, screen)).toEqual({ width: 900, height: 600, maximized: false });
  const second = [...screen, { x: 1920, y: 0, width: 2560, height: 1440 }];
  expect(fitToDisplays(state, second)).toEqual(state);
});

it('refuses to write an invalid state', async () => {
  await expect(saveWindowState(dir, { x: 0, y: 0, width: Number.NaN, height: 700 }, false)).rejects.toThrow();
  await expect(readFile(path.join(dir, WINDOW_STATE_FILE))).rejects.toThrow();
});
