// Runs in: the renderer. Stars, the favourite heart and the quarter turns for the photos in
// the inspector or the viewer: the same edits as the keys (0-5, F, Ctrl/Cmd+[ and ]), for
// the mouse. The stars show the photos' own when they agree; the star already given takes
// them away again, as Lightroom's do.
import type { PhotoInfo } from '../../../../main/shared/api-contract';
import { formatCount } from '../../lib/format';
import { ratePhotos, rotatePhotos, toggleFavourite } from '../../stores/photo-marks';
import './PhotoMarks.css';

const STARS = [1, 2, 3, 4, 5];

export function PhotoMarks({ photos }: { photos: readonly PhotoInfo[] }) {
  const ids = photos.map((p) => p.id);
  const first = photos[0]?.rating ?? 0;
  const rating = photos.every((p) => p.rating === first) ? first : null;
  const favourite = photos.length > 0 && photos.every((p) => p.favourite);
  const stars = rating === null ? 'mixed stars' : rating === 0 ? 'no stars' : formatCount(rating, 'star');
  return (
    <div className="photo-marks">
      <div className="photo-stars" role="group" aria-label={`Stars: ${stars}`}>
        {STARS.map((n) => (
          <button
            key={n}
            type="button"
            className={n <= (rating ?? 0) ? 'on' : ''}
            aria-pressed={rating === n}
            aria-label={formatCount(n, 'star')}
            title={rating === n ? `Take the stars away (0)` : `${formatCount(n, 'star')} (${n})`}
            onClick={() => void ratePhotos(ids, rating === n ? 0 : n)}
          >
            ★
          </button>
        ))}
      </div>
      <button type="button" className={`photo-favourite${favourite ? ' on' : ''}`} aria-pressed={favourite} aria-label="Favourite" title="Favourite (F)" onClick={() => void toggleFavourite(photos)}>
        ♥
      </button>
      <button type="button" aria-label="Rotate left" title="Rotate left (Ctrl+[)" onClick={() => void rotatePhotos(ids, 'left')}>
        ⟲
      </button>
      <button type="button" aria-label="Rotate right" title="Rotate right (Ctrl+])" onClick={() => void rotatePhotos(ids, 'right')}>
        ⟳
      </button>
    </div>
  );
}
