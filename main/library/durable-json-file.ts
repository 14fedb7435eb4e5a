// Runs in: main process (plain Node). A lowdb adapter for JSON files that survive crashes.
// lowdb 7's JSONFile goes through steno, which writes a temp file and renames it but never
// fsyncs, so after a power loss the rename can reach the disk before the data and leave an
// empty or partial catalog.json. This adapter fsyncs the temp file before the rename and
// the folder after it (durable-file.ts).
import { readFile } from 'node:fs/promises';
import type { Adapter } from 'lowdb';
import { writeFileAtomic } from './durable-file';

export class DurableJsonFile<T> implements Adapter<T> {
  readonly #file: string;
  readonly #parse: (text: string) => T;

  /** `parse` turns the file text into data and throws on anything malformed. */
  constructor(file: string, parse: (text: string) => T) {
    this.#file = file;
    this.#parse = parse;
  }

  async read(): Promise<T | null> {
    let text: string;
    try {
      text = await readFile(this.#file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
    return this.#parse(text);
  }

  /** Serialises synchronously, before the first await, so the file holds this call's data. */
  write(data: T): Promise<void> {
    return writeFileAtomic(this.#file, JSON.stringify(data));
  }
}
