// Runs in: the renderer (pure). The drag data types the UI's own drags carry (photos from the
// grid to the sidebar, an album within the albums list) and their reading, so drag sources
// and drop targets agree on one format and a target can tell the kinds apart.

export const PHOTO_DRAG_TYPE = 'application/x-clipfolio-photos';
/** An album being reordered; its data is the album's id. */
export const ALBUM_DRAG_TYPE = 'application/x-clipfolio-album';

export type DragKind = 'photos' | 'album' | 'files';

/** What a drag carries, from its types alone: during dragover the data itself cannot be read. */
export function dragKind(types: readonly string[]): DragKind | null {
  if (types.includes(PHOTO_DRAG_TYPE)) return 'photos';
  if (types.includes(ALBUM_DRAG_TYPE)) return 'album';
  if (types.includes('Files')) return 'files';
  return null;
}

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
