// Runs in: the renderer. Choosing and downloading the CLIP model: the manifests the app
// knows, which are installed, and a download with a progress bar that shows its size as
// the server reports it.
import { useEffect, useState } from 'react';
import type { ModelDownloadProgressEvent, ModelSummary } from '../../../../main/shared/api-contract';
import { api } from '../../lib/api';
import { formatBytes } from '../../lib/format';
import { applyLibraryState } from '../../stores/library-store';
import { valueOrNotify } from '../../stores/notices';
import { ProgressBar } from '../ProgressBar/ProgressBar';

export function ModelPicker({ currentId }: { currentId: string }) {
  const [models, setModels] = useState<ModelSummary[]>([]);
  const [chosen, setChosen] = useState(currentId);
  const [progress, setProgress] = useState<ModelDownloadProgressEvent | null>(null);
  const [downloading, setDownloading] = useState(false);

  useEffect(() => {
    void api.models.list().then((r) => setModels(valueOrNotify(r, 'list the models') ?? []));
    return api.on('models:downloadProgress', setProgress);
  }, []);

  const download = async () => {
    setDownloading(true);
    setProgress(null);
    if (chosen !== currentId) valueOrNotify(await api.settings.update({ modelId: chosen }), 'choose the model');
    const state = valueOrNotify(await api.models.download(chosen), 'download the model');
    setDownloading(false);
    if (state) applyLibraryState(state);
    void api.models.list().then((r) => setModels(valueOrNotify(r, 'list the models') ?? []));
  };

  const model = models.find((m) => m.id === chosen);
  const complete = model?.installed?.state === 'complete';
  const fraction = progress?.totalBytes ? progress.receivedBytes / progress.totalBytes : null;

  return (
    <div className="model-picker">
      <fieldset disabled={downloading}>
        <legend>Model</legend>
        {models.map((m) => (
          <label key={m.id} className="model-option">
            <input type="radio" name="model" value={m.id} checked={chosen === m.id} onChange={() => setChosen(m.id)} />
            <span>
              <strong>{m.name}</strong> {m.installed?.state === 'complete' ? <em>(installed)</em> : null}
              {m.description && <span className="hint"> — {m.description}</span>}
            </span>
          </label>
        ))}
      </fieldset>
      <button type="button" className="primary" disabled={downloading || !model || complete} onClick={() => void download()}>
        {complete ? 'Installed' : downloading ? 'Downloading…' : 'Download model'}
      </button>
      {downloading && (
        <div className="download">
          <ProgressBar
            className="download-bar"
            label="Model download"
            fraction={fraction}
            max={100}
            now={fraction === null ? undefined : Math.round(fraction * 100)}
          />
          <span>
            {progress
              ? `File ${progress.fileIndex + 1} of ${progress.fileCount}: ${formatBytes(progress.receivedBytes)} of ${formatBytes(progress.totalBytes)}`
              : 'Connecting…'}
          </span>
        </div>
      )}
    </div>
  );
}
