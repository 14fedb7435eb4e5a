// Runs in: the renderer (pure, no React). Orders a view's photos newest first and cuts them
// into month sections for the grid (undated photos last, in their own section). Ranked
// results keep their rank order instead (asOneSection); Recent imports comes newest
// addition first, a section per import batch.
import type { PhotoInfo } from '../../../main/shared/api-contract';
import { formatTakenAt, monthKey, monthLabel } from './format';
import type { GridSection } from './virtual-grid';

export interface OrderedPhotos {
  photos: PhotoInfo[];
  sections: GridSection[];
}

// Sorting 100,000 records with a comparator that reads ISO strings and calls localeCompare
// took 100-280 ms, a hitch at each refresh while a library indexes. So each photo gets one
// number once (its time), the sort compares numbers, and a refresh that changed only the
// list's tail (the photos indexing adds) sorts just that tail and merges it in.

/** The time an order is newest first by. */
type TimeField = 'takenAt' | 'addedAt';

/** What a later call needs to merge into an order rather than sort it again. */
interface SortState {
  field: TimeField;
  /** The list the order was made from, to see how much of a new list is the same photos. */
  from: readonly PhotoInfo[];
  /** keys[i] is the sort key of the order's photos[i]. */
  keys: Float64Array;
}

/** Kept beside the orders handed out, so OrderedPhotos stays plain data for its callers. */
const sortStates = new WeakMap<OrderedPhotos, SortState>();

/** Past this share of a list changed, sorting it all is cheaper than merging. */
const MERGE_UP_TO = 0.5;

const UNDATED = -1;
/** Months are the third digit of the key's mixed radix: days (32) x ms in a day. */
const MONTH_SPAN = 32 * 24 * 60 * 60 * 1000;

/** The number the `length` digits at `at` spell; NaN when one is not a digit or the text ends. */
function digitsAt(text: string, at: number, length: number): number {
  let value = 0;
  for (let i = at; i < at + length; i += 1) {
    const digit = text.charCodeAt(i) - 48;
    if (!(digit >= 0 && digit <= 9)) return Number.NaN;
    value = value * 10 + digit;
  }
  return value;
}

type ClockFields = (year: number, month: number, day: number, hour: number, minute: number, second: number, ms: number) => number;

/**
 * The wall-clock digits of an ISO date-time ('2024-03-15T14:05:09.123'; a zone after them is
 * not read) handed to `to`, a field the text stops before as 0; UNDATED without a year and
 * month. Read digit by digit: a regular expression per photo cost 40 ms, and Date.parse
 * 25 ms, for 100,000.
 */
function readClock(text: string | null, to: ClockFields): number {
  if (text === null || text[4] !== '-') return UNDATED;
  const year = digitsAt(text, 0, 4);
  const month = digitsAt(text, 5, 2);
  if (Number.isNaN(year + month)) return UNDATED;
  const field = (at: number, length = 2) => digitsAt(text, at, length) || 0;
  return to(year, month, field(8), field(11), field(14), field(17), text[19] === '.' ? field(20, 3) : 0);
}

/**
 * The camera's wall clock as written (a zone is no shift, as in monthKey), in a mixed radix
 * that orders as the strings do and makes floor(key / MONTH_SPAN) the month.
 */
const takenRadix: ClockFields = (year, month, day, hour, minute, second, ms) =>
  ((((((year * 13 + month) * 32 + day) * 24 + hour) * 60 + minute) * 60 + second) * 1000 + ms);

/** addedAt is always toISOString's UTC form: its digits are the time, and batches need real gaps. */
const addedTime: ClockFields = (year, month, day, hour, minute, second, ms) => Date.UTC(year, month - 1, day, hour, minute, second, ms);

/** One sort key per photo, newest largest. */
const KEY_OF: Record<TimeField, (photo: PhotoInfo) => number> = {
  takenAt: (photo) => readClock(photo.takenAt, takenRadix),
  addedAt: (photo) => readClock(photo.addedAt, addedTime),
};

/**
 * Newest first by key; equal keys by path in code-unit order. The path only keeps the order
 * stable, which localeCompare did at many times the cost. Equal keys are the same time to
 * the ms, so two photos that differ only in a zone suffix or past the ms go by path too.
 */
function compare(keyA: number, a: PhotoInfo, keyB: number, b: PhotoInfo): number {
  if (keyA !== keyB) return keyB - keyA;
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}

/** Sorted photos with each one's key beside it. */
interface Run {
  photos: PhotoInfo[];
  keys: Float64Array;
}

/** The first place in `sorted` (ascending) holding `key` or more. */
function lowerBound(sorted: Float64Array, key: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (sorted[mid]! < key) low = mid + 1;
    else high = mid;
  }
  return low;
}

/**
 * `index` filled with the places of `keys` from the largest key down. A comparator sort calls
 * back into JS a couple of million times for 100,000 photos (some 55 ms even on numbers), so
 * the keys alone are sorted natively and each photo is placed at its key's slot.
 */
