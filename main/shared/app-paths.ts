// Runs in: main process and CLI. Where Clipfolio keeps its data. The folder is the one
// Electron's app.getPath('userData') gives for the product name, so the CLI and the
// desktop app share one library and one set of downloaded models.
import { homedir } from 'node:os';
import { join } from 'node:path';

const PRODUCT_NAME = 'Clipfolio';

export function userDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.CLIPFOLIO_HOME) return env.CLIPFOLIO_HOME;
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), PRODUCT_NAME);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', PRODUCT_NAME);
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), PRODUCT_NAME);
}

export function defaultModelsDir(env?: NodeJS.ProcessEnv): string {
  return join(userDataDir(env), 'models');
}

export function defaultLibraryDir(env?: NodeJS.ProcessEnv): string {
  return join(userDataDir(env), 'library');
}

/** The `models/` manifests shipped with the app (repository root when run from source). */
export function manifestsDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.CLIPFOLIO_MANIFESTS ?? join(import.meta.dirname, '..', '..', 'models');
}
