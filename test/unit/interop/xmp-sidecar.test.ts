// Round trip through a reader that is not ours: exifr parses the sidecars we write.
import { createRequire } from 'node:module';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportSidecars, sidecarPath } from '../../../main/interop/xmp-sidecar';

// exifr's ESM build leaves sidecar() out; its CommonJS build (package "main") has it.
const exifr = createRequire(import.meta.url)('exifr') as typeof import('exifr');

/** exifr returns XML text as written, entities included. */
const decodeEntities = (v: unknown) => String(v).replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'clipfolio-xmp-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('XMP sidecars', () => {
  it('round-trip dc:subject and lr:hierarchicalSubject through exifr, leaving the photo alone', async () => {
    const photo = path.join(dir, 'IMG_1.jpg');
    await writeFile(photo, 'not really a jpeg');
    const result = await exportSidecars([
      { photoPath: photo, subjects: ['beach', 'Fish & Chips <2024>', 'beach'], hierarchical: ['landscapes|beach'] },
    ]);
    expect(result.written).toEqual([sidecarPath(photo)]);
    const parsed = (await exifr.sidecar(sidecarPath(photo))) as { dc: { subject: unknown }; lr: { hierarchicalSubject: unknown } };
    const asList = (v: unknown) => (Array.isArray(v) ? v : [v]).map(decodeEntities);
    expect(asList(parsed.dc.subject)).toEqual(['beach', 'Fish & Chips <2024>']);
    expect(asList(parsed.lr.hierarchicalSubject)).toEqual(['landscapes|beach']);
    expect(await readFile(photo, 'utf8')).toBe('not really a jpeg');
  });

  it('rewrites its own sidecars but never one from another program', async () => {
    const ours = path.join(dir, 'a.jpg');
    const theirs = path.join(dir, 'b.jpg');
    await exportSidecars([{ photoPath: ours, subjects: ['x'], hierarchical: [] }]);
    await writeFile(sidecarPath(theirs), '<x:xmpmeta xmlns:x="adobe:ns:meta/"/>');
    const result = await exportSidecars([
      { photoPath: ours, subjects: ['y'], hierarchical: [] },
      { photoPath: theirs, subjects: ['y'], hierarchical: [] },
    ]);
    expect(result).toEqual({ written: [sidecarPath(ours)], skipped: [sidecarPath(theirs)] });
    expect(await readFile(sidecarPath(theirs), 'utf8')).toBe('<x:xmpmeta xmlns:x="adobe:ns:meta/"/>');
  });
});
