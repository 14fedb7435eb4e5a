// Runs in: the renderer (pure, no React). The top bar's filter chips: which chips a set of
// photos offers (years, cameras, file formats), and the predicate the active chips make.
// Chips of one kind widen (2023 or 2024), kinds narrow (2024 and Canon): the usual
// faceted-search rule, applied the same to the library, an album and search results.
import type { PhotoInfo } from '../../../main/shared/api-contract';

export type FilterKind = 'year' | 'camera' | 'format';

export interface FilterChip {
  kind: FilterKind;
  value: string;
  count: number;
}

export const FILTER_KIND_LABEL: Record<FilterKind, string> = { year: 'Year', camera: 'Camera', format: 'Format' };

const MAX_CHIPS_PER_KIND = 6;

export function cameraName(photo: PhotoInfo): string | null {
  const make = photo.camera?.make?.trim() ?? '';
  const model = photo.camera?.model?.trim() ?? '';
  if (!make && !model) return null;
  // Many cameras repeat the make in the model ("Canon EOS R5" from Canon).
  return model.toLowerCase().startsWith(make.toLowerCase()) ? model || make : `${make} ${model}`.trim();
}

function valueOf(photo: PhotoInfo, kind: FilterKind): string | null {
  switch (kind) {
    case 'year':
      return photo.takenAt ? photo.takenAt.slice(0, 4) : null;
    case 'camera':
      return cameraName(photo);
    case 'format':
      return photo.format;
  }
}

/** The most common values of each kind, a kind only when it has two or more values to choose from. */
export function availableChips(photos: readonly PhotoInfo[]): FilterChip[] {
  const out: FilterChip[] = [];
  for (const kind of ['year', 'camera', 'format'] as const) {
    const counts = new Map<string, number>();
    for (const photo of photos) {
      const value = valueOf(photo, kind);
      if (value !== null) counts.set(value, (counts.get(value) ?? 0) + 1);
    }
    if (counts.size < 2) continue;
    const sorted = [...counts].sort((a, b) => (kind === 'year' ? b[0].localeCompare(a[0]) : b[1] - a[1] || a[0].localeCompare(b[0])));
    for (const [value, count] of sorted.slice(0, MAX_CHIPS_PER_KIND)) out.push({ kind, value, count });
  }
  return out;
}

export function chipKey(chip: Pick<FilterChip, 'kind' | 'value'>): string {
  return `${chip.kind}:${chip.value}`;
}

/** True for photos every active kind allows; with no chips active, everything passes. */
export function chipPredicate(active: readonly Pick<FilterChip, 'kind' | 'value'>[]): (photo: PhotoInfo) => boolean {
  const byKind = new Map<FilterKind, Set<string>>();
  for (const chip of active) {
    const set = byKind.get(chip.kind) ?? new Set<string>();
    set.add(chip.value);
    byKind.set(chip.kind, set);
  }
  return (photo) => [...byKind].every(([kind, values]) => values.has(valueOf(photo, kind) ?? ''));
}

/** Toggles a chip in the active list. */
export function toggleChip<T extends Pick<FilterChip, 'kind' | 'value'>>(active: readonly T[], chip: T): T[] {
  const key = chipKey(chip);
  return active.some((c) => chipKey(c) === key) ? active.filter((c) => chipKey(c) !== key) : [...active, chip];
}
