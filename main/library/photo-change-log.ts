// Runs in: main process (plain Node). Which photo records each committed change touched, by
// the catalog's photos revision, so a window that listed the photos at one revision asks for
// the few records that changed since (a star, a rotation, a chunk of newly indexed photos)
// rather than listing 100,000 again; a change of more photos than that is answered by a listing. Kept in memory for the process's life: the process
// holding the library makes every write (library-lock.ts). Revisions start at the clock's
// milliseconds, so a window left from an earlier process life asks with a revision below
// this log's floor, which it answers with null (list everything).

/** Photo ids kept at most; past this the oldest changes are forgotten and a window that far behind lists everything. */
const MAX_IDS = 50_000;
/** More changed photos than this are cheaper to list in pages than to read one by one. */
const MAX_ANSWER = 10_000;

export class PhotoChangeLog {
  /** Oldest first; revisions ascend. */
  readonly #entries: { revision: number; ids: string[] }[] = [];
  #ids = 0;
  /** Changes at or before this revision are forgotten. */
  #floor: number;

  /** `start`: the revision the catalog counts from in this process. */
  constructor(start: number) {
    this.#floor = start;
  }

  /** The photos a change committed at `revision` touched. */
  record(revision: number, ids: Iterable<string>): void {
    const list = [...ids];
    if (list.length > MAX_ANSWER) return this.forgetUpTo(revision);
    this.#entries.push({ revision, ids: list });
    this.#ids += list.length;
    while (this.#ids > MAX_IDS && this.#entries.length > 1) {
      const dropped = this.#entries.shift();
      this.#ids -= dropped?.ids.length ?? 0;
      this.#floor = dropped?.revision ?? this.#floor;
    }
  }

  /** Forgets everything up to `revision`: what changed then is not known photo by photo. */
  forgetUpTo(revision: number): void {
    this.#entries.length = 0;
    this.#ids = 0;
    this.#floor = revision;
  }

  /**
   * The photos changed after `since` up to `current`; null when that is not known (older than
   * the log reaches, or a revision from another process life).
   */
  since(since: number, current: number): Set<string> | null {
    if (since < this.#floor || since > current) return null;
    const ids = new Set<string>();
    for (const entry of this.#entries) if (entry.revision > since) for (const id of entry.ids) ids.add(id);
    return ids.size > MAX_ANSWER ? null : ids;
  }
}
