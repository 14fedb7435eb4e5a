// Runs in: the renderer (pure, no React). How numbers, sizes, durations and dates read in
// the UI, in one place so every panel says them the same way.
import type { PhotoInfo } from '../../../main/shared/api-contract';

export function formatBytes(bytes: number | null): string {
  if (bytes === null || !Number.isFinite(bytes)) return 'unknown size';
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${unit === 0 ? value.toFixed(0) : value.toFixed(value < 10 ? 1 : 0)} ${units[unit] ?? 'B'}`;
}

export function formatCount(n: number, noun: string, plural = `${noun}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? noun : plural}`;
}

/** "about 3 min", "12 s", "1 h 05 min"; null reads "estimating". */
export function formatEta(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return 'estimating…';
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s left`;
  const minutes = Math.round(s / 60);
  if (minutes < 60) return `about ${minutes} min left`;
  return `about ${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min left`;
}

export function formatRate(perSecond: number): string {
  return `${perSecond < 10 ? perSecond.toFixed(1) : Math.round(perSecond)} photos/s`;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "2024-03" from an ISO date-time as the camera wrote it (its wall clock, no time zone shift). */
export function monthKey(takenAt: string | null): string | null {
  const match = takenAt ? /^(\d{4})-(\d{2})/.exec(takenAt) : null;
  return match ? `${match[1]}-${match[2]}` : null;
}

export function monthLabel(key: string | null): string {
  if (key === null) return 'Undated';
  const [year, month] = key.split('-');
  return `${MONTHS[Number(month) - 1] ?? month} ${year}`;
}

/** "15 March 2024, 14:05" from an ISO date-time, read as the camera's wall clock. */
export function formatTakenAt(takenAt: string | null): string {
  const match = takenAt ? /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?/.exec(takenAt) : null;
  if (!match) return 'Unknown date';
  const [, year, month, day, hour, minute] = match;
  const date = `${Number(day)} ${MONTHS[Number(month) - 1] ?? month} ${year}`;
  return hour ? `${date}, ${hour}:${minute}` : date;
}

export function fileName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

/** "1/200 s · f/9 · ISO 200 · 100 mm", the parts the camera recorded; null when none. */
export function formatExposure(exposure: PhotoInfo['exposure']): string | null {
  if (!exposure) return null;
  const { time, fNumber, iso, focalLength } = exposure;
  const shutter = time === null ? null : time >= 1 ? `${Number(time.toFixed(1))} s` : `1/${Math.round(1 / time)} s`;
  const parts = [shutter, fNumber === null ? null : `f/${Number(fNumber.toFixed(1))}`, iso === null ? null : `ISO ${iso}`, focalLength === null ? null : `${Math.round(focalLength)} mm`];
  const shown = parts.filter((p) => p !== null);
  return shown.length > 0 ? shown.join(' · ') : null;
}

/** "43.46120° N, 11.88090° E". */
export function formatPosition(gps: NonNullable<PhotoInfo['gps']>): string {
  const part = (value: number, positive: string, negative: string) => `${Math.abs(value).toFixed(5)}° ${value >= 0 ? positive : negative}`;
  return `${part(gps.lat, 'N', 'S')}, ${part(gps.lon, 'E', 'W')}`;
}

/** The place on OpenStreetMap, opened in the user's browser (nothing is fetched by the app). */
export function mapUrl(gps: NonNullable<PhotoInfo['gps']>): string {
  const lat = gps.lat.toFixed(5);
  const lon = gps.lon.toFixed(5);
  return `https://www.openstreetmap.org/?mlat=${lat}&mlon=${lon}#map=16/${lat}/${lon}`;
}

/** Share of an indexing run finished, 0..1, or null before anything is queued. */
export function progressFraction(progress: { queued: number; done: number; failed: number } | null): number | null {
  if (!progress || progress.queued === 0) return null;
  return Math.min(1, (progress.done + progress.failed) / progress.queued);
}
