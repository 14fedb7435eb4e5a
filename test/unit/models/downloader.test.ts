// Exercises downloadFile against a real local HTTP server: full downloads, a connection cut
// halfway and resumed, a server without Range support, resumption of an existing part file,
// and the failures (wrong checksum, HTTP errors, size mismatch, cancellation).
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DownloadProgress } from '../../../main/models/downloader';
import { downloadFile } from '../../../main/models/downloader';
import type { RangeServer } from './range-server';
import { generatedBytes, startRangeServer } from './range-server';

const SIZE = 1_000_000;
const body = generatedBytes(SIZE);
const bodySha = createHash('sha256').update(body).digest('hex');

let tmp: string;
let server: RangeServer | undefined;
beforeEach(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'clipfolio-dl-'));
});
afterEach(async () => {
  await server?.close();
  server = undefined;
  await rm(tmp, { recursive: true, force: true });
});

const exists = (file: string) => stat(file).then(
  () => true,
  () => false,
);

async function expectDownloaded(dest: string): Promise<void> {
  expect(Buffer.compare(await readFile(dest), body)).toBe(0);
  expect(await exists(`${dest}.part`)).toBe(false);
}

describe('downloadFile', () => {
  it('downloads a whole file, reports progress and returns its hash', async () => {
    server = await startRangeServer({ files: { 'model.onnx': body } });
    const dest = path.join(tmp, 'sub', 'model.onnx');
    const events: DownloadProgress[] = [];
    const result = await downloadFile({ url: `${server.baseUrl}/model.onnx`, dest, onProgress: (p) => events.push(p) });

    expect(result).toEqual({ path: dest, size: SIZE, sha256: bodySha });
    await expectDownloaded(dest);
    expect(events.length).toBeGreaterThan(0);
    expect(events.at(-1)).toMatchObject({ file: dest, receivedBytes: SIZE, totalBytes: SIZE });
    for (let i = 1; i < events.length; i++) {
      expect(events[i]!.receivedBytes).toBeGreaterThanOrEqual(events[i - 1]!.receivedBytes);
    }
    expect(events.every((e) => e.bytesPerSecond >= 0)).toBe(true);
    expect(server.requests).toEqual([{ path: 'model.onnx', range: undefined, status: 200 }]);
  });

  it('resumes with a Range request after the connection drops halfway', async () => {
    server = await startRangeServer({ files: { 'model.onnx': body }, dropFirstResponseAfter: 400_000 });
    const dest = path.join(tmp, 'model.onnx');
    const result = await downloadFile({
      url: `${server.baseUrl}/model.onnx`,
      dest,
      sha256: bodySha,
      expectedSize: SIZE,
      retryDelayMs: 1,
    });

    expect(result.sha256).toBe(bodySha);
    await expectDownloaded(dest);
    expect(server.requests).toHaveLength(2);
    expect(server.requests[1]?.status).toBe(206);
    const resumedFrom = Number(/^bytes=(\d+)-$/.exec(server.requests[1]?.range ?? '')?.[1]);
    expect(resumedFrom).toBeGreaterThan(0);
    expect(resumedFrom).toBeLessThanOrEqual(400_000);
  });

  it('restarts from zero when the server ignores Range', async () => {
    server = await startRangeServer({ files: { 'model.onnx': body }, supportRange: false });
    const dest = path.join(tmp, 'model.onnx');
    // A stale part whose bytes are wrong: a restart must not keep any of them.
    await writeFile(`${dest}.part`, generatedBytes(5000, 99));
    const result = await downloadFile({ url: `${server.baseUrl}/model.onnx`, dest, sha256: bodySha });

    expect(result.size).toBe(SIZE);
    await expectDownloaded(dest);
    expect(server.requests).toEqual([{ path: 'model.onnx', range: 'bytes=5000-', status: 200 }]);
  });

  it('continues an existing part file and hashes its bytes too', async () => {
    server = await startRangeServer({ files: { 'model.onnx': body } });
    const dest = path.join(tmp, 'model.onnx');
    await writeFile(`${dest}.part`, body.subarray(0, 123_456));
    const result = await downloadFile({ url: `${server.baseUrl}/model.onnx`, dest, sha256: bodySha });

    expect(result.sha256).toBe(bodySha);
    await expectDownloaded(dest);
    expect(server.requests).toEqual([{ path: 'model.onnx', range: 'bytes=123456-', status: 206 }]);
  });

  it('treats 416 on a full part file as complete', async () => {
    server = await startRangeServer({ files: { 'model.onnx': body } });
    const dest = path.join(tmp, 'model.onnx');
    await writeFile(`${dest}.part`, body);
    const result = await downloadFile({ url: `${server.baseUrl}/model.onnx`, dest, sha256: bodySha });

    expect(result).toEqual({ path: dest, size: SIZE, sha256: bodySha });
    await expectDownloaded(dest);
    expect(server.requests.map((r) => r.status)).toEqual([416]);
  });

  it('deletes a download with the wrong checksum and names both hashes', async () => {
    server = await startRangeServer({ files: { 'model.onnx': body } });
    const dest = path.join(tmp, 'model.onnx');
    const wrong = 'ab'.repeat(32);
    const error = await downloadFile({ url: `${server.baseUrl}/model.onnx`, dest, sha256: wrong }).catch(
      (err: unknown) => err,
    );

    expect(error).toMatchObject({ code: 'CHECKSUM_MISMATCH' });
    const message = (error as Error).message;
    expect(message).toContain(dest);
    expect(message).toContain(wrong);
    expect(message).toContain(bodySha);
    expect(await exists(dest)).toBe(false);
    expect(await exists(`${dest}.part`)).toBe(false);
  });

  it('fails at once on a 404', async () => {
    server = await startRangeServer({ files: {} });
    const dest = path.join(tmp, 'model.onnx');
    await expect(downloadFile({ url: `${server.baseUrl}/model.onnx`, dest, retryDelayMs: 1 })).rejects.toMatchObject({
      code: 'DOWNLOAD_FAILED',
      message: expect.stringContaining('404') as unknown,
    });
    expect(server.requests).toHaveLength(1);
  });

  it('refuses a file whose size differs from the manifest', async () => {
    server = await startRangeServer({ files: { 'model.onnx': body } });
    const dest = path.join(tmp, 'model.onnx');
    await expect(
      downloadFile({ url: `${server.baseUrl}/model.onnx`, dest, expectedSize: SIZE + 1 }),
    ).rejects.toMatchObject({ code: 'DOWNLOAD_FAILED', message: expect.stringContaining(String(SIZE + 1)) as unknown });
    expect(await exists(dest)).toBe(false);
  });

  it('gives up after the allowed retries when nothing answers', async () => {
    // A server that has been closed again: every connection attempt is refused.
    const gone = await startRangeServer({ files: {} });
    await gone.close();
    const dest = path.join(tmp, 'model.onnx');
    await expect(
      downloadFile({ url: `${gone.baseUrl}/model.onnx`, dest, retries: 2, retryDelayMs: 1 }),
    ).rejects.toMatchObject({ code: 'DOWNLOAD_FAILED', message: expect.stringContaining('3 attempt') as unknown });
  });

  it('reports cancellation as CANCELLED', async () => {
    server = await startRangeServer({ files: { 'model.onnx': body } });
    const controller = new AbortController();
    controller.abort();
    await expect(
      downloadFile({ url: `${server.baseUrl}/model.onnx`, dest: path.join(tmp, 'model.onnx'), signal: controller.signal }),
    ).rejects.toMatchObject({ code: 'CANCELLED' });
  });
});