function placeBySortedKeys(keys: Float64Array, index: Uint32Array): void {
  const n = keys.length;
  const ascending = keys.slice().sort();
  const taken = new Uint32Array(n);
  for (let i = 0; i < n; i += 1) {
    const slot = lowerBound(ascending, keys[i]!);
    const before = taken[slot]!;
    index[n - 1 - slot - before] = i;
    taken[slot] = before + 1;
  }
}

/** `photos` newest first by `field`, sorted from scratch. */
function fullSort(photos: readonly PhotoInfo[], field: TimeField): Run {
  const n = photos.length;
  const keyOf = KEY_OF[field];
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i += 1) keys[i] = keyOf(photos[i]!);
  const index = new Uint32Array(n);
  // The catalog lists photos in the order they were added, so addedAt keys (and takenAt ones
  // in a library scanned folder by dated folder) often ascend already: then the order is the
  // list backwards, less the ties.
  if (keys.every((key, i) => i === 0 || keys[i - 1]! <= key)) index.forEach((_, i) => (index[i] = n - 1 - i));
  else placeBySortedKeys(keys, index);
  // Photos with equal keys (the undated ones, mostly) then go in path order: one comparator
  // sort over just them, the runs kept apart by their keys.
  const tied: number[] = [];
  for (let start = 0, end = 1; start < n; start = end, end += 1) {
    while (end < n && keys[index[end]!] === keys[index[start]!]) end += 1;
    for (let at = start; end - start > 1 && at < end; at += 1) tied.push(at);
  }
  const members = tied.map((at) => index[at]!).sort((i, j) => compare(keys[i]!, photos[i]!, keys[j]!, photos[j]!));
  tied.forEach((at, k) => (index[at] = members[k]!));
  // Filled by push, not into new Array(n): a holey array makes every later read slower.
  const sorted: Run = { photos: [], keys: new Float64Array(n) };
  for (let i = 0; i < n; i += 1) {
    sorted.photos.push(photos[index[i]!]!);
    sorted.keys[i] = keys[index[i]!]!;
  }
  return sorted;
}

/** How many photos from the start both lists share, the same records in the same places. */
function sharedPrefix(a: readonly PhotoInfo[], b: readonly PhotoInfo[]): number {
  const end = Math.min(a.length, b.length);
  let n = 0;
  while (n < end && a[n] === b[n]) n += 1;
  return n;
}

/** Where `photo` (with `key`) goes in `run`: before the first photo that sorts after it, or that ties it too when `ties`. */
function placeIn(run: Run, key: number, photo: PhotoInfo, ties: boolean): number {
  let low = 0;
  let high = run.photos.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    const order = compare(run.keys[mid]!, run.photos[mid]!, key, photo);
    if (order < 0 || (order === 0 && !ties)) low = mid + 1;
    else high = mid;
  }
  return low;
}

/**
 * `photos` newest first by `field`. When `previous` was ordered the same way from a list that
 * `photos` only changes after a shared start (the tail a refresh appends or replaces), the
 * photos it no longer has are found in the old order and only the new tail is sorted and
 * placed in it, by binary search: the rest is copied over, with the same result as sorting
 * everything. A merge comparing every photo cost 20 ms for 100,000.
 */
function sortNewestFirst(photos: readonly PhotoInfo[], field: TimeField, previous: OrderedPhotos | undefined): Run {
  const state = previous && sortStates.get(previous);
  if (!previous || state?.field !== field) return fullSort(photos, field);
  const shared = sharedPrefix(state.from, photos);
  if (state.from.length - shared + photos.length - shared > photos.length * MERGE_UP_TO) return fullSort(photos, field);
  const old: Run = { photos: previous.photos, keys: state.keys };
  const gone = state.from.slice(shared).map((photo) => placeIn(old, KEY_OF[field](photo), photo, true));
  // Two records with one path tie exactly, and a record listed twice has one place: only a
  // full sort says where each of those went.
  if (new Set(gone).size < gone.length || gone.some((at, k) => old.photos[at] !== state.from[shared + k])) return fullSort(photos, field);
  gone.sort((a, b) => a - b);
  const added = fullSort(photos.slice(shared), field);
  const merged: Run = { photos: [], keys: new Float64Array(photos.length) };
  let from = 0;
  let skipped = 0;
  const put = (photo: PhotoInfo, key: number) => {
    merged.keys[merged.photos.length] = key;
    merged.photos.push(photo);
  };
  /** Copies the old order up to `end`, less the photos gone. */
  const copyOld = (end: number) => {
    while (from < end) {
      const skip = gone[skipped] ?? end;
      for (const stop = Math.min(end, skip); from < stop; from += 1) put(old.photos[from]!, old.keys[from]!);
      if (from === skip && from < end) {
        from += 1;
        skipped += 1;
      }
    }
  };
  added.photos.forEach((photo, k) => {
    const key = added.keys[k]!;
    copyOld(placeIn(old, key, photo, false));
    put(photo, key);
  });
  copyOld(old.photos.length);
  return merged;
}

