// Runs in: vitest. The decode/inference overlap: group g+1 is being prepared while group g is
// consumed, groups arrive in order, and in-flight preparation is bounded.
import { describe, expect, it } from 'vitest';
import { mapLimited, runOverlappedGroups } from '../../../main/inference/overlapped-groups';

/** A promise the test settles by hand, so ordering is checked without timers. */
function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = () => {};
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('runOverlappedGroups', () => {
  it('prepares the next group while consuming the current one, in order', async () => {
    const events: string[] = [];
    const release = deferred();
    await runOverlappedGroups(
      [0, 1, 2, 3, 4],
      { groupSize: 2, concurrency: 2 },
      (item) => {
        events.push(`prepare ${item}`);
        return Promise.resolve(item * 10);
      },
      async (group) => {
        events.push(`consume ${group.map((g) => `${g.index}:${g.value}`).join(',')}`);
        if (group[0]?.index === 0) {
          // While group 0 is consumed, group 1 must already be preparing.
          await Promise.resolve();
          expect(events).toContain('prepare 2');
          release.resolve();
        }
        await release.promise;
      },
    );
    expect(events.filter((e) => e.startsWith('consume'))).toEqual(['consume 0:0,1:10', 'consume 2:20,3:30', 'consume 4:40']);
  });

  it('does nothing for no items', async () => {
    let consumed = 0;
    await runOverlappedGroups(
      [],
      { groupSize: 4, concurrency: 4 },
      () => Promise.resolve(1),
      () => Promise.resolve(void consumed++),
    );
    expect(consumed).toBe(0);
  });

  it('fails when consume fails', async () => {
    await expect(
      runOverlappedGroups(
        [1, 2, 3],
        { groupSize: 1, concurrency: 1 },
        (x) => Promise.resolve(x),
        () => Promise.reject(new Error('inference failed')),
      ),
    ).rejects.toThrow('inference failed');
  });
});

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
