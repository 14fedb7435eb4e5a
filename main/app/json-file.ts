// Runs in: main process and the bridge (plain Node). Small JSON documents the app keeps
// beside the library (settings, window state): read through a schema so a hand-edited or
// half-written file falls back to defaults instead of breaking startup, written atomically.
import { mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { z } from 'zod';
import { writeFileAtomic } from '../library/durable-file';

export async function readJsonFile<S extends z.ZodType>(
  file: string,
  schema: S,
  onInvalid: (why: string) => void,
): Promise<z.output<S> | null> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    onInvalid(`${file} is not valid JSON (${(err as Error).message})`);
    return null;
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    onInvalid(`${file} does not match its schema: ${parsed.error.message}`);
    return null;
  }
  return parsed.data;
}

export async function writeJsonFile(file: string, value: unknown): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  await writeFileAtomic(file, `${JSON.stringify(value, null, 2)}\n`);
}
