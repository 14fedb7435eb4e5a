// Runs in: main process (plain Node). The words a photo is found by when the user types its
// name: its file name, and the folders from its library folder's own name down (not the
// home folder above it, which every photo shares). SQLite calls these (catalog-db.ts
// registers them) to keep the full-text index of names (schema step 3) in step with every
// insert, move and delete, undo and redo included. Matching ignores case and accents on
// both sides: FTS5's unicode61 tokenizer folds the index, foldText the rest.
import { basename, dirname, relative, sep } from 'node:path';

/** The file's own name, extension included ("astronaut.png" is found by "astronaut" and "png"). */
export function fileNameWords(path: string): string {
  return basename(path);
}

/** "Pictures 2023 Lisbon" for /home/ana/Pictures/2023/Lisbon in the library folder /home/ana/Pictures. */
export function folderWords(folder: string, rootPath: string | null): string {
  const from = rootPath === null ? folder : relative(dirname(rootPath), folder);
  return from.split(sep).filter(Boolean).join(' ');
}

/** Lower case without accents: "Köln" and "koln" compare equal, as the name index has them. */
export function foldText(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase();
}

/** The words of a text, folded, split where anything but a letter or digit is. */
export function foldedWords(text: string): string[] {
  return foldText(text).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

/** Whether every word typed starts a word of `name` ("red bi" finds "my red bike"). */
export function wordsStart(typed: readonly string[], name: string): boolean {
  const words = foldedWords(name);
  return typed.length > 0 && typed.every((t) => words.some((w) => w.startsWith(t)));
}

/**
 * An FTS5 query for what the user typed: every word, as a prefix when it has `minPrefix`
 * characters or more, else whole. Each is quoted, so FTS5's operators and punctuation in
 * a name ("IMG_1234") are only text.
 */
export function namesQuery(typed: readonly string[], minPrefix: number): string {
  return typed.map((word) => `"${word.replace(/"/g, '""')}"${word.length >= minPrefix ? '*' : ''}`).join(' ');
}
