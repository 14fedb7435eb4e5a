// Runs in: the inference worker. Keeps decoding and inference busy at the same time: while one
// group of photos runs through ONNX Runtime, the next group is decoded by sharp (on libuv
// threads, so truly in parallel), a few files at once.

export interface Prepared<P> {
  index: number;
  value: P;
}

/**
 * Prepares items in groups of `groupSize` (up to `concurrency` at once) and hands each group to
 * `consume` in order, preparing group g+1 while group g is consumed. `prepare` should settle
 * per-item failures itself; a rejection fails the whole run.
 */
export async function runOverlappedGroups<T, P>(
  items: readonly T[],
  options: { groupSize: number; concurrency: number },
  prepare: (item: T, index: number) => Promise<P>,
  consume: (group: Prepared<P>[]) => Promise<void>,
): Promise<void> {
  const starts: number[] = [];
  for (let i = 0; i < items.length; i += options.groupSize) starts.push(i);
  const prepareGroup = (start: number): Promise<Prepared<P>[]> =>
    mapLimited(items.slice(start, start + options.groupSize), options.concurrency, async (item, offset) => ({
      index: start + offset,
      value: await prepare(item, start + offset),
    }));

  let next = starts[0] === undefined ? undefined : prepareGroup(starts[0]);
  for (let g = 0; next; g++) {
    const current = await next;
    const following = starts[g + 1];
    next = following === undefined ? undefined : prepareGroup(following);
    try {
      await consume(current);
    } catch (err) {
      // The group being prepared is abandoned; its outcome must not surface as unhandled.
      next?.catch(() => undefined);
      throw err;
    }
  }
}

/** Like Promise.all over items.map(fn), with at most `limit` calls in flight. */
export async function mapLimited<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let nextIndex = 0;
  const lane = async (): Promise<void> => {
    while (nextIndex < items.length) {
      const i = nextIndex++;
      results[i] = await fn(items[i] as T, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(Math.max(1, limit), items.length) }, lane));
  return results;
}
