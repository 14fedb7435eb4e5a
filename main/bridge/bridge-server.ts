// Runs in: the bridge process (`clipfolio serve`, plain Node). Serves the API contract to a
// browser on 127.0.0.1: `POST /api/<channel>` with the argument list as JSON answers the
// same result envelope as Electron's IPC (through the same dispatcher), `/events` is a
// WebSocket carrying the contract's events, `/photo/<kind>/<id>` the photo protocol,
// `POST /import?name=&modified=` a dropped file's bytes (bridge-upload.ts), and everything else the
// built renderer. This is how the UI is developed and tested end to
// end where Electron cannot start.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { AppEvents } from '../app/app-events';
import type { Dispatch } from '../ipc/dispatcher';
import { parsePhotoPath, servePhoto } from '../protocol/photo-request';
import type { PhotoSource } from '../protocol/photo-source';
import { contentSecurityPolicy, securityHeaders } from '../protocol/security-headers';
import { serveUi } from '../protocol/ui-request';
import { BRIDGE_IMPORT_PATH, BRIDGE_TOKEN_HEADER } from '../shared/api-contract';
import { checkRequest, cookieName, type AuthVerdict } from './bridge-auth';
import { MAX_UPLOAD_BYTES, receiveUpload } from './bridge-upload';
import { HttpError } from './http-error';

export interface BridgeOptions {
  dispatch: Dispatch;
  events: AppEvents;
  photos: PhotoSource;
  /** The built renderer (out/renderer). */
  rendererDir: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  log: (level: 'info' | 'warn' | 'error', message: string, detail?: unknown) => void;
}

export interface Bridge {
  /** Open this in a browser: it carries the token. */
  url: string;
  origin: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 1024 * 1024;
/** Past this a client is not worth answering politely. */
const MAX_DRAIN_BYTES = 64 * 1024 * 1024;

/** Reads a JSON body up to MAX_BODY_BYTES; a bigger one is drained (so the client hears the 413) and refused. */
function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
      else if (size > MAX_DRAIN_BYTES) req.destroy();
    });
    req.on('end', () => {
      if (size > MAX_BODY_BYTES) reject(new HttpError(413, 'request body too large'));
      else resolve(Buffer.concat(chunks).toString('utf8'));
    });
    req.on('error', reject);
  });
}

async function send(res: ServerResponse, response: Response, extra: Record<string, string> = {}): Promise<void> {
  const body = Buffer.from(await response.arrayBuffer());
  res.writeHead(response.status, { ...Object.fromEntries(response.headers), ...extra });
  res.end(body);
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(body);
}

function sendText(res: ServerResponse, status: number, message: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' });
  res.end(message);
}

export async function startBridge(options: BridgeOptions): Promise<Bridge> {
  const token = randomBytes(32).toString('base64url');
  const sockets = new WebSocketServer({ noServer: true, maxPayload: 4096 });
  let port = 0;

  const verdict = (req: IncomingMessage, url: URL): AuthVerdict => {
    const header = req.headers[BRIDGE_TOKEN_HEADER];
    return checkRequest(
      {
        host: req.headers.host,
        origin: req.headers.origin,
        tokenHeader: Array.isArray(header) ? header[0] : header,
        tokenQuery: url.searchParams.get('token'),
        cookie: req.headers.cookie,
      },
      port,
      token,
    );
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://bridge.invalid');
    const auth = verdict(req, url);
    if (!auth.ok) {
      options.log('warn', `bridge refused ${req.method} ${url.pathname}: ${auth.reason}`);
      sendText(res, auth.status, auth.reason);
      return;
    }
    const api = /^\/api\/([^/]+)$/.exec(url.pathname);
    if (api?.[1]) {
      if (req.method !== 'POST') throw new HttpError(405, 'API calls are POST');
      if (!req.headers['content-type']?.startsWith('application/json')) throw new HttpError(415, 'send JSON');
      let args: unknown;
      try {
        args = JSON.parse(await readBody(req));
      } catch (err) {
        if (err instanceof HttpError) throw err;
        sendJson(res, 400, { ok: false, error: { code: 'INVALID_ARGUMENT', message: 'the body is not valid JSON' } });
        return;
      }
      sendJson(res, 200, await options.dispatch(decodeURIComponent(api[1]), args));
      return;
    }
    if (url.pathname === BRIDGE_IMPORT_PATH) {
      if (req.method !== 'POST') throw new HttpError(405, 'uploads are POST');
      // Not a type a plain form can send, so a cross-site page cannot even try without a preflight.
      if (req.headers['content-type'] !== 'application/octet-stream') throw new HttpError(415, 'send application/octet-stream');
      const name = url.searchParams.get('name');
      if (!name || name.length > 1000) throw new HttpError(400, 'name the file: ?name=<file name>');
      const modified = Number(url.searchParams.get('modified') ?? NaN);
      if (Number(req.headers['content-length']) > MAX_UPLOAD_BYTES) throw new HttpError(413, `a file may have at most ${MAX_UPLOAD_BYTES} bytes`);
      const file = { name, modifiedMs: Number.isSafeInteger(modified) && modified > 0 ? modified : null };
      sendJson(res, 200, await receiveUpload(req, file, options.dispatch));
      return;
    }
    if (url.pathname.startsWith('/photo/')) {
      await send(res, await servePhoto(parsePhotoPath(url.pathname), options.photos, req.method));
      return;
    }
    const headers = securityHeaders(contentSecurityPolicy([`ws://${req.headers.host ?? ''}`]));
    // The first page load carries the token in its URL; the cookie lets the page's own
    // scripts, styles and <img> requests through without it.
    const cookie = auth.fromQuery
      ? { 'Set-Cookie': `${cookieName(port)}=${token}; HttpOnly; SameSite=Strict; Path=/` }
      : undefined;
    await send(res, await serveUi(options.rendererDir, url.pathname, headers, req.method), cookie);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      const status = err instanceof HttpError ? err.status : 500;
      if (status === 500) options.log('error', `bridge failed on ${req.method} ${req.url}`, err);
      if (!res.headersSent) sendText(res, status, status === 500 ? 'internal error' : (err as Error).message);
      else res.destroy();
    });
  });

  const clients = new Set<WebSocket>();
  const unsubscribe = options.events.subscribe((message) => {
    const data = JSON.stringify(message);
    for (const client of clients) client.send(data);
  });

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://bridge.invalid');
    const auth = verdict(req, url);
    if (url.pathname !== '/events' || !auth.ok) {
      const status = auth.ok ? 404 : auth.status;
      socket.end(`HTTP/1.1 ${status} ${status === 404 ? 'Not Found' : 'Refused'}\r\nConnection: close\r\n\r\n`);
      return;
    }
    sockets.handleUpgrade(req, socket, head, (ws) => {
      clients.add(ws);
      ws.on('close', () => clients.delete(ws));
      // Events flow one way; anything the browser sends is ignored.
      ws.on('message', () => undefined);
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;

  return {
    url: `${origin}/?token=${token}`,
    origin,
    port,
    token,
    close: async () => {
      unsubscribe();
      for (const client of clients) client.terminate();
      sockets.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
