// Runs in: vitest. Provider choice with the session factory injected, so every platform's
// 'auto' path and every failure is checked on any machine.
import { describe, expect, it, vi } from 'vitest';
import { createOnProvider, plannedAuto, type Backend } from '../../../main/inference/execution-providers';
import type { ConcreteProvider } from '../../../main/inference/messages';
import { ClipfolioError } from '../../../main/shared/errors';

const linux = { platform: 'linux' as const, arch: 'x64' };
const linuxBackends: Backend[] = [
  { name: 'cpu', bundled: true, installed: true },
  { name: 'webgpu', bundled: true, installed: true },
  { name: 'cuda', bundled: false, installed: true },
];
/** As onnxruntime-node installs without `npm run setup:cuda`: CUDA listed, its libraries absent. */
const linuxWithoutCuda: Backend[] = linuxBackends.map((b) => (b.name === 'cuda' ? { ...b, installed: false } : b));

/** A session factory where the providers in `failing` throw like onnxruntime does. */
function factory(failing: ConcreteProvider[]) {
  return vi.fn((provider: ConcreteProvider) =>
    failing.includes(provider)
      ? Promise.reject(new Error(`${provider}: Failed to load shared library`))
      : Promise.resolve(`session on ${provider}`),
  );
}

describe('createOnProvider', () => {
  it("'auto' on Linux x64 uses CUDA when it starts", async () => {
    const create = factory([]);
    const { session, provider } = await createOnProvider('auto', linuxBackends, linux, create);
    expect(session).toBe('session on cuda');
    expect(provider).toEqual({ requested: 'auto', chosen: 'cuda', reason: 'cuda started' });
  });

  it("'auto' falls back to CPU with the reason and the install hint", async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const create = factory(['cuda']);
    const { session, provider } = await createOnProvider('auto', linuxBackends, linux, create);
    expect(session).toBe('session on cpu');
    expect(create.mock.calls.map(([p]) => p)).toEqual(['cuda', 'cpu']);
    expect(provider.chosen).toBe('cpu');
    expect(provider.reason).toMatch(/cuda could not start \(cuda: Failed to load shared library.*cuDNN.*\); using CPU/);
    expect(warn).toHaveBeenCalledOnce();
    warn.mockRestore();
  });

  it("'auto' picks DirectML on Windows and CoreML on macOS", async () => {
    const dml = await createOnProvider('auto', [{ name: 'cpu', bundled: true, installed: true }, { name: 'dml', bundled: true, installed: true }], { platform: 'win32', arch: 'x64' }, factory([]));
    expect(dml.provider.chosen).toBe('dml');
    const coreml = await createOnProvider('auto', [{ name: 'cpu', bundled: true, installed: true }, { name: 'coreml', bundled: true, installed: true }], { platform: 'darwin', arch: 'arm64' }, factory([]));
    expect(coreml.provider.chosen).toBe('coreml');
  });

  it("'auto' goes straight to CPU where no GPU provider exists", async () => {
    const create = factory([]);
    const { provider } = await createOnProvider('auto', [{ name: 'cpu', bundled: true, installed: true }], { platform: 'linux', arch: 'arm64' }, create);
    expect(create).toHaveBeenCalledOnce();
    expect(provider).toMatchObject({ chosen: 'cpu', reason: expect.stringMatching(/no GPU provider on linux-arm64/) as unknown });
  });

  it('an explicit provider that fails is PROVIDER_UNAVAILABLE, never a silent CPU run', async () => {
    const create = factory(['cuda']);
    const run = createOnProvider('cuda', linuxBackends, linux, create);
    await expect(run).rejects.toBeInstanceOf(ClipfolioError);
    await expect(run).rejects.toMatchObject({ code: 'PROVIDER_UNAVAILABLE' });
    expect(create.mock.calls.map(([p]) => p)).toEqual(['cuda']);
  });

  it('CUDA listed but not installed: auto goes to CPU without trying, and says how to install it', async () => {
    const create = factory([]);
    const { provider } = await createOnProvider('auto', linuxWithoutCuda, linux, create);
    expect(create.mock.calls.map(([p]) => p)).toEqual(['cpu']);
    expect(provider.reason).toMatch(/cuda is not installed.*npm run setup:cuda.*using CPU/);
    await expect(createOnProvider('cuda', linuxWithoutCuda, linux, create)).rejects.toMatchObject({
      code: 'PROVIDER_UNAVAILABLE',
    });
    expect(create).toHaveBeenCalledOnce();
  });

  it('an explicit provider this build does not list is refused before trying', async () => {
    const create = factory([]);
    await expect(createOnProvider('dml', linuxBackends, linux, create)).rejects.toThrow(/has no 'dml' provider/);
    expect(create).not.toHaveBeenCalled();
  });
});

describe('plannedAuto', () => {
  it('names what auto would try before any session exists', () => {
    expect(plannedAuto(linuxBackends, linux).chosen).toBe('cuda');
    expect(plannedAuto(linuxWithoutCuda, linux)).toMatchObject({ chosen: 'cpu', reason: expect.stringMatching(/setup:cuda/) as unknown });
    expect(plannedAuto([{ name: 'cpu', bundled: true, installed: true }], linux)).toMatchObject({ chosen: 'cpu' });
  });
});
