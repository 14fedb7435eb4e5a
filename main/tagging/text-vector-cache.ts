// Runs in: the main process. Prompt embeddings by text for one model, kept for the life of
// the process: re-tagging after a threshold change or a correction then costs one matrix
// product and no text encoding; only new prompts go to the worker.
import type { InferenceClient, Provider } from '../inference/inference-client';
import type { ModelTowers } from '../inference/messages';
import { ClipfolioError } from '../shared/errors';

export class TextVectorCache {
  readonly #vectors = new Map<string, Float32Array>();

  constructor(
    readonly client: InferenceClient,
    readonly model: ModelTowers,
    readonly provider: Provider = 'auto',
  ) {}

  /** Unit embeddings of `texts`, in order. */
  async embed(texts: readonly string[]): Promise<Float32Array[]> {
    const missing = [...new Set(texts.filter((t) => !this.#vectors.has(t)))];
    if (missing.length > 0) {
      const results = await this.client.embedTexts(this.model, missing, { provider: this.provider });
      for (const r of results) this.#vectors.set(r.text, r.embedding);
    }
    return texts.map((text) => {
      const vector = this.#vectors.get(text);
      if (!vector) throw new ClipfolioError('INTERNAL', `no embedding came back for ${JSON.stringify(text)}`);
      return vector;
    });
  }
}
