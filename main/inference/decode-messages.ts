// Runs in: the inference worker, the decode worker and the inference client. The protocol
// between the first two: a job names one photo, the outcome carries its tensor and
// thumbnail (transferred, not copied) or the reason it could not be decoded; and the
// client's control messages to the decode worker.
import type { MessagePort } from 'node:worker_threads';
import type { DecodeOptions } from '../imaging/decode-photo';
import type { ErrorCode } from '../shared/errors';
import type { ImageInput, Thumbnail } from './messages';

export interface DecodeJob {
  id: number;
  input: ImageInput;
  options: DecodeOptions;
}

export interface DecodedImage {
  tensor: Float32Array;
  thumbnail?: Thumbnail;
  width: number;
  height: number;
  format: string;
}

/** From the inference client to the decode worker itself. */
export type DecodeControl =
  /** A channel from a (new) inference worker; jobs arrive and outcomes leave on it. */
  | { type: 'connect'; port: MessagePort }
  /** Finish the jobs already running, then exit. */
  | { type: 'drain' };

export type DecodeOutcome =
  | { id: number; ok: true; image: DecodedImage }
  | { id: number; ok: false; error: { code: ErrorCode; message: string } };
