// Runs in: main process (plain Node). The marks a user puts on photos, as Lightroom and Apple
// Photos have them: 0-5 stars, a favourite (heart), and a rotation kept in the catalog (the
// file is never rewritten; the UI turns the picture and XMP sidecars carry the orientation).
// Each call is one catalog edit, so one undo takes back a whole selection's change.
import { ClipfolioError } from '../shared/errors';
import type { Catalog } from './catalog';
import { MAX_RATING, type PhotoRecord, type Rotation } from './catalog-schema';

function countOf(photos: number): string {
  return photos === 1 ? '1 photo' : `${photos.toLocaleString('en-US')} photos`;
}

/** The photos by id, each existing, each once. */
function photosOf(catalog: Catalog, ids: readonly string[]): PhotoRecord[] {
  return [...new Set(ids)].map((id) => {
    const photo = catalog.getPhoto(id);
    if (!photo) throw new ClipfolioError('NOT_FOUND', `no photo with id ${id}`);
    return photo;
  });
}

/** Gives the photos `rating` stars (0 clears them); returns how many changed. */
export function ratePhotos(catalog: Catalog, ids: readonly string[], rating: number): number {
  if (!Number.isInteger(rating) || rating < 0 || rating > MAX_RATING) throw new ClipfolioError('INVALID_ARGUMENT', `a rating is a whole number from 0 to ${MAX_RATING}`);
  const photos = photosOf(catalog, ids).filter((p) => p.rating !== rating);
  if (photos.length === 0) return 0;
  const label = rating === 0 ? `Clear the stars of ${countOf(photos.length)}` : `Give ${countOf(photos.length)} ${rating} star${rating === 1 ? '' : 's'}`;
  catalog.edit(label, () => {
    for (const photo of photos) catalog.updatePhoto(photo.id, { rating });
  });
  return photos.length;
}

/** Marks the photos as favourites, or not; returns how many changed. */
export function setFavourite(catalog: Catalog, ids: readonly string[], favourite: boolean): number {
  const photos = photosOf(catalog, ids).filter((p) => p.favourite !== favourite);
  if (photos.length === 0) return 0;
  catalog.edit(favourite ? `Add ${countOf(photos.length)} to favourites` : `Remove ${countOf(photos.length)} from favourites`, () => {
    for (const photo of photos) catalog.updatePhoto(photo.id, { favourite });
  });
  return photos.length;
}

/** `rotation` turned a quarter clockwise ('right') or anticlockwise ('left'). */
export function turned(rotation: Rotation, direction: 'left' | 'right'): Rotation {
  return (((rotation + (direction === 'right' ? 90 : 270)) % 360) as Rotation);
}

/** Turns each photo a quarter left or right (non-destructive); returns how many turned. */
export function rotatePhotos(catalog: Catalog, ids: readonly string[], direction: 'left' | 'right'): number {
  const photos = photosOf(catalog, ids);
  if (photos.length === 0) return 0;
  catalog.edit(`Rotate ${countOf(photos.length)} ${direction}`, () => {
    for (const photo of photos) catalog.updatePhoto(photo.id, { rotation: turned(photo.rotation, direction) });
  });
  return photos.length;
}
