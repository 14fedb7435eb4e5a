// Runs in: main process and the bridge (plain Node). Fetch-API responses for files and
// refusals, the form both Electron's protocol.handle and the bridge's HTTP server consume.
import { readFile } from 'node:fs/promises';

export function refusal(status: 400 | 403 | 404 | 405 | 415, message: string, headers: Record<string, string> = {}): Response {
  return new Response(message, { status, headers: { ...headers, 'Content-Type': 'text/plain; charset=utf-8' } });
}

/** The file's bytes, or a 404 when it is gone or is not a regular file. */
export async function fileResponse(path: string, contentType: string, headers: Record<string, string>): Promise<Response> {
  let body: Buffer;
  try {
    body = await readFile(path);
  } catch {
    return refusal(404, 'not found', headers);
  }
  return new Response(new Uint8Array(body), {
    status: 200,
    headers: { ...headers, 'Content-Type': contentType, 'Content-Length': String(body.byteLength) },
  });
}
