// Runs in: the renderer. Indexing as the user follows it: a progress bar with counts, rate
// and ETA, pause/resume and stop while it runs, and afterwards the files that failed, each
// with its reason in plain words (the decoder's text under "Details"), to try again or put away.
import { useStore } from '../../hooks/use-store';
import { failureWords } from '../../lib/failure-words';
import { fileName, formatCount, formatEta, formatRate, progressFraction } from '../../lib/format';
import { cancelIndexing, dismissedFailures, dismissFailures, indexingStore, pauseIndexing, resumeIndexing, retryFailed, startIndexing } from '../../stores/indexing-store';
import { ProgressBar } from '../ProgressBar/ProgressBar';
import './IndexingPanel.css';

export function IndexingPanel() {
  const status = useStore(indexingStore);
  const dismissed = useStore(dismissedFailures);
  if (!status) return null;
  const { state, progress, lastSummary, lastError } = status;
  // Put away: the same run's failures (main sends a new summary object with every status).
  const putAway = dismissed !== null && lastSummary !== null && dismissed.seconds === lastSummary.seconds && dismissed.failed.length === lastSummary.failed.length;
  const failed = putAway ? [] : (lastSummary?.failed ?? []);
  const active = state !== 'idle';
  if (!active && failed.length === 0 && !lastError) return null;
  const fraction = progressFraction(progress);
  const finished = progress ? progress.done + progress.failed : 0;

  return (
    <section className="indexing" aria-label="Indexing">
      {active && (
        <div className="indexing-row">
          <ProgressBar
            className="indexing-bar"
            label="Indexing progress"
            fraction={fraction}
            max={progress?.queued ?? 0}
            now={finished}
            valueText={progress ? `${finished} of ${progress.queued} photos` : 'Looking for photos'}
          />
          <span className="indexing-text" aria-live="polite">
            {state === 'paused' ? 'Paused · ' : ''}
            {progress
              ? `${finished.toLocaleString('en-US')} of ${formatCount(progress.queued, 'photo')} · ${formatRate(progress.imagesPerSecond)} · ${formatEta(progress.etaSeconds)}`
              : 'Looking for photos…'}
            {progress && progress.failed > 0 ? ` · ${progress.failed} failed` : ''}
          </span>
          {state === 'running' ? (
            <button type="button" onClick={() => void pauseIndexing()}>
              Pause
            </button>
          ) : (
            <button type="button" onClick={() => void resumeIndexing()}>
              Resume
            </button>
          )}
          <button type="button" onClick={() => void cancelIndexing()}>
            Stop
          </button>
        </div>
      )}
      {!active && lastError && (
        <p className="indexing-error" role="alert">
          Indexing stopped: {lastError.message}{' '}
          <button type="button" onClick={() => void startIndexing()}>
            Try again
          </button>
        </p>
      )}
      {!active && failed.length > 0 && (
        <div className="indexing-failed-row">
          <details className="indexing-failed">
            <summary>{formatCount(failed.length, 'file')} could not be indexed</summary>
            <ul>
              {failed.map((f) => {
                const words = failureWords(f.reason);
                return (
                  <li key={f.path}>
                    <span className="failed-name" title={f.path}>
                      {fileName(f.path)}
                    </span>{' '}
                    <span className="failed-reason">{words.plain}</span>
                    {words.detail && (
                      <details className="failed-detail">
                        <summary>Details</summary>
                        <code>{words.detail}</code>
                      </details>
                    )}
                  </li>
                );
              })}
            </ul>
          </details>
          <button type="button" onClick={() => void retryFailed()}>
            Try again
          </button>
          <button type="button" className="failed-dismiss" aria-label="Put this list away" title="Put this list away" onClick={dismissFailures}>
            ×
          </button>
        </div>
      )}
    </section>
  );
}
