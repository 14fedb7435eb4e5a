// Tests how the UI writes sizes, counts, ETAs, rates, dates and indexing progress.
import { describe, expect, it } from 'vitest';
import { fileName, formatBytes, formatCount, formatEta, formatRate, formatTakenAt, monthKey, monthLabel, progressFraction } from '../../../renderer/src/lib/format';

describe('format', () => {
  it('writes sizes in decimal units', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1_500)).toBe('1.5 KB');
    expect(formatBytes(351_000_000)).toBe('351 MB');
    expect(formatBytes(null)).toBe('unknown size');
  });

  it('writes counts with the right noun', () => {
    expect(formatCount(1, 'photo')).toBe('1 photo');
    expect(formatCount(12_345, 'photo')).toBe('12,345 photos');
  });

  it('writes ETAs and rates', () => {
    expect(formatEta(null)).toBe('estimating…');
    expect(formatEta(42)).toBe('42 s left');
    expect(formatEta(150)).toBe('about 3 min left');
    expect(formatEta(3900)).toBe('about 1 h 05 min left');
    expect(formatRate(3.456)).toBe('3.5 photos/s');
    expect(formatRate(42.4)).toBe('42 photos/s');
  });

  it('reads dates as the camera wrote them', () => {
    expect(monthKey('2024-03-15T23:30:00+02:00')).toBe('2024-03');
    expect(monthKey(null)).toBeNull();
    expect(monthLabel('2024-03')).toBe('March 2024');
    expect(monthLabel(null)).toBe('Undated');
    expect(formatTakenAt('2024-03-15T09:05:00')).toBe('15 March 2024, 09:05');
    expect(formatTakenAt('2024-03-15')).toBe('15 March 2024');
    expect(formatTakenAt(null)).toBe('Unknown date');
  });

  it('takes the last path segment on either separator', () => {
    expect(fileName('/a/b/c.jpg')).toBe('c.jpg');
    expect(fileName('C:\\x\\y.png')).toBe('y.png');
  });

  it('computes the finished share of an indexing run', () => {
    expect(progressFraction(null)).toBeNull();
    expect(progressFraction({ queued: 0, done: 0, failed: 0 })).toBeNull();
    expect(progressFraction({ queued: 10, done: 4, failed: 1 })).toBe(0.5);
  });
});
