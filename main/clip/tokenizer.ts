// Runs in: main and the inference worker. Turns prompt text into the token ids a CLIP text
// encoder expects, using the model folder's own Hugging Face tokenizer files, so each model
// is tokenised exactly as it was trained (CLIP BPE, XLM-R SentencePiece, ...).

import path from 'node:path';
import { Tokenizer } from '@huggingface/tokenizers';
import { ClipfolioError } from '../shared/errors';
import { readModelJson } from '../models/read-model-json';

/** openai/CLIP and open_clip encode every prompt into this many positions. */
const DEFAULT_CONTEXT_LENGTH = 77;
/**
 * HF writes a huge sentinel (1e30) as model_max_length when a tokenizer has no limit; only a
 * plausible value is taken as the model's context length.
 */
const MAX_PLAUSIBLE_CONTEXT = 4096;

export interface ClipTokenizerOptions {
  /** The text encoder's sequence length; defaults to tokenizer_config's model_max_length, else 77. */
  contextLength?: number;
}

type TokenConfigValue = string | { content?: string } | null | undefined;

interface TokenizerConfigFile {
  model_max_length?: number;
  pad_token?: TokenConfigValue;
  [key: string]: unknown;
}

export class ClipTokenizer {
  private constructor(
    private readonly tokenizer: Tokenizer,
    readonly contextLength: number,
    readonly startId: number,
    readonly endId: number,
    readonly padId: number,
  ) {}

  /**
   * Loads tokenizer.json (required) and tokenizer_config.json (optional: without it, padding
   * uses id 0 as open_clip does) from `dir`.
   */
  static async fromFolder(dir: string, options: ClipTokenizerOptions = {}): Promise<ClipTokenizer> {
    const tokenizerJson = await readModelJson(path.join(dir, 'tokenizer.json'), true);
    const config = ((await readModelJson(path.join(dir, 'tokenizer_config.json'), false)) ??
      {}) as TokenizerConfigFile;
    const tokenizer = new Tokenizer(tokenizerJson as object, config);

    // The post-processor decides the special tokens; an empty text shows which ones it adds.
    const bare = tokenizer.encode('').ids;
    const startId = bare[0];
    const endId = bare[bare.length - 1];
    if (bare.length !== 2 || startId === undefined || endId === undefined) {
      throw new ClipfolioError(
        'MODEL_INVALID',
        `${path.join(dir, 'tokenizer.json')} does not add a start and an end token around the text; ` +
          'a CLIP text encoder needs both.',
      );
    }

    const padToken = tokenName(config.pad_token);
    const padId = padToken === undefined ? 0 : tokenizer.token_to_id(padToken);
    if (padId === undefined) {
      throw new ClipfolioError(
        'MODEL_INVALID',
        `pad_token '${padToken}' in ${path.join(dir, 'tokenizer_config.json')} is not in the vocabulary.`,
      );
    }

    const contextLength = options.contextLength ?? configuredContextLength(config) ?? DEFAULT_CONTEXT_LENGTH;
    if (!Number.isInteger(contextLength) || contextLength < 2) {
      throw new ClipfolioError('INVALID_ARGUMENT', `context length must be an integer >= 2, got ${contextLength}`);
    }
    return new ClipTokenizer(tokenizer, contextLength, startId, endId, padId);
  }

  /**
   * Ids from the start token to the end token inclusive, unpadded. Longer texts are cut to the
   * context length with the end token kept last, as openai/CLIP's tokenize(truncate=True) does:
   * the text encoders read the embedding at the end token.
   */
  encode(text: string): number[] {
    // open_clip cleans whitespace before any tokenizer; not every tokenizer.json normaliser does.
    const cleaned = text.replace(/\s+/g, ' ').trim();
    const ids = this.tokenizer.encode(cleaned).ids;
    if (ids.length <= this.contextLength) return ids;
    return [...ids.slice(0, this.contextLength - 1), this.endId];
  }
}

function tokenName(value: TokenConfigValue): string | undefined {
  if (typeof value === 'string') return value;
  return value?.content ?? undefined;
}

function configuredContextLength(config: TokenizerConfigFile): number | undefined {
  const max = config.model_max_length;
  return typeof max === 'number' && Number.isInteger(max) && max <= MAX_PLAUSIBLE_CONTEXT ? max : undefined;
}
