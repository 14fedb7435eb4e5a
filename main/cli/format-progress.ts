// Runs in: the CLI process. One-line progress text for a terminal.
import type { ModelDownloadProgress } from '../models/model-store';

export function formatBytes(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${value.toFixed(unit === 0 ? 0 : 1)} ${units[unit]}`;
}

export function formatDownloadProgress(p: ModelDownloadProgress): string {
  const total = p.totalBytes === null ? '?' : formatBytes(p.totalBytes);
  return `downloading ${p.path} (${p.fileIndex + 1}/${p.fileCount}): ${formatBytes(p.receivedBytes)} of ${total}, ${formatBytes(p.bytesPerSecond)}/s`;
}
