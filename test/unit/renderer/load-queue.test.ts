// Tests the load queue the photo listing runs through: one load at a time, calls made while
// one runs fold into a single next load of the widest kind asked for, calls made before a
// load begins join it, and a failed load does not stop the next.
import { describe, expect, it } from 'vitest';
import { loadQueue } from '../../../renderer/src/lib/load-queue';

type Kind = 'all' | 'tail';
const wider = (a: Kind, b: Kind): Kind => (a === 'all' || b === 'all' ? 'all' : 'tail');
const turn = () => new Promise((resolve) => setTimeout(resolve, 0));

function recorder(fail = new Set<number>()) {
  const runs: Kind[] = [];
  let active = 0;
  let overlapped = false;
  const run = async (kind: Kind) => {
    const n = runs.push(kind);
    active += 1;
    overlapped ||= active > 1;
    await turn();
    active -= 1;
    if (fail.has(n)) throw new Error(`load ${n} failed`);
  };
  return { runs, run, overlapped: () => overlapped };
}

describe('loadQueue', () => {
  it('runs one load at a time and folds the calls made meanwhile into one, the widest asked for', async () => {
    const { runs, run, overlapped } = recorder();
    const load = loadQueue(run, wider);
    const first = load('tail');
    expect(load('tail')).toBe(first);
    await Promise.resolve();
    const a = load('tail');
    const b = load('all');
    const c = load('tail');
    expect(a).not.toBe(first);
    expect(b).toBe(a);
    expect(c).toBe(a);
    await Promise.all([first, a]);
    expect(runs).toEqual(['tail', 'all']);
    expect(overlapped()).toBe(false);
  });

  it('settles each call after a load that began after it', async () => {
    const { runs, run } = recorder();
    const load = loadQueue(run, wider);
    void load('all');
    await Promise.resolve();
    await load('tail');
    expect(runs).toEqual(['all', 'tail']);
  });

  it('goes on after a failed load', async () => {
    const { runs, run } = recorder(new Set([1]));
    const load = loadQueue(run, wider);
    const failed = load('all');
    await Promise.resolve();
    const next = load('tail');
    await expect(failed).rejects.toThrow('load 1 failed');
    await next;
    expect(runs).toEqual(['all', 'tail']);
  });
});
