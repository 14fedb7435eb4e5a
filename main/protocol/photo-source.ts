// Runs in: main process and the bridge (plain Node). What the photo protocol needs from the
// library: a catalog id in, a file out. Ids are the only key; the protocol never takes a path.

export interface PhotoSource {
  /** The thumbnail file of a catalog photo (made again first when it was cleared), or null for an unknown id. */
  thumbnailPath(id: string): string | null | Promise<string | null>;
  /** The original file and its sniffed format, or null for an unknown id. */
  original(id: string): { path: string; format: string | null } | null;
}
