// Fetches the default model into build/bundled-models/ for an offline installer
// (electron-builder.offline.yml), the same way the app downloads it: from the manifest,
// resumable, every file checked against its size and hash.
import { join } from 'node:path';
import { DEFAULT_MODEL_ID, getManifest } from '../main/models/manifests';
import { ensureModel } from '../main/models/model-store';
import { manifestsDir } from '../main/shared/app-paths';

const modelsDir = join(import.meta.dirname, '..', 'build', 'bundled-models');
const manifest = await getManifest(manifestsDir(), DEFAULT_MODEL_ID);
const folder = await ensureModel(manifest, {
  modelsDir,
  onProgress: (p) => process.stderr.write(`\r${p.path} ${p.fileIndex + 1}/${p.fileCount} ${p.receivedBytes} bytes`),
});
process.stderr.write(`\n${folder.id} (${folder.variant}) is in ${folder.dir}\n`);
