// Runs in: main process and the bridge (plain Node). App preferences that outlive any one
// library (which model to index with, which execution provider, where dropped photos are
// copied), in <userData>/settings.json. Settings inside a library (category thresholds and
// the like) live in its catalog instead.
import { randomUUID } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import { z } from 'zod';
import { PROVIDERS, type AppSettings } from '../shared/api-contract';
import { ClipfolioError, errorMessage } from '../shared/errors';
import { isWithin } from '../library/catalog';
import { DEFAULT_MODEL_ID } from '../models/manifests';
import { readJsonFile, writeJsonFile } from './json-file';

export const SETTINGS_FILE = 'settings.json';

const settingsSchema = z.object({
  provider: z.enum(PROVIDERS).catch('auto'),
  modelId: z.string().min(1).catch(DEFAULT_MODEL_ID),
  // Absent until the user picks one, so the platform's default (which differs between the
  // desktop app and `clipfolio serve`) applies until then rather than being frozen in.
  importDir: z.string().refine(isAbsolute).optional().catch(undefined),
});

type StoredSettings = z.output<typeof settingsSchema>;

/**
 * The import folder the user asked for, resolved, once it can take photos: an absolute path,
 * not inside the library's data folder (`libraryDir`, which the scanner skips, so copies
 * there would never be indexed), not holding a library folder (the import folder becomes a
 * library folder itself, and library folders do not nest), and creatable and writable, which
 * is tried by making it and writing a file there.
 */
export async function checkImportDir(given: string, libraryDir: string, roots: readonly string[]): Promise<string> {
  if (!isAbsolute(given)) throw new ClipfolioError('INVALID_ARGUMENT', `The import folder must be a full path, not ${JSON.stringify(given)}.`);
  const dir = resolve(given);
  if (isWithin(resolve(libraryDir), dir)) {
    throw new ClipfolioError('INVALID_ARGUMENT', `The import folder cannot be inside the library's data folder (${libraryDir}): photos there are never indexed.`);
  }
  const nested = roots.some((root) => isWithin(root, dir)) ? undefined : roots.find((root) => isWithin(dir, root));
  if (nested !== undefined) {
    throw new ClipfolioError('INVALID_ARGUMENT', `The import folder cannot contain the library folder ${nested}; choose a folder inside it or elsewhere.`);
  }
  const probe = join(dir, `.clipfolio-write-test-${randomUUID()}`);
  try {
    await mkdir(dir, { recursive: true });
    await writeFile(probe, '');
    await rm(probe);
  } catch (err) {
    throw new ClipfolioError('INVALID_ARGUMENT', `Photos cannot be copied into ${dir}: ${errorMessage(err)}`);
  }
  return dir;
}

export class AppSettingsStore {
  readonly file: string;
  readonly #defaultImportDir: string;
  #stored: StoredSettings;

  private constructor(file: string, stored: StoredSettings, defaultImportDir: string) {
    this.file = file;
    this.#stored = stored;
    this.#defaultImportDir = defaultImportDir;
  }

  static async open(userDataDir: string, defaultImportDir: string, onInvalid: (why: string) => void): Promise<AppSettingsStore> {
    const file = join(userDataDir, SETTINGS_FILE);
    const stored = await readJsonFile(file, settingsSchema, onInvalid);
    return new AppSettingsStore(file, stored ?? { provider: 'auto', modelId: DEFAULT_MODEL_ID }, resolve(defaultImportDir));
  }

  get current(): AppSettings {
    return { provider: this.#stored.provider, modelId: this.#stored.modelId, importDir: this.#stored.importDir ?? this.#defaultImportDir };
  }

  /** Stores the patch as given: an import folder is checked first (checkImportDir). */
  async update(patch: Partial<AppSettings>): Promise<AppSettings> {
    const next = { ...this.#stored, ...patch };
    await writeJsonFile(this.file, next);
    this.#stored = next;
    return this.current;
  }
}
