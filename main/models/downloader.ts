// Runs in: main. Downloads one large file (a model graph can be gigabytes) so that an
// interrupted download resumes where it stopped and a file only appears under its final
// name once its size and hash are verified: dest.part is written, then renamed.

import { createHash } from 'node:crypto';
import type { Hash } from 'node:crypto';
import { mkdir, open, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ClipfolioError, errorMessage } from '../shared/errors';
import { updateHashFromFile } from '../library/content-hash';
import { commitTempFile, fsyncFile } from '../library/durable-file';

export interface DownloadProgress {
  /** The destination path. */
  file: string;
  /** Bytes on disk so far, including those of an earlier, resumed attempt. */
  receivedBytes: number;
  /** null when neither the manifest nor the server says. */
  totalBytes: number | null;
  /** Over the current request only, so a resume does not look infinitely fast. */
  bytesPerSecond: number;
}

export interface DownloadFileOptions {
  url: string;
  dest: string;
  expectedSize?: number | null;
  /** Lowercase hex; null or absent when unknown (the computed hash is still returned). */
  sha256?: string | null;
  onProgress?: (progress: DownloadProgress) => void;
  signal?: AbortSignal;
  fetchImpl?: typeof fetch;
  /** Further attempts after a dropped connection or a 5xx; each resumes. Default 5. */
  retries?: number;
  /** First backoff delay, doubled on each retry. Default 500 ms. */
  retryDelayMs?: number;
}

export interface DownloadResult {
  path: string;
  size: number;
  sha256: string;
}

const PROGRESS_INTERVAL_MS = 100;

/** A failure worth retrying (the network, or a server error), as opposed to a wrong answer. */
class TransientError extends Error {}

export async function downloadFile(options: DownloadFileOptions): Promise<DownloadResult> {
  const { dest, signal } = options;
  const retries = options.retries ?? 5;
  const retryDelayMs = options.retryDelayMs ?? 500;
  const part = `${dest}.part`;
  await mkdir(path.dirname(dest), { recursive: true });

  for (let attempt = 0; ; attempt++) {
    try {
      const { hash, size } = await fetchIntoPart(options, part);
      return await finish(options, part, hash, size);
    } catch (err) {
      if (signal?.aborted) throw cancelled(dest, err);
      if (!(err instanceof TransientError) || attempt >= retries) {
        if (err instanceof ClipfolioError) throw err;
        throw new ClipfolioError(
          'DOWNLOAD_FAILED',
          `Downloading ${options.url} to ${dest} failed after ${attempt + 1} attempt(s): ${errorMessage(err)}`,
          { cause: err },
        );
      }
      try {
        await sleep(retryDelayMs * 2 ** attempt, undefined, { signal });
      } catch (sleepErr) {
        throw cancelled(dest, sleepErr);
      }
    }
  }
}

/** One request: appends to the part file from where it ends, or restarts it when the server cannot resume. */
async function fetchIntoPart(options: DownloadFileOptions, part: string): Promise<{ hash: Hash; size: number }> {
  const { url, expectedSize, signal } = options;
  const fetchImpl = options.fetchImpl ?? fetch;
  let offset = await fileSize(part);
  if (expectedSize != null && offset > expectedSize) {
    await rm(part, { force: true });
    offset = 0;
  }

  // A compressed body would not match Content-Length or the byte offsets of a Range.
  const headers: Record<string, string> = { 'accept-encoding': 'identity' };
  if (offset > 0) headers.range = `bytes=${offset}-`;
  let response: Response;
  try {
    response = await fetchImpl(url, { headers, signal, redirect: 'follow' });
  } catch (err) {
    throw new TransientError(`request failed: ${errorMessage(err)}`, { cause: err });
  }

  if (response.status === 416 && offset > 0) {
    await response.body?.cancel();
    const serverSize = /^bytes \*\/(\d+)$/.exec(response.headers.get('content-range')?.trim() ?? '')?.[1];
    if (serverSize !== undefined && Number(serverSize) !== offset) {
      await rm(part, { force: true });
      throw new TransientError(`the partial file (${offset} bytes) does not match the server's ${serverSize} bytes`);
    }
    // The part already holds everything the server has; finish() checks size and hash.
    return { hash: await hashFile(part), size: offset };
  }
  if (response.status >= 500 || response.status === 408 || response.status === 429) {
    await response.body?.cancel();
    throw new TransientError(`HTTP ${response.status}`);
  }
  if (response.status !== 200 && response.status !== 206) {
    await response.body?.cancel();
    throw new ClipfolioError('DOWNLOAD_FAILED', `Downloading ${url} failed: HTTP ${response.status} ${response.statusText}`);
  }

  let start = 0;
  let total = contentLength(response);
  if (response.status === 206) {
    const range = parseContentRange(response.headers.get('content-range'));
    if (range?.start !== offset) {
      await response.body?.cancel();
      await rm(part, { force: true });
      throw new TransientError(`server answered the range request from byte ${range?.start ?? '?'} instead of ${offset}`);
    }
    start = offset;
    total = range.total ?? (total === null ? null : offset + total);
  }
  if (expectedSize != null && total !== null && total !== expectedSize) {
    await response.body?.cancel();
    throw new ClipfolioError(
      'DOWNLOAD_FAILED',
      `${url} is ${total} bytes on the server but the manifest expects ${expectedSize}; not downloading.`,
    );
  }

  const hash = start > 0 ? await hashFile(part) : createHash('sha256');
  const received = await streamToFile(response, part, start, hash, {
    file: options.dest,
    totalBytes: expectedSize ?? total,
    onProgress: options.onProgress,
  });

  const wanted = expectedSize ?? total;
  if (wanted !== null && received < wanted) {
    throw new TransientError(`connection ended after ${received} of ${wanted} bytes`);
  }
  return { hash, size: received };
}

