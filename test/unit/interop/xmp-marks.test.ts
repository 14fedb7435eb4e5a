// Unit tests for how marks are spelled in XMP: ratings as Lightroom and digiKam write them,
// the favourite keyword in its spellings, and the user's quarter turns composed with every
// EXIF orientation and read back from an orientation another program wrote.
import { describe, expect, it } from 'vitest';
import { isFavouriteKeyword, orientationWith, ratingOf, rotationFrom } from '../../../main/interop/xmp-marks';

describe('XMP marks', () => {
  it('reads 0-5 stars, as numbers or text, and nothing else', () => {
    expect([0, 3, 5, '4', ' 2 '].map(ratingOf)).toEqual([0, 3, 5, 4, 2]);
    // Lightroom's -1 is "rejected", not a rating; the rest is junk.
    expect([-1, 6, 2.5, '', 'five', null, undefined].map(ratingOf)).toEqual([null, null, null, null, null, null, null]);
  });

  it('knows the favourite keyword in the spellings programs use', () => {
    expect(['Favorite', 'favourite', 'Favorites', ' FAVOURITES '].every(isFavouriteKeyword)).toBe(true);
    expect(['fav', 'favorite things'].some(isFavouriteKeyword)).toBe(false);
  });

  it('turns every orientation a quarter at a time, mirrors kept, and reads the turn back', () => {
    expect(orientationWith(null, 90)).toBe(6);
    expect(orientationWith(1, 270)).toBe(8);
    expect(orientationWith(6, 90)).toBe(3);
    expect(orientationWith(8, 90)).toBe(1);
    // Mirrored orientations stay mirrored: 2 (mirror) turned right is 7 (mirror, then 90 CW).
    expect(orientationWith(2, 90)).toBe(7);
    for (const exif of [1, 2, 3, 4, 5, 6, 7, 8]) {
      for (const turn of [0, 90, 180, 270] as const) expect(rotationFrom(exif, orientationWith(exif, turn))).toBe(turn);
    }
    // A mirror is no turn: another program's mirrored orientation on an upright file is not read as one.
    expect(rotationFrom(1, 2)).toBeNull();
    expect(rotationFrom(1, 9)).toBeNull();
  });
});
