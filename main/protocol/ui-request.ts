// Runs in: main process and the bridge (plain Node). Serves the built renderer (out/renderer)
// to the app's own scheme and to the bridge, with the CSP as a response header. A request
// path is decoded once and refused if it could leave the folder: '..' or '.' segments,
// backslashes, NUL, or a symlink that resolves outside. Only files inside are ever read.
import { realpath } from 'node:fs/promises';
import { extname, isAbsolute, relative, resolve, sep } from 'node:path';
import { fileResponse, refusal } from './file-response';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
};

function inside(root: string, target: string): boolean {
  const rel = relative(root, target);
  return rel !== '' && !rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel);
}

/** The file under `rootDir` a URL path names, or why it names none. */
export async function resolveUiPath(rootDir: string, pathname: string): Promise<{ file: string } | { status: 400 | 403 | 404 }> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return { status: 400 };
  }
  if (!decoded.startsWith('/') || decoded.includes('\0') || decoded.includes('\\')) return { status: 400 };
  const segments = decoded.split('/').slice(1);
  if (segments.some((s) => s === '..' || s === '.')) return { status: 403 };
  const wanted = decoded === '/' ? 'index.html' : segments.join('/');
  const root = await realpath(rootDir).catch(() => null);
  if (!root) return { status: 404 };
  const target = resolve(root, wanted);
  if (!inside(root, target)) return { status: 403 };
  const real = await realpath(target).catch(() => null);
  if (!real) return { status: 404 };
  if (!inside(root, real)) return { status: 403 };
  return { file: real };
}

export async function serveUi(rootDir: string, pathname: string, headers: Record<string, string>, method = 'GET'): Promise<Response> {
  if (method !== 'GET' && method !== 'HEAD') return refusal(405, 'only GET', headers);
  const found = await resolveUiPath(rootDir, pathname);
  if ('status' in found) return refusal(found.status, found.status === 404 ? 'not found' : 'refused', headers);
  const type = CONTENT_TYPES[extname(found.file).toLowerCase()] ?? 'application/octet-stream';
  return fileResponse(found.file, type, headers);
}
