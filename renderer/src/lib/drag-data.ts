// Runs in: the renderer (pure). The drag data type photos carry from the grid to the
// sidebar, and its reading, so drag source and drop targets agree on one format.

export const PHOTO_DRAG_TYPE = 'application/x-clipfolio-photos';

/** Photo ids from a drag's data, or null when the drag carries none (e.g. files from the OS). */
export function readPhotoIds(data: string): string[] | null {
  if (!data) return null;
  try {
    const parsed: unknown = JSON.parse(data);
    return Array.isArray(parsed) && parsed.every((id) => typeof id === 'string') ? parsed : null;
  } catch {
    return null;
  }
}
