// Runs in: main process and the bridge (plain Node). Makes a missing thumbnail again from its
// photo, after the user cleared the thumbnail cache. It goes through the inference worker's
// decode, the only one that reads every format the library takes (HEIC, RAW previews, EXIF
// orientation), so a remade thumbnail is the one indexing made. The worker has no
// decode-only request; the embedding that comes with it is dropped, a small price next to
// the decode itself. Asks that arrive together (a grid's screenful) travel as one request,
// so the worker batches them.
import type { InferenceClient, Provider } from '../inference/inference-client';
import type { ModelTowers } from '../inference/messages';
import { THUMBNAIL_MAX_SIDE } from '../library/thumbnail-cache';

/** Photos per request: a grid's screenful, small enough that the first tiles come back soon. */
const REQUEST_SIZE = 16;

interface Ask {
  model: ModelTowers;
  path: string;
  resolve: (data: Uint8Array | null) => void;
}

export class ThumbnailRemaker {
  readonly #client: InferenceClient;
  readonly #provider: () => Provider;
  #waiting: Ask[] = [];
  #scheduled = false;

  constructor(client: InferenceClient, provider: () => Provider) {
    this.#client = client;
    this.#provider = provider;
  }

  /** The WebP thumbnail of the photo at `path`, or null when it cannot be read or decoded. */
  remake(model: ModelTowers, path: string): Promise<Uint8Array | null> {
    return new Promise((resolve) => {
      this.#waiting.push({ model, path, resolve });
      if (this.#scheduled) return;
      this.#scheduled = true;
      // One turn of the event loop gathers the tiles that asked together.
      setImmediate(() => {
        this.#scheduled = false;
        this.#flush();
      });
    });
  }

  #flush(): void {
    while (this.#waiting.length > 0) {
      const model = this.#waiting[0]?.model;
      const batch = this.#waiting.filter((ask) => ask.model === model).slice(0, REQUEST_SIZE);
      this.#waiting = this.#waiting.filter((ask) => !batch.includes(ask));
      if (model) void this.#request(model, batch);
    }
  }

  async #request(model: ModelTowers, batch: Ask[]): Promise<void> {
    try {
      const results = await this.#client.embedImages(
        model,
        batch.map((ask) => ({ path: ask.path })),
        { provider: this.#provider(), thumbnail: { maxSide: THUMBNAIL_MAX_SIDE } },
      );
      batch.forEach((ask, i) => {
        const result = results[i];
        ask.resolve(result?.ok ? (result.thumbnail?.data ?? null) : null);
      });
    } catch {
      // The worker failed (or is closing): these tiles stay blank, the next ask tries again.
      for (const ask of batch) ask.resolve(null);
    }
  }
}
