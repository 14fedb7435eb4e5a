// Runs in: the Electron main process, but plain Node (no electron import) so it is tested
// directly. The main window's size, position and maximised state, remembered in
// <userData>/window-state.json. A position that no longer lies on any display (a monitor
// was unplugged) is dropped, so the window never reopens out of sight.
import { join } from 'node:path';
import { z } from 'zod';
import { readJsonFile, writeJsonFile } from '../app/json-file';

export const WINDOW_STATE_FILE = 'window-state.json';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

const stateSchema = z.object({
  x: z.number().int().optional(),
  y: z.number().int().optional(),
  width: z.number().int().min(480).max(16384),
  height: z.number().int().min(360).max(16384),
  maximized: z.boolean(),
});

export type WindowState = z.infer<typeof stateSchema>;

export const DEFAULT_WINDOW_STATE: WindowState = { width: 1280, height: 820, maximized: false };

/** How much of the window's title bar must be on a display for the position to be kept. */
const MIN_VISIBLE = 64;

export function fitToDisplays(state: WindowState, workAreas: readonly Rect[]): WindowState {
  const { x, y } = state;
  if (x === undefined || y === undefined) return state;
  const visible = workAreas.some(
    (a) =>
      x + state.width - MIN_VISIBLE >= a.x &&
      x + MIN_VISIBLE <= a.x + a.width &&
      y >= a.y &&
      y + MIN_VISIBLE <= a.y + a.height,
  );
  if (visible) return state;
  return { width: state.width, height: state.height, maximized: state.maximized };
}

export async function loadWindowState(
  userDataDir: string,
  workAreas: readonly Rect[],
  onInvalid: (why: string) => void,
): Promise<WindowState> {
  const stored = await readJsonFile(join(userDataDir, WINDOW_STATE_FILE), stateSchema, onInvalid);
  return fitToDisplays(stored ?? DEFAULT_WINDOW_STATE, workAreas);
}

export async function saveWindowState(userDataDir: string, bounds: Rect, maximized: boolean): Promise<void> {
  const state: WindowState = { ...bounds, maximized };
  await writeJsonFile(join(userDataDir, WINDOW_STATE_FILE), stateSchema.parse(state));
}
