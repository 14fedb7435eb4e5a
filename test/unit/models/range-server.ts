// Test helper: a real HTTP server on 127.0.0.1 serving fixed bytes per path, with optional
// Range support and an optional first response that is cut off after some bytes.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RangeServerOptions {
  files: Record<string, Uint8Array>;
  /** Answer Range requests with 206 (default) or ignore them and send 200. */
  supportRange?: boolean;
  /** Destroy the socket of the very first response after this many body bytes. */
  dropFirstResponseAfter?: number;
}

export interface ServedRequest {
  path: string;
  range: string | undefined;
  status: number;
}

export interface RangeServer {
  baseUrl: string;
  requests: ServedRequest[];
  close(): Promise<void>;
}

export async function startRangeServer(options: RangeServerOptions): Promise<RangeServer> {
  const requests: ServedRequest[] = [];
  const server = http.createServer((req, res) => {
    const first = requests.length === 0;
    const urlPath = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname.slice(1));
    const body = options.files[urlPath];
    const record = (status: number) => requests.push({ path: urlPath, range: req.headers.range, status });
    if (!body) {
      record(404);
      res.writeHead(404).end();
      return;
    }
    const range = options.supportRange === false ? null : /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
    let start = 0;
    if (range) {
      start = Number(range[1]);
      if (start >= body.length) {
        record(416);
        res.writeHead(416, { 'content-range': `bytes */${body.length}` }).end();
        return;
      }
      record(206);
      res.writeHead(206, {
        'content-length': body.length - start,
        'content-range': `bytes ${start}-${body.length - 1}/${body.length}`,
      });
    } else {
      record(200);
      res.writeHead(200, { 'content-length': body.length });
    }
    const rest = body.subarray(start);
    if (first && options.dropFirstResponseAfter !== undefined) {
      res.write(rest.subarray(0, options.dropFirstResponseAfter), () => res.destroy());
      return;
    }
    res.end(rest);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}

/** Deterministic, incompressible-looking bytes. */
export function generatedBytes(length: number, seed = 1): Uint8Array {
  const bytes = new Uint8Array(length);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    bytes[i] = x & 0xff;
  }
  return bytes;
}
