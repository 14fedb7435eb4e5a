// Runs in: vitest. The concurrency limit used for decodes: bounded in flight, results in order.
import { describe, expect, it } from 'vitest';
import { mapLimited } from '../../../main/inference/map-limited';

/** A promise the test settles by hand, so ordering is checked without timers. */
function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = () => {};
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('mapLimited', () => {
  it('keeps at most `limit` calls in flight and returns results in input order', async () => {
    let inFlight = 0;
    let peak = 0;
    const gates = Array.from({ length: 6 }, deferred);
    const run = mapLimited([0, 1, 2, 3, 4, 5], 2, async (i) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await gates[i]!.promise;
      inFlight--;
      return i * i;
    });
    for (const gate of [...gates].reverse()) gate.resolve();
    expect(await run).toEqual([0, 1, 4, 9, 16, 25]);
    expect(peak).toBe(2);
  });
});
