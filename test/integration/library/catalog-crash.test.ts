// Integration test: a process SIGKILLed while it flushes the catalog in a loop never
// leaves a catalog.json that fails to parse or loses a flush that had completed.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { Catalog, CATALOG_FILE } from '../../../main/library/catalog';
import { parseCatalog } from '../../../main/library/catalog-schema';

const childScript = join(import.meta.dirname, 'catalog-flush-loop.child.ts');

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'clipfolio-crash-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Runs the child until it reports `flushes` completed flushes, kills it, returns the last count. */
function runAndKill(flushes: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', childScript, dir], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let seen = 0;
    let lastDurable = 0;
    let stderr = '';
    let buffered = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        lastDurable = Number(line);
        seen += 1;
        if (seen === flushes) child.kill('SIGKILL');
      }
    });
    child.on('error', reject);
    child.on('exit', (_code, signal) => {
      if (signal === 'SIGKILL') resolve(lastDurable);
      else reject(new Error(`child exited without being killed: ${stderr}`));
    });
  });
}

it('survives SIGKILL during flushes', async () => {
  for (const flushes of [1, 3, 7, 12, 20]) {
    const durable = await runAndKill(flushes);
    const data = parseCatalog(await readFile(join(dir, CATALOG_FILE), 'utf8'));
    expect(data.photos.length).toBeGreaterThanOrEqual(durable);
    expect(data.photos.length % 200).toBe(0);
  }
  const catalog = await Catalog.open(dir);
  expect(catalog.warnings).toEqual([]);
  await catalog.close();
});
