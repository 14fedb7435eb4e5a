// Runs in: the renderer. Copying photos' original files to a folder: the folder chosen with
// the OS's dialog in the desktop app or typed in a browser, a progress bar with Stop while
// it copies, and what happened (copied, renamed because a name was taken, failed) at the end.
import { useEffect, useState, type FormEvent } from 'react';
import type { ExportSummary } from '../../../../main/shared/api-contract';
import { api, isDesktopApp } from '../../lib/api';
import { fileName, formatCount } from '../../lib/format';
import { notify, valueOrNotify } from '../../stores/notices';
import { Dialog } from '../Dialog/Dialog';
import { ProgressBar } from '../ProgressBar/ProgressBar';
import './ExportDialog.css';

export function ExportDialog({ photoIds, what, onClose }: { photoIds: readonly string[]; what: string; onClose: () => void }) {
  const [dir, setDir] = useState('');
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [summary, setSummary] = useState<ExportSummary | null>(null);
  const copying = progress !== null && summary === null;

  useEffect(() => api.on('export:progress', setProgress), []);

  const start = async (event?: FormEvent) => {
    event?.preventDefault();
    if (!dir.trim()) return;
    setProgress({ done: 0, total: photoIds.length });
    const result = valueOrNotify(await api.photos.export([...photoIds], dir.trim()), 'copy the photos');
    if (!result) return setProgress(null);
    setSummary(result);
    if (result.copied > 0) notify(`Copied ${formatCount(result.copied, 'photo')} to ${result.dir}${result.cancelled ? ' before you stopped' : ''}.`);
  };

  const choose = async () => {
    const [chosen] = valueOrNotify(await api.library.pickFolders('export'), 'open the folder dialog') ?? [];
    if (chosen !== undefined) setDir(chosen);
  };

  const close = () => {
    if (copying) void api.photos.cancelExport();
    onClose();
  };

  return (
    <Dialog title={`Copy ${what} to a folder`} onClose={close}>
      {summary ? (
        <div className="export-summary">
          <p>
            {formatCount(summary.copied, 'photo')} copied to <strong>{summary.dir}</strong>
            {summary.cancelled ? ', then you stopped' : ''}.
            {summary.renamed > 0 && ` ${formatCount(summary.renamed, 'file')} got a new name, as the folder already had a file of that name.`}
          </p>
          {summary.failed.length > 0 && (
            <ul className="export-failed">
              {summary.failed.map((f) => (
                <li key={f.path}>
                  {fileName(f.path)} was not copied: {f.reason}
                </li>
              ))}
            </ul>
          )}
          <div className="dialog-buttons">
            <button type="button" className="primary" autoFocus onClick={onClose}>
              Done
            </button>
          </div>
        </div>
      ) : (
        <form onSubmit={(e) => void start(e)} className="export-form">
          <p className="hint">The original files are copied with their names; a name the folder already has gets “ (2)”. Nothing in the library changes.</p>
          <div className="folder-add">
            <input type="text" aria-label="Copy to folder" placeholder={isDesktopApp() ? 'Choose a folder…' : 'Full path of the folder, e.g. ~/Desktop/Lisbon'} value={dir} disabled={copying} onChange={(e) => setDir(e.target.value)} />
            {isDesktopApp() && (
              <button type="button" disabled={copying} onClick={() => void choose()}>
                Choose…
              </button>
            )}
          </div>
          {copying && (
            <div className="export-progress">
              <ProgressBar className="export-bar" label="Copying" fraction={progress.total > 0 ? progress.done / progress.total : null} max={progress.total} now={progress.done} valueText={`${progress.done} of ${progress.total}`} />
              <span>
                {progress.done} of {formatCount(progress.total, 'photo')}
              </span>
            </div>
          )}
          <div className="dialog-buttons">
            {copying ? (
              <button type="button" onClick={() => void api.photos.cancelExport()}>
                Stop
              </button>
            ) : (
              <>
                <button type="button" onClick={onClose}>
                  Cancel
                </button>
                <button type="submit" className="primary" disabled={!dir.trim()}>
                  Copy {what}
                </button>
              </>
            )}
          </div>
        </form>
      )}
    </Dialog>
  );
}
