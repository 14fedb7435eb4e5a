// Runs in: main process and the bridge (plain Node). Makes a missing thumbnail again from its
// photo, after the user cleared the thumbnail cache. It asks the decode worker for the
// thumbnail alone: the decode indexing uses, the only one that reads every format the
// library takes (HEIC, RAW previews, EXIF orientation), with the model's preprocessing and
// the same thumbnail spec, so the remade file is the one indexing wrote, byte for byte, and
// no model runs for it. Each tile asks on its own: the decode worker queues and bounds the
// decodes itself, and a tile shows as soon as its photo is done rather than with its batch.
// Two asks for one photo are made once (ThumbnailCache.ensure).
import { DEFAULT_DECODE_TIMEOUT_MS } from '../inference/decode-messages';
import type { InferenceClient } from '../inference/inference-client';
import type { ModelTowers } from '../inference/messages';
import { THUMBNAIL_MAX_SIDE } from '../library/thumbnail-cache';

export class ThumbnailRemaker {
  readonly #client: InferenceClient;

  constructor(client: InferenceClient) {
    this.#client = client;
  }

  /** The WebP thumbnail of the photo at `path`, or null when it cannot be read or decoded. */
  async remake(model: ModelTowers, path: string): Promise<Uint8Array | null> {
    try {
      const result = await this.#client.makeThumbnail(path, {
        preprocess: model.preprocess,
        thumbnail: { maxSide: THUMBNAIL_MAX_SIDE },
        timeoutMs: DEFAULT_DECODE_TIMEOUT_MS,
      });
      return result.ok ? result.image.thumbnail.data : null;
    } catch {
      // The decode worker stopped (or the client is closing): the tile stays blank, the next ask tries again.
      return null;
    }
  }
}
