// Runs in: the bridge process (plain Node). A file dropped on the page in a browser: the
// browser never says where the file lives, so the page uploads its bytes instead. The bridge
// streams them, up to a size limit, into a private temporary folder under a safe form of
// the file's name, then imports that file with the contract's own 'library:importPaths', so
// an upload is judged exactly like a desktop drop (sniffed, copied atomically into the import
// folder) and the temporary copy is deleted whatever happens. The browser's last-modified
// time of the file comes along, so a photo without a date of its own keeps the file's.
import { mkdtemp, open, rm, utimes } from 'node:fs/promises';
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

export interface UploadedFile {
  name: string;
  /** The file's last-modified time as the browser knows it (ms since 1970), if it said. */
  modifiedMs: number | null;
}

export async function receiveUpload(
  body: AsyncIterable<Uint8Array>,
  file: UploadedFile,
  dispatch: Dispatch,
  maxBytes = MAX_UPLOAD_BYTES,
): Promise<Result<unknown>> {
  const dir = await mkdtemp(join(tmpdir(), 'clipfolio-upload-'));
  try {
    const staged = join(dir, safeFileName(file.name));
    await writeLimited(body, staged, maxBytes);
    if (file.modifiedMs !== null) await utimes(staged, new Date(), new Date(file.modifiedMs));
    return await dispatch('library:importPaths', [[staged]]);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
