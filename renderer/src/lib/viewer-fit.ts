// Runs in: the renderer (pure, no React). Where the viewer puts a photo the user turned: CSS
// turns an image without moving what is around it, so the viewer lays out a box of the
// turned photo's size and turns the image inside it. Fit is the largest size that shows all
// of it (never above its own pixels); zoom multiplies that.

export interface Size {
  width: number;
  height: number;
}

export interface TurnedFit {
  /** The turned photo's footprint: what the stage lays out and scrolls. */
  box: Size;
  /** The image's own size before it is turned. */
  image: Size;
  /** Screen pixels per photo pixel. */
  scale: number;
}

export function fitTurned(natural: Size, area: Size, rotation: number, zoom: number): TurnedFit {
  const turned = rotation % 180 !== 0;
  const shown = turned ? { width: natural.height, height: natural.width } : natural;
  const fit = Math.min(1, area.width / Math.max(1, shown.width), area.height / Math.max(1, shown.height));
  const scale = Math.max(0, fit) * zoom;
  return {
    box: { width: shown.width * scale, height: shown.height * scale },
    image: { width: natural.width * scale, height: natural.height * scale },
    scale,
  };
}