async function streamToFile(
  response: Response,
  part: string,
  start: number,
  hash: Hash,
  progress: { file: string; totalBytes: number | null; onProgress: DownloadFileOptions['onProgress'] },
): Promise<number> {
  const handle = await open(part, start > 0 ? 'a' : 'w');
  let received = start;
  const began = performance.now();
  let lastReport = 0;
  const report = () => {
    const seconds = (performance.now() - began) / 1000;
    progress.onProgress?.({
      file: progress.file,
      receivedBytes: received,
      totalBytes: progress.totalBytes,
      bytesPerSecond: seconds > 0 ? (received - start) / seconds : 0,
    });
  };
  try {
    if (response.body) {
      try {
        for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
          await handle.write(chunk);
          hash.update(chunk);
          received += chunk.byteLength;
          if (performance.now() - lastReport >= PROGRESS_INTERVAL_MS) {
            lastReport = performance.now();
            report();
          }
        }
      } catch (err) {
        // What arrived is on disk; the next attempt resumes from there.
        throw new TransientError(`connection dropped after ${received} bytes: ${errorMessage(err)}`, { cause: err });
      }
    }
    report();
  } finally {
    await handle.close();
  }
  return received;
}

async function finish(options: DownloadFileOptions, part: string, hash: Hash, size: number): Promise<DownloadResult> {
  const { dest, expectedSize } = options;
  if (expectedSize != null && size !== expectedSize) {
    await rm(part, { force: true });
    throw new ClipfolioError('DOWNLOAD_FAILED', `${dest}: received ${size} bytes, expected ${expectedSize}; removed.`);
  }
  const actual = hash.digest('hex');
  const expected = options.sha256?.toLowerCase();
  if (expected && actual !== expected) {
    await rm(part, { force: true });
    throw new ClipfolioError(
      'CHECKSUM_MISMATCH',
      `${dest} from ${options.url} has SHA-256 ${actual}, expected ${expected}; the download was deleted.`,
    );
  }
  await fsyncFile(part);
  await commitTempFile(part, dest);
  return { path: dest, size, sha256: actual };
}

/** SHA-256 of a whole file, as the manifests give it, streamed (model graphs do not fit in memory comfortably). */
export async function sha256File(file: string): Promise<string> {
  return (await hashFile(file)).digest('hex');
}

function hashFile(file: string): Promise<Hash> {
  return updateHashFromFile(createHash('sha256'), file);
}


async function fileSize(file: string): Promise<number> {
  try {
    return (await stat(file)).size;
  } catch {
    return 0;
  }
}

function contentLength(response: Response): number | null {
  const encoding = response.headers.get('content-encoding');
  if (encoding && encoding !== 'identity') return null;
  const value = Number(response.headers.get('content-length') ?? NaN);
  return Number.isInteger(value) && value >= 0 ? value : null;
}

function parseContentRange(header: string | null): { start: number; total: number | null } | null {
  const match = /^bytes (\d+)-\d+\/(\d+|\*)$/.exec(header?.trim() ?? '');
  if (!match?.[1] || !match[2]) return null;
  return { start: Number(match[1]), total: match[2] === '*' ? null : Number(match[2]) };
}

function cancelled(dest: string, cause: unknown): ClipfolioError {
  return new ClipfolioError('CANCELLED', `Download of ${dest} was cancelled; it will resume next time.`, { cause });
}
