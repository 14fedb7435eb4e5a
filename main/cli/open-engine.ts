// Runs in: the CLI process. The model and inference worker every embedding command needs:
// `--model DIR` loads a folder as it is; without it the default model is used from the
// user data folder, downloaded there on first use with progress on stderr.
import { ClipfolioError } from '../shared/errors';
import { defaultModelsDir, manifestsDir } from '../shared/app-paths';
import { loadModelFolder, MODEL_VARIANTS, type ModelFolder, type ModelVariant } from '../models/model-folder';
import { DEFAULT_MODEL_ID, getManifest } from '../models/manifests';
import { ensureModel } from '../models/model-store';
import { InferenceClient, type Provider } from '../inference/inference-client';
import { UsageError, type CliIo } from './cli-io';
import { formatDownloadProgress } from './format-progress';

const PROVIDERS: readonly Provider[] = ['auto', 'cpu', 'cuda', 'dml', 'coreml', 'webgpu'];

export const modelOptions = {
  model: { type: 'string' },
  variant: { type: 'string' },
  provider: { type: 'string' },
} as const;

/** How a usage text names modelOptions, with the values they take. */
export const modelUsage = `[--model DIR] [--variant ${MODEL_VARIANTS.join('|')}] [--provider ${PROVIDERS.join('|')}]`;

interface ModelArgs {
  model?: string;
  variant?: string;
  provider?: string;
}

export interface Engine {
  model: ModelFolder;
  provider: Provider;
  client: InferenceClient;
  close(): Promise<void>;
}

function parseVariant(value: string | undefined): ModelVariant | undefined {
  if (value === undefined) return undefined;
  const variant = MODEL_VARIANTS.find((v) => v === value);
  if (!variant) throw new UsageError(`--variant must be one of ${MODEL_VARIANTS.join(', ')}`);
  return variant;
}

export function parseProvider(value: string | undefined): Provider {
  if (value === undefined) return 'auto';
  const provider = PROVIDERS.find((p) => p === value);
  if (!provider) throw new UsageError(`--provider must be one of ${PROVIDERS.join(', ')}`);
  return provider;
}

export async function resolveModel(args: ModelArgs, io: CliIo): Promise<ModelFolder> {
  const variant = parseVariant(args.variant);
  if (args.model) return loadModelFolder(args.model, { variant });
  const manifest = await getManifest(manifestsDir(), DEFAULT_MODEL_ID);
  const modelsDir = defaultModelsDir();
  try {
    return await ensureModel(manifest, {
      modelsDir,
      variant,
      onProgress: (p) => {
        if (io.stderr.isTTY) io.stderr.write(`\r${formatDownloadProgress(p)}`);
      },
    });
  } catch (err) {
    if (!(err instanceof ClipfolioError) || err.code !== 'DOWNLOAD_FAILED') throw err;
    throw new ClipfolioError(
      'MODEL_MISSING',
      `${err.message}\nThe default model ${manifest.id} could not be downloaded into ${modelsDir}. ` +
        'Download a model folder yourself and pass --model DIR.',
      { cause: err },
    );
  }
}

export async function openEngine(args: ModelArgs, io: CliIo): Promise<Engine> {
  const provider = parseProvider(args.provider);
  const model = await resolveModel(args, io);
  const client = InferenceClient.start();
  return { model, provider, client, close: () => client.close() };
}
