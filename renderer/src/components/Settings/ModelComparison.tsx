// Runs in: the renderer. Settings > Model's "Compare on a folder of labelled photos": the
// installed models each sort a folder whose first-level folders name the classes (the user's
// own "beach/", "receipts/"), with progress, and a table says how often each was right, per
// class too, in percentages of photos, so the user can pick the model that suits their photos.
import { useEffect, useState, type FormEvent } from 'react';
import type { ModelEvaluation } from '../../../../main/shared/api-contract';
import { api } from '../../lib/api';
import { formatCount } from '../../lib/format';
import { valueOrNotify } from '../../stores/notices';
import { ProgressBar } from '../ProgressBar/ProgressBar';

const percent = (x: number | null) => (x === null ? '–' : `${Math.round(x * 100)}%`);

export function ModelComparison() {
  const [folder, setFolder] = useState('');
  const [running, setRunning] = useState(false);
  const [progress, setProgress] = useState<{ model: string; done: number; total: number } | null>(null);
  const [results, setResults] = useState<ModelEvaluation[] | null>(null);
  useEffect(() => api.on('eval:progress', setProgress), []);

  const run = async (event: FormEvent) => {
    event.preventDefault();
    setRunning(true);
    setResults(null);
    setProgress(null);
    setResults(valueOrNotify(await api.eval.run(folder.trim()), 'compare the models'));
    setRunning(false);
  };

  return (
    <div className="model-comparison">
      <p className="hint">Put photos you know in a folder per kind (beach/, receipts/, …) and see how well each installed model sorts them.</p>
      <form className="folder-add" onSubmit={(e) => void run(e)}>
        <input type="text" aria-label="Folder of labelled photos" placeholder="/home/me/Pictures/labelled" value={folder} onChange={(e) => setFolder(e.target.value)} />
        <button type="submit" disabled={running || !folder.trim()}>
          {running ? 'Comparing…' : 'Compare'}
        </button>
      </form>
      {running && progress && (
        <div className="download">
          <ProgressBar className="download-bar" label="Comparison" fraction={progress.done / progress.total} max={progress.total} now={progress.done} />
          <span>
            {progress.model}: {progress.done} of {formatCount(progress.total, 'photo')}
          </span>
        </div>
      )}
      {results && results.length > 0 && (
        <table className="comparison" aria-label="Model comparison">
          <thead>
            <tr>
              <th scope="col">Kind (photos)</th>
              {results.map((r) => (
                <th key={r.model} scope="col">
                  {r.model}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">Right first time</th>
              {results.map((r) => (
                <td key={r.model}>{percent(r.top1)}</td>
              ))}
            </tr>
            <tr>
              <th scope="row">Right in the first five</th>
              {results.map((r) => (
                <td key={r.model}>{percent(r.top5)}</td>
              ))}
            </tr>
            {results[0]?.classes.map((c, i) => (
              <tr key={c.name}>
                <th scope="row">
                  {c.name} ({c.photos})
                </th>
                {results.map((r) => (
                  <td key={r.model} title={`As a category: ${percent(r.classes[i]?.recall ?? null)} of them tagged, ${percent(r.classes[i]?.precision ?? null)} of its tags right`}>
                    {percent(r.classes[i]?.accuracy ?? null)}
                  </td>
                ))}
              </tr>
            ))}
            <tr>
              <th scope="row">Photos per second</th>
              {results.map((r) => (
                <td key={r.model}>{r.photosPerSecond.toFixed(1)}</td>
              ))}
            </tr>
          </tbody>
        </table>
      )}
      {results?.flatMap((r) => r.confusions.slice(0, 3).map((c) => (
        <p key={`${r.model}-${c.actual}-${c.predicted}`} className="hint">
          {r.model} took {formatCount(c.photos, `photo of ${c.actual}`, `photos of ${c.actual}`)} for {c.predicted}.
        </p>
      )))}
    </div>
  );
}
