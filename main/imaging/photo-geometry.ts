// Runs in: the inference worker. Pure size arithmetic for one decode with several outputs:
// the CLIP resize and crop (as the reference preprocessing in testdata/clip does it), the
// thumbnail box and the intermediate raw image that serves both.

import type { PreprocessConfig } from '../clip/preprocess-config';
import { ClipfolioError } from '../shared/errors';

export interface ClipGeometry {
  /** Size after "shortest side to resizeShortest"; the long side is truncated, see below. */
  resizeWidth: number;
  resizeHeight: number;
  cropLeft: number;
  cropTop: number;
  cropSize: number;
}

export interface Size {
  width: number;
  height: number;
}

/** Python 3's round(): halves go to the even neighbour, so round(0.5) is 0 and round(1.5) is 2. */
export function roundHalfEven(x: number): number {
  const floor = Math.floor(x);
  const diff = x - floor;
  if (diff > 0.5) return floor + 1;
  if (diff < 0.5) return floor;
  return floor % 2 === 0 ? floor : floor + 1;
}

function assertDimensions(width: number, height: number): void {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new ClipfolioError('INVALID_ARGUMENT', `invalid image size ${width}x${height}`);
  }
}

/**
 * The long side is int(size * long / short), truncated, as torchvision's Resize(224) (the
 * CLIP paper's preprocessing) and Hugging Face's CLIPImageProcessor compute it: 741x500 is
 * resized to 331x224, not 332x224 (rounding puts that file 0.1 away from its reference
 * tensor). The crop offsets stay Python's round, as torchvision's CenterCrop does.
 */
export function clipGeometry(width: number, height: number, cfg: PreprocessConfig): ClipGeometry {
  assertDimensions(width, height);
  const { resizeShortest: size, cropSize } = cfg;
  if (cropSize > size) {
    // torchvision would pad; no CLIP export crops more than it resizes, so refuse instead.
    throw new ClipfolioError('INVALID_ARGUMENT', `crop ${cropSize} is larger than resize ${size}`);
  }
  const landscape = width >= height;
  const long = Math.floor((size * (landscape ? width : height)) / (landscape ? height : width));
  const resizeWidth = landscape ? long : size;
  const resizeHeight = landscape ? size : long;
  return {
    resizeWidth,
    resizeHeight,
    cropLeft: roundHalfEven((resizeWidth - cropSize) / 2),
    cropTop: roundHalfEven((resizeHeight - cropSize) / 2),
    cropSize,
  };
}

/** Fits inside maxSide x maxSide without enlarging; each side stays at least one pixel. */
export function thumbnailSize(width: number, height: number, maxSide: number): Size {
  assertDimensions(width, height);
  const scale = Math.min(1, maxSide / Math.max(width, height));
  return {
    width: Math.max(1, Math.min(maxSide, Math.round(width * scale))),
    height: Math.max(1, Math.min(maxSide, Math.round(height * scale))),
  };
}

/**
 * The one raw image every output is made from: shortest side at least minShortest (twice
 * the CLIP size keeps the second bicubic pass faithful) and large enough for the thumbnail,
 * never larger than the original.
 */
export function intermediateSize(
  width: number,
  height: number,
  minShortest: number,
  thumbnailMaxSide = 0,
): Size {
  assertDimensions(width, height);
  const scale = Math.min(
    1,
    Math.max(minShortest / Math.min(width, height), thumbnailMaxSide / Math.max(width, height)),
  );
  if (scale === 1) return { width, height };
  return {
    width: Math.max(1, Math.round(width * scale)),
    height: Math.max(1, Math.round(height * scale)),
  };
}
