// Runs in: the inference worker. onnxruntime-node lists CUDA and TensorRT on Linux and
// Windows x64 but does not ship their libraries (they come from `npm run setup:cuda`).
// Trying to start a provider whose library is absent makes ONNX Runtime print a native
// error on every attempt, so the worker checks for the file first and says what to do.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

export function providerLibraryInstalled(name: string, platform: NodeJS.Platform, arch: string): boolean {
  const require = createRequire(import.meta.url);
  const binDir = path.join(path.dirname(require.resolve('onnxruntime-node')), '..', 'bin', 'napi-v6', platform, arch);
  const file = platform === 'win32' ? `onnxruntime_providers_${name}.dll` : `libonnxruntime_providers_${name}.so`;
  return existsSync(path.join(binDir, file));
}
