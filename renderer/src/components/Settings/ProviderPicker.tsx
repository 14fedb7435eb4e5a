// Runs in: the renderer. The execution provider choice. `auto` says what it picked on this
// machine and why, from the worker's own report, so the user can tell whether the GPU is used.
import { useEffect, useState } from 'react';
import { PROVIDERS, type AppSettings, type ProvidersInfo, type ProviderName } from '../../../../main/shared/api-contract';
import { api } from '../../lib/api';
import { valueOrNotify } from '../../stores/notices';

const LABELS: Record<ProviderName, string> = {
  auto: 'Automatic',
  cpu: 'CPU',
  cuda: 'NVIDIA CUDA',
  dml: 'DirectML',
  coreml: 'Core ML',
  webgpu: 'WebGPU',
};

export function ProviderPicker() {
  const [settings, setSettings] = useState<AppSettings | null>(null);
  const [info, setInfo] = useState<ProvidersInfo | null>(null);

  useEffect(() => {
    void api.settings.get().then((r) => setSettings(valueOrNotify(r, 'read the settings')));
    void api.models.providers().then((r) => setInfo(valueOrNotify(r, 'list the execution providers')));
  }, []);

  const choose = async (provider: ProviderName) => {
    const updated = valueOrNotify(await api.settings.update({ provider }), 'change the provider');
    if (updated) setSettings(updated);
  };

  return (
    <div className="provider-picker">
      <label>
        Run the model on{' '}
        <select value={settings?.provider ?? 'auto'} disabled={!settings} onChange={(e) => void choose(e.target.value as ProviderName)}>
          {PROVIDERS.map((p) => (
            <option key={p} value={p} disabled={p !== 'auto' && info !== null && !info.available.includes(p)}>
              {LABELS[p]}
              {p !== 'auto' && info !== null && !info.available.includes(p) ? ' (not available here)' : ''}
            </option>
          ))}
        </select>
      </label>
      {info && (
        <p className="hint">
          Automatic picks <strong>{info.auto.chosen.toUpperCase()}</strong> on this machine: {info.auto.reason}
        </p>
      )}
    </div>
  );
}