/** Orders `photos` and keeps what a later call merging into this order needs. */
function ordered(photos: readonly PhotoInfo[], field: TimeField, previous: OrderedPhotos | undefined, cut: (run: Run) => GridSection[]): OrderedPhotos {
  const run = sortNewestFirst(photos, field, previous);
  const result = { photos: run.photos, sections: cut(run) };
  sortStates.set(result, { field, from: photos, keys: run.keys });
  return result;
}

/** A section per month, in one pass: a photo's month is its key's top digits. */
function monthSections({ photos, keys }: Run): GridSection[] {
  const sections: GridSection[] = [];
  let month = Number.NaN;
  let current: GridSection | undefined;
  photos.forEach((photo, index) => {
    const time = keys[index]!;
    const next = time === UNDATED ? UNDATED : Math.floor(time / MONTH_SPAN);
    if (current && next === month) {
      current.count += 1;
      return;
    }
    month = next;
    const key = next === UNDATED ? null : monthKey(photo.takenAt);
    current = { key: key ?? 'undated', label: monthLabel(key), start: index, count: 1 };
    sections.push(current);
  });
  return sections;
}

/**
 * Newest first by the camera's date, in month sections; undated photos last, by path. Pass the
 * previous answer for the same view so a refresh that appended or replaced the list's tail
 * costs a merge rather than a sort.
 */
export function groupByMonth(photos: readonly PhotoInfo[], previous?: OrderedPhotos): OrderedPhotos {
  return ordered(photos, 'takenAt', previous, monthSections);
}

/** One section in the given order, for ranked results. */
export function asOneSection(photos: readonly PhotoInfo[], label: string): OrderedPhotos {
  return { photos: [...photos], sections: photos.length > 0 ? [{ key: 'all', label, start: 0, count: photos.length }] : [] };
}

/** The photos a filter keeps, each in its section as before; sections left empty go. */
export function filterSections(ordered: OrderedPhotos, keep: (photo: PhotoInfo) => boolean): OrderedPhotos {
  const photos: PhotoInfo[] = [];
  const sections: GridSection[] = [];
  for (const section of ordered.sections) {
    const start = photos.length;
    for (const photo of ordered.photos.slice(section.start, section.start + section.count)) if (keep(photo)) photos.push(photo);
    if (photos.length > start) sections.push({ ...section, start, count: photos.length - start });
  }
  return { photos, sections };
}

const DAY_MS = 24 * 60 * 60 * 1000;
/** How far back Recent imports reaches, counted from the latest addition. */
export const RECENT_DAYS = 30;
/** A pause this long between two additions starts another import batch, a section of its own. */
export const BATCH_GAP_MS = 60 * 60 * 1000;

/** The user's own clock time of an addition, in the form formatTakenAt reads. */
function localTime(iso: string): string {
  const date = new Date(iso);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())}T${two(date.getHours())}:${two(date.getMinutes())}`;
}

/**
 * The earliest addition Recent imports shows: RECENT_DAYS before the latest one ('' for no
 * photos). addedAt is always toISOString's UTC form, so these strings compare as times do.
 */
function recentSince(photos: readonly PhotoInfo[]): string {
  let latest = '';
  for (const photo of photos) if (photo.addedAt > latest) latest = photo.addedAt;
  return latest && new Date(Date.parse(latest) - RECENT_DAYS * DAY_MS).toISOString();
}

/** How many photos Recent imports shows, without sorting them (for the sidebar). */
export function recentCount(photos: readonly PhotoInfo[]): number {
  const since = recentSince(photos);
  let count = 0;
  for (const photo of photos) if (photo.addedAt >= since) count += 1;
  return count;
}

/** A section per import batch: the next photo joins the batch unless BATCH_GAP_MS passed between them. */
function batchSections({ photos, keys }: Run): GridSection[] {
  const sections: GridSection[] = [];
  let previous = Number.POSITIVE_INFINITY;
  photos.forEach((photo, index) => {
    const at = keys[index]!;
    const current = sections[sections.length - 1];
    if (current && previous - at <= BATCH_GAP_MS) current.count += 1;
    else sections.push({ key: `batch-${photo.addedAt}`, label: `Added ${formatTakenAt(localTime(photo.addedAt))}`, start: index, count: 1 });
    previous = at;
  });
  return sections;
}

/**
 * Recent imports: the photos added in the RECENT_DAYS up to the latest addition, newest
 * first, one section per import batch. The window ends at the latest addition rather than
 * today, so a library left alone for a season still shows what came in last. `previous` as
 * for groupByMonth: while the window keeps every photo it had, a refresh merges its tail.
 */
export function recentImports(photos: readonly PhotoInfo[], previous?: OrderedPhotos): OrderedPhotos {
  const since = recentSince(photos);
  return ordered(photos.filter((p) => p.addedAt >= since), 'addedAt', previous, batchSections);
}
