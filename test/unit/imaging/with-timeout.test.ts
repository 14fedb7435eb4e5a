// Checks the per-file time limit: a decode that never settles is reported as TIMEOUT, and
// one that settles passes its result or its own error through unchanged.
import { describe, expect, it } from 'vitest';
import { ClipfolioError } from '../../../main/shared/errors';
import { withTimeout } from '../../../main/imaging/with-timeout';

describe('withTimeout', () => {
  it('rejects with TIMEOUT when the work never settles', async () => {
    const never = new Promise<never>(() => undefined);
    const err: unknown = await withTimeout(never, 20, 'decoding x').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ClipfolioError);
    expect(err).toMatchObject({ code: 'TIMEOUT', message: 'decoding x took longer than 20 ms' });
  });

  it('passes results and errors through', async () => {
    await expect(withTimeout(Promise.resolve(42), 1000, 'x')).resolves.toBe(42);
    await expect(withTimeout(Promise.reject(new Error('boom')), 1000, 'x')).rejects.toThrow('boom');
  });
});
