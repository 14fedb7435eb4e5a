// Runs in: the renderer (pure). Whether the grid is being flicked past faster than anyone can
// look at a photo. During a flick the grid shows placeholders and asks for no thumbnails:
// each one costs the bridge a file read, the browser a decode and a raster, on the same few
// cores that have to draw the next frame, for a tile that is gone a few frames later.

/** 2,000 px/s, about two and a half screens a second; wheel and keyboard browsing stay below it. */
export const FLICK_PX_PER_MS = 2;

/** How long after the last fast scroll step the grid counts as settled and loads what it shows. */
export const SETTLE_MS = 150;

export function isFlick(distancePx: number, elapsedMs: number): boolean {
  // Two scroll events in one frame carry no speed of their own; the next one will.
  if (elapsedMs <= 0) return false;
  return Math.abs(distancePx) / elapsedMs > FLICK_PX_PER_MS;
}
