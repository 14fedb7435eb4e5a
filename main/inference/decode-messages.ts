// Runs in: the inference worker, the decode worker and the inference client. The protocol
// between the first two: a job names one photo, the outcome carries its tensor and
// thumbnail (transferred, not copied) or the reason it could not be decoded; and the
// client's control messages to the decode worker. The client sends thumbnail-only jobs
// itself, on a channel of its own (a thumbnail made again needs no model).
import type { MessagePort } from 'node:worker_threads';
import type { DecodeOptions } from '../imaging/decode-photo';
import type { ErrorCode } from '../shared/errors';
import type { ImageInput, Thumbnail } from './messages';

/** A decode's time limit unless asked otherwise: one pathological file must not stall a whole indexing run, nor hold a decode slot for good. */
export const DEFAULT_DECODE_TIMEOUT_MS = 60_000;

/** A thumbnail-only job's options: the thumbnail spec is what it is for. */
export type ThumbnailDecodeOptions = DecodeOptions & Required<Pick<DecodeOptions, 'thumbnail'>>;

export type DecodeJob = { id: number; input: ImageInput } & (
  | { output: 'tensor'; options: DecodeOptions }
  | { output: 'thumbnail'; options: ThumbnailDecodeOptions }
);

interface DecodedFacts {
  /** Of the decoded photo, after EXIF orientation. */
  width: number;
  height: number;
  format: string;
}

export interface DecodedImage extends DecodedFacts {
  tensor: Float32Array;
  thumbnail?: Thumbnail;
}

export interface DecodedThumbnail extends DecodedFacts {
  thumbnail: Thumbnail;
}

/** From the inference client to the decode worker itself. */
export type DecodeControl =
  /** A channel from a (new) inference worker, or the client's own; jobs arrive and outcomes leave on it. */
  | { type: 'connect'; port: MessagePort }
  /** Finish the jobs already running, then exit. */
  | { type: 'drain' };

export type DecodeResult<T> = { ok: true; image: T } | { ok: false; error: { code: ErrorCode; message: string } };

export type DecodeOutcome<T = DecodedImage> = DecodeResult<T> & { id: number };
