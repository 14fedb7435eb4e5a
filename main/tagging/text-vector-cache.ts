// Runs in: the main process. Prompt embeddings by text for one model: re-tagging after a
// threshold change or a correction then costs one matrix product and no text encoding; only
// new prompts go to the worker. Every typed search query passes through here too, so the
// cache keeps the most recently used `capacity` texts and forgets the oldest: the prompts of
// the categories stay because every re-tag uses them again.
import type { InferenceClient, Provider } from '../inference/inference-client';
import type { ModelTowers } from '../inference/messages';
import { ClipfolioError } from '../shared/errors';

/** About 8 MB of 512-d vectors: far more than a hundred categories' prompts (ten or so each). */
export const TEXT_VECTOR_CAPACITY = 4096;

export class TextVectorCache {
  /** In order of last use, oldest first (a Map iterates in insertion order). */
  readonly #vectors = new Map<string, Float32Array>();

  constructor(
    readonly client: InferenceClient,
    readonly model: ModelTowers,
    readonly provider: Provider = 'auto',
    readonly capacity = TEXT_VECTOR_CAPACITY,
  ) {}

  /** Unit embeddings of `texts`, in order. */
  async embed(texts: readonly string[]): Promise<Float32Array[]> {
    // Hits are held here, not looked up again after the await: a concurrent call may evict them meanwhile.
    const found = new Map<string, Float32Array>();
    for (const text of texts) {
      const vector = this.#vectors.get(text);
      if (vector) found.set(text, vector);
    }
    const missing = [...new Set(texts.filter((t) => !found.has(t)))];
    if (missing.length > 0) {
      const results = await this.client.embedTexts(this.model, missing, { provider: this.provider });
      for (const r of results) found.set(r.text, r.embedding);
    }
    for (const [text, vector] of found) {
      this.#vectors.delete(text);
      this.#vectors.set(text, vector);
    }
    for (const oldest of this.#vectors.keys()) {
      if (this.#vectors.size <= this.capacity) break;
      this.#vectors.delete(oldest);
    }
    return texts.map((text) => {
      const vector = found.get(text);
      if (!vector) throw new ClipfolioError('INTERNAL', `no embedding came back for ${JSON.stringify(text)}`);
      return vector;
    });
  }
}
