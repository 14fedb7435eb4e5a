// Unit tests for the content hash against the corpus's own recorded SHA-256 sums, whole or
// hashed a slice at a time.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { expect, it } from 'vitest';
import { hashBuffer, hashBufferInTurns } from '../../../main/library/content-hash';

const images = resolve(process.cwd(), '../shared/testdata/images');

it('matches the sha256 recorded in SOURCES.tsv and tells files apart', async () => {
  const rows = (await readFile(resolve(images, 'SOURCES.tsv'), 'utf8')).split('\n');
  const header = rows[0]?.split('\t') ?? [];
  const fileColumn = header.indexOf('file');
  const shaColumn = header.indexOf('sha256');
  expect(fileColumn).toBeGreaterThanOrEqual(0);
  expect(shaColumn).toBeGreaterThanOrEqual(0);
  const checked = rows.slice(1, 21).filter((row) => row.trim() !== '');
  expect(checked.length).toBeGreaterThan(0);
  for (const row of checked) {
    const cells = row.split('\t');
    const buf = await readFile(resolve(images, cells[fileColumn] ?? ''));
    expect(hashBuffer(buf)).toBe(cells[shaColumn]);
    expect(await hashBufferInTurns(buf)).toBe(cells[shaColumn]);
  }
  // Slices of 1 MiB: a buffer that ends exactly on one, and one just past it.
  for (const length of [1 << 20, (1 << 20) + 1, 3 << 20]) {
    const buf = Buffer.alloc(length, 7);
    expect(await hashBufferInTurns(buf)).toBe(hashBuffer(buf));
  }
  expect(hashBuffer(Buffer.from('a'))).not.toBe(hashBuffer(Buffer.from('b')));
  expect(hashBuffer(new Uint8Array(0))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
});
