// Runs in: the inference worker and the decode worker. The protocol between them: a job
// names one photo, the outcome carries its tensor and thumbnail (transferred, not copied)
// or the reason it could not be decoded.
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

export type DecodeOutcome =
  | { id: number; ok: true; image: DecodedImage }
  | { id: number; ok: false; error: { code: ErrorCode; message: string } };
