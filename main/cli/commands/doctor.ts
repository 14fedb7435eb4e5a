// Runs in: the CLI process. `clipfolio doctor`: what this machine offers (platform,
// onnxruntime's execution providers, which one 'auto' picks and why) and which model
// folders are installed and usable, so a user can tell why something does not work.
import { arch, cpus, platform, release } from 'node:os';
import { printJson, printLine, type CliIo } from '../cli-io';
import { parseCommandArgs } from '../parse-command-args';
import { defaultModelsDir, manifestsDir, userDataDir } from '../../shared/app-paths';
import { errorMessage } from '../../shared/errors';
import { listManifests } from '../../models/manifests';
import { findModelFolders } from '../../models/model-store';
import { loadModelFolder } from '../../models/model-folder';
import { InferenceClient } from '../../inference/inference-client';

// --model here names a folder to check, so it is not modelOptions' usage.
export const doctorUsage = 'usage: clipfolio doctor [--model DIR] [--json]';

export async function doctor(args: string[], io: CliIo): Promise<number> {
  const { values } = parseCommandArgs(args, { json: { type: 'boolean' }, model: { type: 'string' } });
  const modelsDir = defaultModelsDir();
  const client = InferenceClient.start();
  try {
    const [providers, manifests] = await Promise.all([client.providers(), listManifests(manifestsDir())]);
    const installed = await findModelFolders(modelsDir, manifests);
    const explicit = values.model ? await describeFolder(values.model) : null;
    const report = {
      platform: { os: platform(), release: release(), arch: arch(), cpus: cpus().length, node: process.versions.node },
      providers: { available: providers.available, auto: providers.auto },
      userDataDir: userDataDir(),
      modelsDir,
      models: installed,
      knownModels: manifests.map((m) => m.id),
      ...(explicit ? { model: explicit } : {}),
    };
    if (values.json) printJson(io, report);
    else {
      printLine(io, `platform   ${report.platform.os} ${report.platform.arch}, ${report.platform.cpus} cores, Node ${report.platform.node}`);
      printLine(io, `providers  ${providers.available.join(', ')}`);
      printLine(io, `auto       ${providers.auto.chosen}: ${providers.auto.reason}`);
      printLine(io, `models in  ${modelsDir}`);
      if (installed.length === 0) printLine(io, '           none yet: the default model downloads on first use');
      for (const m of installed) {
        const detail = m.state === 'complete' ? m.variants.join(', ') : `missing ${m.missing.join(', ') || m.problem}`;
        printLine(io, `           ${m.id}: ${m.state} (${detail})`);
      }
      if (explicit) printLine(io, `--model    ${explicit.dir}: ${explicit.ok ? `${explicit.layout}, ${explicit.variant}` : explicit.error}`);
    }
    return explicit && !explicit.ok ? 1 : 0;
  } finally {
    await client.close();
  }
}

async function describeFolder(dir: string) {
  try {
    const m = await loadModelFolder(dir);
    return { dir, ok: true as const, id: m.id, layout: m.layout, variant: m.variant, embeddingDim: m.embeddingDim };
  } catch (err) {
    return { dir, ok: false as const, error: errorMessage(err) };
  }
}
