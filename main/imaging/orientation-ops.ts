// Runs in: the inference worker. EXIF orientation applied by hand, for pixels whose
// orientation lives somewhere sharp does not look: a camera RAW's own IFD0, when the JPEG
// preview embedded in it carries no EXIF of its own.

import type { Sharp } from 'sharp';

/** The sharp operations that display an image stored with EXIF orientation 1..8. */
export function orientationOps(orientation: number): (image: Sharp) => Sharp {
  // sharp mirrors before it rotates, whatever the call order, hence 5 = flip + 90 and
  // 7 = flop + 90 (transpose and transverse).
  return (image) => {
    switch (orientation) {
      case 2:
        return image.flop();
      case 3:
        return image.rotate(180);
      case 4:
        return image.flip();
      case 5:
        return image.rotate(90).flip();
      case 6:
        return image.rotate(90);
      case 7:
        return image.rotate(90).flop();
      case 8:
        return image.rotate(270);
      default:
        return image;
    }
  };
}
