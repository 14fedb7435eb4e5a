// Runs in: main process and the bridge (plain Node). Which model folder the library is
// indexed with: a folder given explicitly (clipfolio serve --model DIR), else the settings'
// model if it is installed in the models folder or bundled with an offline installer.
// Never downloads: starting the app must not wait on the network; the UI asks for a
// download (models:download) when this finds none.
import { listManifests } from '../models/manifests';
import { ensureModel, findModelFolders } from '../models/model-store';
import { loadModelFolder, type ModelFolder } from '../models/model-folder';

export interface ModelLocations {
  modelsDir: string;
  manifestsDir: string;
  /** A model folder to use as it is, whatever the settings say. */
  modelDir?: string;
  /** Read-only models shipped in the installer's resources, looked at after modelsDir. */
  bundledModelsDir?: string;
}

export async function findInstalledModel(modelId: string, where: ModelLocations): Promise<ModelFolder | null> {
  if (where.modelDir) return loadModelFolder(where.modelDir);
  const manifests = await listManifests(where.manifestsDir);
  for (const modelsDir of [where.modelsDir, where.bundledModelsDir]) {
    if (!modelsDir) continue;
    const installed = (await findModelFolders(modelsDir, manifests)).find((m) => m.id === modelId && m.state === 'complete');
    if (!installed) continue;
    const manifest = manifests.find((m) => m.id === installed.manifestId);
    // ensureModel re-checks a manifest folder's files against their recorded hashes and
    // fetches nothing when they match, which a complete folder's do.
    if (manifest) return ensureModel(manifest, { modelsDir, variant: installed.variants[0] });
    return loadModelFolder(installed.dir, { variant: installed.variants[0] });
  }
  return null;
}
