// Runs in: main process (plain Node). The library manifest, library.json: the human-scale
// part of a library kept as a JSON document through lowdb ("catalog store" note in
// catalog-tables.ts): the format version, the catalog database's file, the model whose
// vectors serve searches and its vector file, and library settings. Written atomically and
// durably (durable-json-file.ts), only by the process holding the library. Its presence is
// what says a library is in the current format: a first-format library (catalog.json) has
// none until its migration is complete (migrate-v1.ts).
import { join } from 'node:path';
import { Low } from 'lowdb';
import { z } from 'zod';
import { ClipfolioError } from '../shared/errors';
import { DurableJsonFile } from './durable-json-file';
import { vectorFileName } from './vector-store';

export const MANIFEST_FILE = 'library.json';
export const CATALOG_DB_FILE = 'catalog.sqlite';
/** The format this code writes and reads; 1 was catalog.json alone. */
export const LIBRARY_FORMAT = 2;

const servingModel = z.object({ id: z.string().min(1), dim: z.number().int().positive(), vectors: z.string().min(1) });

const manifestSchema = z.object({
  format: z.literal(LIBRARY_FORMAT),
  catalog: z.string().min(1),
  createdAt: z.string(),
  /** The model whose vectors answer searches; null before the first photo is indexed. */
  servingModel: servingModel.nullable(),
  settings: z.record(z.string(), z.unknown()),
});

export type LibraryManifestData = z.infer<typeof manifestSchema>;
export type ServingModel = z.infer<typeof servingModel>;

function parseManifest(file: string) {
  return (text: string): LibraryManifestData => {
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (err) {
      throw new ClipfolioError('DATA_CORRUPT', `${file} is not valid JSON (${(err as Error).message})`, { cause: err });
    }
    const format = (raw as { format?: unknown } | null)?.format;
    if (typeof format === 'number' && format > LIBRARY_FORMAT) {
      throw new ClipfolioError(
        'UNSUPPORTED_FORMAT',
        `This library was written by a newer Clipfolio (format ${format}; this one reads up to ${LIBRARY_FORMAT}). Update Clipfolio to open it; nothing was changed.`,
      );
    }
    const parsed = manifestSchema.safeParse(raw);
    if (!parsed.success) throw new ClipfolioError('DATA_CORRUPT', `${file} is not a library manifest: ${parsed.error.message}`);
    return parsed.data;
  };
}

export class LibraryManifest {
  readonly file: string;
  readonly #db: Low<LibraryManifestData>;

  private constructor(file: string, db: Low<LibraryManifestData>) {
    this.file = file;
    this.#db = db;
  }

  /** The manifest of `libraryDir`, or null when it has none (a new or first-format library). */
  static async read(libraryDir: string): Promise<LibraryManifest | null> {
    const file = join(libraryDir, MANIFEST_FILE);
    const adapter = new DurableJsonFile(file, parseManifest(file));
    const data = await adapter.read();
    return data === null ? null : new LibraryManifest(file, new Low(adapter, data));
  }

  /** Writes a new manifest; the catalog it names must be in place first. */
  static async create(libraryDir: string, model: { id: string; dim: number } | null = null): Promise<LibraryManifest> {
    const file = join(libraryDir, MANIFEST_FILE);
    const data: LibraryManifestData = {
      format: LIBRARY_FORMAT,
      catalog: CATALOG_DB_FILE,
      createdAt: new Date().toISOString(),
      servingModel: model && servingEntry(model),
      settings: {},
    };
    const db = new Low(new DurableJsonFile(file, parseManifest(file)), data);
    await db.write();
    return new LibraryManifest(file, db);
  }

  get data(): Readonly<LibraryManifestData> {
    return this.#db.data;
  }

  /** Records the model whose vectors now serve searches. */
  async setServingModel(model: { id: string; dim: number }): Promise<void> {
    this.#db.data.servingModel = servingEntry(model);
    await this.#db.write();
  }
}

function servingEntry(model: { id: string; dim: number }): ServingModel {
  return { id: model.id, dim: model.dim, vectors: vectorFileName(model.id) };
}
