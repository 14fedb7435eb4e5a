// Runs in: the renderer. Where the model runs: the graphics card or the processor. Automatic
// says in plain words what it picked on this machine (from the worker's own report) and,
// when a graphics card could help but is not used, what to do, pointing to the README for
// the set-up steps rather than showing commands or library names here.
import { useEffect, useState } from 'react';
import { PROVIDERS, type AppSettings, type ProvidersInfo, type ProviderName } from '../../../../main/shared/api-contract';
import { api } from '../../lib/api';
import { valueOrNotify } from '../../stores/notices';

const LABELS: Record<ProviderName, string> = {
  auto: 'Automatic (graphics card when it can)',
  cpu: 'Processor (CPU)',
  cuda: 'NVIDIA graphics card',
  dml: 'Graphics card (DirectX)',
  coreml: 'Apple Neural Engine and GPU',
  webgpu: 'Graphics card (WebGPU)',
};

/** What Automatic picked, and why, as a person would say it. */
function autoWords(info: ProvidersInfo): string {
  const chosen = info.auto.chosen as ProviderName;
  if (chosen !== 'cpu') return `Clipfolio runs the model on your ${LABELS[chosen] ?? 'graphics card'}.`;
  const why = info.auto.reason;
  if (/not installed/.test(why)) return 'Clipfolio runs the model on the processor. An NVIDIA graphics card would be faster once its support is installed: see “Using your graphics card” in the README.';
  if (/could not start/.test(why)) return 'Clipfolio runs the model on the processor: the graphics card could not be used (its driver may be missing or too old). “Using your graphics card” in the README says what it needs.';
  return 'Clipfolio runs the model on the processor; this computer offers it no graphics card support.';
}

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
      {info && <p className="hint">{autoWords(info)}</p>}
    </div>
  );
}
