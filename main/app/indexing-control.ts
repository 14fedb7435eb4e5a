// Runs in: main process and the bridge (plain Node). Start, pause, resume and cancel of the
// one indexing run, as the UI sees it. The run itself is async work in the indexer and the
// inference worker, so the main process keeps answering the UI while a library indexes;
// every change of state goes out as an 'indexing:progress' event. A run asked for by a
// command handed over from the CLI is one of these runs too: the window shows it, and the
// terminal gets its progress and summary.
import type { IndexingProgress, IndexingStatus, IndexingSummary, ApiError } from '../shared/api-contract';
import { ClipfolioError, errorMessage } from '../shared/errors';
import type { Indexer, IndexRunOptions, IndexSummary } from '../library/indexer';
import { progressView, summaryView } from './contract-views';

export class IndexingControl {
  readonly #indexer: Indexer;
  readonly #onChange: (status: IndexingStatus) => void;
  readonly #onFinished: () => void;
  #run: { abort: AbortController; done: Promise<void> } | null = null;
  #progress: IndexingProgress | null = null;
  #lastSummary: IndexingSummary | null = null;
  #lastError: ApiError | null = null;

  constructor(indexer: Indexer, onChange: (status: IndexingStatus) => void, onFinished: () => void) {
    this.#indexer = indexer;
    this.#onChange = onChange;
    this.#onFinished = onFinished;
  }

  status(): IndexingStatus {
    return {
      state: this.#run ? (this.#indexer.paused ? 'paused' : 'running') : 'idle',
      progress: this.#progress,
      lastSummary: this.#lastSummary,
      lastError: this.#lastError,
    };
  }

  /** Starts a run unless one is going; a second start while running just reports the status. */
  start(folders?: readonly string[]): IndexingStatus {
    if (!this.#run) void this.#begin({ folders }).catch(() => undefined);
    return this.status();
  }

  /**
   * A run for a command handed over from the CLI: after the one going, if any, shown in the
   * window like the window's own; resolves with its summary, stopped by `options.signal`.
   */
  async run(options: IndexRunOptions): Promise<IndexSummary> {
    while (this.#run) await this.#run.done;
    return this.#begin(options);
  }

  #begin(options: IndexRunOptions): Promise<IndexSummary> {
    const abort = new AbortController();
    options.signal?.addEventListener('abort', () => abort.abort(), { once: true });
    this.#progress = null;
    this.#lastError = null;
    this.#indexer.resume();
    const result = this.#indexer.run({
      folders: options.folders,
      signal: abort.signal,
      onProgress: (p) => {
        this.#progress = progressView(p);
        options.onProgress?.(p);
        this.#changed();
      },
    });
    const done = result
      .then(
        (summary) => {
          this.#lastSummary = summaryView(summary);
        },
        (err: unknown) => {
          this.#lastError =
            err instanceof ClipfolioError ? { code: err.code, message: err.message } : { code: 'INTERNAL', message: errorMessage(err) };
        },
      )
      .finally(() => {
        this.#run = null;
        this.#changed();
        this.#onFinished();
      });
    this.#run = { abort, done };
    this.#changed();
    return result;
  }

  pause(): IndexingStatus {
    if (this.#run) {
      this.#indexer.pause();
      this.#changed();
    }
    return this.status();
  }

  resume(): IndexingStatus {
    this.#indexer.resume();
    if (this.#run) this.#changed();
    return this.status();
  }

  /** Cancels the run and waits until what was in flight is saved. */
  async cancel(): Promise<IndexingStatus> {
    const run = this.#run;
    if (run) {
      run.abort.abort();
      await run.done;
    }
    return this.status();
  }

  #changed(): void {
    this.#onChange(this.status());
  }
}
