// Runs in: the renderer (pure, no React). Loads that must not overlap, such as listing the
// photos: one runs at a time, and the calls made while one runs wait for a single next load
// that does the most any of them asked for, so a burst of events costs one more listing,
// and each caller's promise settles once a load that began after its call has finished.

/** `run` does one load of a kind; `wider` is the kind that covers both (a full listing covers a tail). */
export function loadQueue<K>(run: (kind: K) => Promise<void>, wider: (a: K, b: K) => K): (kind: K) => Promise<void> {
  let running: Promise<void> = Promise.resolve();
  let waiting: { kind: K; done: Promise<void> } | null = null;
  return (kind) => {
    if (waiting) {
      waiting.kind = wider(waiting.kind, kind);
      return waiting.done;
    }
    const next: { kind: K; done: Promise<void> } = { kind, done: Promise.resolve() };
    next.done = running.then(() => {
      // Begun: later calls queue behind it.
      waiting = null;
      return run(next.kind);
    });
    waiting = next;
    running = next.done.catch(() => undefined);
    return next.done;
  };
}
