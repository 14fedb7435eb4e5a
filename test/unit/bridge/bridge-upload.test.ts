// The bridge's upload step without a server: the bytes land in a private temporary file
// under a safe name, are handed to 'library:importPaths', and the temporary copy is gone
// afterwards, also when the body passes the size limit.
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { expect, it } from 'vitest';
import { receiveUpload } from '../../../main/bridge/bridge-upload';
import { HttpError } from '../../../main/bridge/http-error';
import type { Dispatch } from '../../../main/ipc/dispatcher';

function chunks(...parts: string[]): AsyncIterable<Uint8Array> {
  return Readable.from(parts.map((part) => Buffer.from(part)));
}

interface Seen {
  channel: string;
  file: string;
  bytes: string;
  mtimeMs: number;
}

function recordingDispatch(seen: Seen[]): Dispatch {
  return async (channel, args) => {
    const [[file = ''] = []] = args as string[][];
    seen.push({ channel, file, bytes: await readFile(file, 'utf8'), mtimeMs: (await stat(file)).mtimeMs });
    return { ok: true, value: { folders: [], paths: [], skipped: [] } };
  };
}

it('imports the upload from a temporary file named safely and dated as the browser said, then deletes it', async () => {
  const seen: Seen[] = [];
  const modifiedMs = Date.UTC(2021, 5, 1, 12);
  const result = await receiveUpload(chunks('ab', 'cd'), { name: '../../etc/.passwd', modifiedMs }, recordingDispatch(seen));
  expect(result.ok).toBe(true);
  expect(seen).toHaveLength(1);
  expect(seen[0]?.channel).toBe('library:importPaths');
  expect(path.basename(seen[0]?.file ?? '')).toBe('passwd');
  expect(seen[0]?.bytes).toBe('abcd');
  expect(seen[0]?.mtimeMs).toBe(modifiedMs);
  await expect(stat(path.dirname(seen[0]?.file ?? ''))).rejects.toThrow();
});

it('refuses a body past the limit with 413 and imports nothing', async () => {
  const seen: Seen[] = [];
  const upload = receiveUpload(chunks('12345', '67890'), { name: 'big.jpg', modifiedMs: null }, recordingDispatch(seen), 8);
  await expect(upload).rejects.toBeInstanceOf(HttpError);
  await expect(upload).rejects.toMatchObject({ status: 413 });
  expect(seen).toEqual([]);
});
