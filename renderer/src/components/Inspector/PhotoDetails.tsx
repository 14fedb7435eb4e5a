// Runs in: the renderer. A photo's facts as a definition list (the "EXIF panel"): date (or the
// file's date when the photo carries none, said so), camera, lens, exposure, place with a
// map link, size, format, file; shared by the inspector and the viewer.
import type { ReactNode } from 'react';
import type { PhotoInfo } from '../../../../main/shared/api-contract';
import { cameraName } from '../../lib/camera-name';
import { fileName, formatBytes, formatExposure, formatPosition, formatTakenAt, mapUrl } from '../../lib/format';

export function PhotoDetails({ photo }: { photo: PhotoInfo }) {
  const fileDated = photo.takenAtSource === 'file';
  const exposure = formatExposure(photo.exposure);
  const rows: [string, string, ReactNode?][] = [
    fileDated ? ['File date', formatTakenAt(photo.takenAt), <span className="hint"> (no date in the photo)</span>] : ['Taken', formatTakenAt(photo.takenAt)],
    ['Camera', cameraName(photo) ?? 'Unknown'],
    ...(photo.camera?.lens ? [['Lens', photo.camera.lens] as [string, string]] : []),
    ...(exposure ? [['Exposure', exposure] as [string, string]] : []),
    ...(photo.gps
      ? [
          [
            'Place',
            formatPosition(photo.gps),
            <>
              {' '}
              <a href={mapUrl(photo.gps)} target="_blank" rel="noopener noreferrer">
                Map
              </a>
            </>,
          ] as [string, string, ReactNode],
        ]
      : []),
    ['Dimensions', photo.width && photo.height ? `${photo.width} × ${photo.height}` : 'Unknown'],
    ['File size', formatBytes(photo.size)],
    ['Format', photo.format?.toUpperCase() ?? 'Unknown'],
    ['File', fileName(photo.path)],
    ['Folder', photo.path.slice(0, Math.max(0, photo.path.length - fileName(photo.path).length - 1))],
  ];
  if (photo.status !== 'indexed') rows.push(['Status', photo.reason ? `${photo.status}: ${photo.reason}` : photo.status]);
  if (photo.duplicateOf) rows.push(['Duplicate', 'An exact copy of another photo in the library']);
  return (
    <dl className="photo-details">
      {rows.map(([term, value, extra]) => (
        <div key={term}>
          <dt>{term}</dt>
          <dd title={value} className={term === 'Folder' ? 'path' : undefined}>
            {value}
            {extra}
          </dd>
        </div>
      ))}
    </dl>
  );
}
