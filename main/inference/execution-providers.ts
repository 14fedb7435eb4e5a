// Runs in: the inference worker. Which ONNX Runtime execution provider a session gets: 'auto'
// tries the platform's GPU provider (CUDA on Linux x64, DirectML on Windows, CoreML on macOS,
// see DESIGN.md) and falls back to CPU with the reason kept; an explicitly requested provider
// that cannot start is an error, because silently running a GPU request on CPU hides a setup
// problem the user asked to use.
import { ClipfolioError, errorMessage } from '../shared/errors';
import type { ConcreteProvider, Provider, ProviderChoice } from './messages';

/** An entry of onnxruntime-node's listSupportedBackends(). */
export interface Backend {
  name: string;
  bundled: boolean;
  /** Bundled, or its provider library was found where onnxruntime-node loads it from. */
  installed: boolean;
}

export interface Platform {
  platform: NodeJS.Platform;
  arch: string;
}

export function autoGpuProvider({ platform, arch }: Platform): ConcreteProvider | null {
  if (platform === 'linux' && arch === 'x64') return 'cuda';
  if (platform === 'win32') return 'dml';
  if (platform === 'darwin') return 'coreml';
  return null;
}

/** What 'auto' will try first, before any session has tried it. */
export function plannedAuto(backends: readonly Backend[], where: Platform): { chosen: ConcreteProvider; reason: string } {
  const gpu = autoGpuProvider(where);
  const backend = backends.find((b) => b.name === gpu);
  if (gpu && backend?.installed) {
    return { chosen: gpu, reason: `not tried yet: ${gpu} is listed, and CPU is the fallback` };
  }
  return { chosen: 'cpu', reason: noGpuReason(gpu, backend, where) };
}

/**
 * Creates a session on the provider `requested` resolves to. `create` is called once per
 * provider tried, in order, until one succeeds.
 */
export async function createOnProvider<S>(
  requested: Provider,
  backends: readonly Backend[],
  where: Platform,
  create: (provider: ConcreteProvider) => Promise<S>,
): Promise<{ session: S; provider: ProviderChoice }> {
  if (requested === 'cpu') {
    return { session: await create('cpu'), provider: { requested, chosen: 'cpu', reason: 'requested' } };
  }
  if (requested !== 'auto') {
    const backend = backends.find((b) => b.name === requested);
    if (!backend) {
      throw new ClipfolioError(
        'PROVIDER_UNAVAILABLE',
        `onnxruntime-node on ${where.platform}-${where.arch} has no '${requested}' provider ` +
          `(it lists: ${backends.map((b) => b.name).join(', ')}). Choose 'auto' or 'cpu'.`,
      );
    }
    if (!backend.installed) {
      throw new ClipfolioError('PROVIDER_UNAVAILABLE', `The '${requested}' execution provider ${notInstalled(backend)}.`);
    }
    try {
      return { session: await create(requested), provider: { requested, chosen: requested, reason: 'requested' } };
    } catch (err) {
      throw new ClipfolioError(
        'PROVIDER_UNAVAILABLE',
        `The '${requested}' execution provider could not start: ${failureDetail(err, backend)}. Choose 'auto' or 'cpu'.`,
        { cause: err },
      );
    }
  }

  const gpu = autoGpuProvider(where);
  const backend = backends.find((b) => b.name === gpu);
  if (!gpu || !backend?.installed) {
    return { session: await create('cpu'), provider: { requested, chosen: 'cpu', reason: noGpuReason(gpu, backend, where) } };
  }
  try {
    return { session: await create(gpu), provider: { requested, chosen: gpu, reason: `${gpu} started` } };
  } catch (err) {
    const reason = `${gpu} could not start (${failureDetail(err, backend)}); using CPU`;
    console.warn(`[inference] ${reason}`);
    return { session: await create('cpu'), provider: { requested, chosen: 'cpu', reason } };
  }
}

function noGpuReason(gpu: ConcreteProvider | null, backend: Backend | undefined, where: Platform): string {
  if (!gpu) return `onnxruntime-node offers no GPU provider on ${where.platform}-${where.arch}; using CPU`;
  if (!backend) return `this onnxruntime-node build does not list ${gpu}; using CPU`;
  return `${gpu} ${notInstalled(backend)}; using CPU`;
}

function notInstalled(backend: Backend): string {
  return `is not installed: onnxruntime-node does not ship its libraries (install them with \`npm run setup:cuda\`; ${backend.name} also needs the NVIDIA driver, CUDA 12 and cuDNN 9)`;
}

function failureDetail(err: unknown, backend: Backend): string {
  const hint = backend.bundled ? '' : ` — check the NVIDIA driver, CUDA 12 and cuDNN 9 that ${backend.name} needs`;
  return `${errorMessage(err)}${hint}`;
}
