// Unit tests for the text vector cache: texts are embedded once, in one worker call per batch
// of new ones, and the cache forgets the least recently used texts beyond its capacity, so
// typed queries cannot grow it without bound while the prompts used on every re-tag stay.
import { describe, expect, it } from 'vitest';
import type { InferenceClient } from '../../../main/inference/inference-client';
import type { ModelTowers } from '../../../main/inference/messages';
import { TextVectorCache } from '../../../main/tagging/text-vector-cache';

/** A cache over a fake worker that records the texts of each call. */
function cacheWith(capacity: number) {
  const calls: string[][] = [];
  const client = {
    embedTexts: (_model: ModelTowers, texts: string[]) => {
      calls.push(texts);
      return Promise.resolve(texts.map((text) => ({ text, embedding: Float32Array.of(text.length) })));
    },
  } as unknown as InferenceClient;
  return { cache: new TextVectorCache(client, {} as ModelTowers, 'cpu', capacity), calls };
}

describe('TextVectorCache', () => {
  it('embeds each new text once, in order, with repeats in one call', async () => {
    const { cache, calls } = cacheWith(10);
    const vectors = await cache.embed(['a', 'bb', 'a']);
    expect(vectors.map((v) => v[0])).toEqual([1, 2, 1]);
    await cache.embed(['bb', 'ccc']);
    expect(calls).toEqual([['a', 'bb'], ['ccc']]);
  });

  it('forgets the least recently used texts beyond its capacity, keeping the ones used again', async () => {
    const { cache, calls } = cacheWith(3);
    await cache.embed(['prompt 1', 'prompt 2']);
    for (const query of ['query 1', 'query 2', 'query 3']) {
      await cache.embed([query]);
      // A re-tag uses the categories' prompts again, so they stay the most recent.
      await cache.embed(['prompt 1', 'prompt 2']);
    }
    expect(calls.flat().filter((t) => t.startsWith('prompt'))).toEqual(['prompt 1', 'prompt 2']);
    await cache.embed(['query 3']);
    await cache.embed(['query 1']);
    expect(calls.at(-1)).toEqual(['query 1']);
    expect(calls.flat().filter((t) => t === 'query 3')).toHaveLength(1);
  });

  it('answers a batch larger than its capacity in full', async () => {
    const { cache } = cacheWith(2);
    expect((await cache.embed(['a', 'bb', 'ccc', 'a'])).map((v) => v[0])).toEqual([1, 2, 3, 1]);
  });
});
