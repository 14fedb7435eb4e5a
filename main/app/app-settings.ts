// Runs in: main process and the bridge (plain Node). App preferences that outlive any one
// library (which model to index with, which execution provider), in <userData>/settings.json.
// Settings inside a library (category thresholds and the like) live in its catalog instead.
import { join } from 'node:path';
import { z } from 'zod';
import { PROVIDERS, type AppSettings } from '../shared/api-contract';
import { DEFAULT_MODEL_ID } from '../models/manifests';
import { readJsonFile, writeJsonFile } from './json-file';

export const SETTINGS_FILE = 'settings.json';

const settingsSchema = z.object({
  provider: z.enum(PROVIDERS).catch('auto'),
  modelId: z.string().min(1).catch(DEFAULT_MODEL_ID),
});

export class AppSettingsStore {
  readonly file: string;
  #current: AppSettings;

  private constructor(file: string, current: AppSettings) {
    this.file = file;
    this.#current = current;
  }

  static async open(userDataDir: string, onInvalid: (why: string) => void): Promise<AppSettingsStore> {
    const file = join(userDataDir, SETTINGS_FILE);
    const stored = await readJsonFile(file, settingsSchema, onInvalid);
    return new AppSettingsStore(file, stored ?? { provider: 'auto', modelId: DEFAULT_MODEL_ID });
  }

  get current(): AppSettings {
    return { ...this.#current };
  }

  async update(patch: Partial<AppSettings>): Promise<AppSettings> {
    const next = { ...this.#current, ...patch };
    await writeJsonFile(this.file, next);
    this.#current = next;
    return this.current;
  }
}
