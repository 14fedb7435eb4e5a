// Runs in: the renderer. A photo's facts as a definition list (the "EXIF panel"): date,
// camera, lens, size, format, file; shared by the inspector and the viewer.
import type { PhotoInfo } from '../../../../main/shared/api-contract';
import { cameraName } from '../../lib/filters';
import { fileName, formatBytes, formatTakenAt } from '../../lib/format';

export function PhotoDetails({ photo }: { photo: PhotoInfo }) {
  const rows: [string, string][] = [
    ['Taken', formatTakenAt(photo.takenAt)],
    ['Camera', cameraName(photo) ?? 'Unknown'],
    ...(photo.camera?.lens ? [['Lens', photo.camera.lens] as [string, string]] : []),
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
      {rows.map(([term, value]) => (
        <div key={term}>
          <dt>{term}</dt>
          <dd title={value}>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
