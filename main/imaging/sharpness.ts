// Runs in: main process (plain Node, sharp). How sharp a photo looks, for choosing which of
// near-duplicates to keep: the variance of the Laplacian of its grey thumbnail, the usual
// focus measure (a blurred or shaken shot has weak edges, so little variance). Thumbnails
// of one group share a size and a subject, so their numbers compare; across groups they
// mean nothing, and the UI never shows them, only which photo of a group is sharpest.
import sharp from 'sharp';

/**
 * 0 for a flat image; higher is sharper. The Laplacian is scaled by 1/4 and offset by 128 so
 * that its signed values fit the 8-bit output unclipped; the variance is taken here, since
 * sharp's stats() describes the input rather than the pipeline's result.
 */
export async function sharpness(image: string | Uint8Array): Promise<number> {
  const { data } = await sharp(image)
    .greyscale()
    .convolve({ width: 3, height: 3, kernel: [0, 1, 0, 1, -4, 1, 0, 1, 0], scale: 4, offset: 128 })
    .raw()
    .toBuffer({ resolveWithObject: true });
  let sum = 0;
  let squares = 0;
  for (const value of data) {
    sum += value;
    squares += value * value;
  }
  const n = Math.max(1, data.length);
  return squares / n - (sum / n) ** 2;
}
