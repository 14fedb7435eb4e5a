// Runs in: main process and the bridge (plain Node). Thumbnails and full-size photos by
// catalog id: `clipfolio-photo://thumb/<id>` and `clipfolio-photo://full/<id>` in the desktop
// app, `/photo/thumb/<id>` and `/photo/full/<id>` from the bridge. The id must have the
// catalog's exact form and be in the catalog; the file served is the one the catalog (or
// the thumbnail cache) names for it, so no part of a URL ever becomes part of a path.
import { isId } from '../library/photo-id';
import { refusal, fileResponse } from './file-response';
import type { PhotoSource } from './photo-source';
import { PHOTO_SCHEME, type PhotoKind } from '../shared/api-contract';

/** Formats Chromium shows as they are; others are shown by their thumbnail. */
const DISPLAYABLE: Record<string, string> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  avif: 'image/avif',
  bmp: 'image/bmp',
};

const HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Cache-Control': 'private, max-age=3600',
};

export interface PhotoRef {
  kind: PhotoKind;
  id: string;
}

function photoRef(kind: string, id: string): PhotoRef | null {
  if ((kind !== 'thumb' && kind !== 'full') || !isId(id)) return null;
  return { kind, id };
}

/** `clipfolio-photo://<kind>/<id>`, nothing more: no query, no extra segments. */
export function parsePhotoSchemeUrl(url: string): PhotoRef | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== `${PHOTO_SCHEME}:` || parsed.search || parsed.hash || parsed.username) return null;
  const match = /^\/([^/]+)$/.exec(parsed.pathname);
  return match?.[1] ? photoRef(parsed.hostname, match[1]) : null;
}

/** The bridge's `/photo/<kind>/<id>` path (already split from its query). */
export function parsePhotoPath(pathname: string): PhotoRef | null {
  const match = /^\/photo\/([^/]+)\/([^/]+)$/.exec(pathname);
  return match?.[1] && match[2] ? photoRef(match[1], match[2]) : null;
}

export async function servePhoto(ref: PhotoRef | null, source: PhotoSource, method = 'GET'): Promise<Response> {
  if (method !== 'GET' && method !== 'HEAD') return refusal(405, 'only GET', HEADERS);
  if (!ref) return refusal(400, 'malformed photo URL', HEADERS);
  if (ref.kind === 'thumb') {
    const path = await source.thumbnailPath(ref.id);
    return path ? fileResponse(path, 'image/webp', HEADERS) : refusal(404, 'unknown photo', HEADERS);
  }
  const original = source.original(ref.id);
  if (!original) return refusal(404, 'unknown photo', HEADERS);
  const type = original.format ? DISPLAYABLE[original.format] : undefined;
  if (!type) return refusal(415, `${original.format ?? 'this'} photo cannot be shown full size; use its thumbnail`, HEADERS);
  return fileResponse(original.path, type, HEADERS);
}
