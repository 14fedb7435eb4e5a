// Runs in: the bridge process (plain Node). A file dropped on the page in a browser: the
// browser never says where the file lives, so the page uploads its bytes instead. The bridge
// streams them, up to a size limit, into a private temporary folder under a safe form of
// the file's name, then imports that file with the contract's own 'library:importPaths', so
// an upload is judged exactly like a desktop drop (sniffed, copied atomically into the import
// folder) and the temporary copy is deleted whatever happens.
import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { safeFileName } from '../app/photo-import';
import type { Dispatch } from '../ipc/dispatcher';
import type { Result } from '../shared/api-contract';
import { HttpError } from './http-error';

/** Camera RAWs reach 100-200 MB; this leaves room while refusing what no photo is. */
export const MAX_UPLOAD_BYTES = 1024 * 1024 * 1024;

/** Writes `body` to `file`, refusing it once it passes `maxBytes`. */
async function writeLimited(body: AsyncIterable<Uint8Array>, file: string, maxBytes: number): Promise<void> {
  const handle = await open(file, 'wx', 0o600);
  try {
    let size = 0;
    for await (const chunk of body) {
      size += chunk.byteLength;
      if (size > maxBytes) throw new HttpError(413, `a file may have at most ${maxBytes} bytes`);
      await handle.write(chunk);
    }
  } finally {
    await handle.close();
  }
}

export async function receiveUpload(
  body: AsyncIterable<Uint8Array>,
  name: string,
  dispatch: Dispatch,
  maxBytes = MAX_UPLOAD_BYTES,
): Promise<Result<unknown>> {
  const dir = await mkdtemp(join(tmpdir(), 'clipfolio-upload-'));
  try {
    const file = join(dir, safeFileName(name));
    await writeLimited(body, file, maxBytes);
    return await dispatch('library:importPaths', [[file]]);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
