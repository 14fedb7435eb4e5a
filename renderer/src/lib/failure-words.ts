// Runs in: the renderer (pure, no React). Why a file could not be indexed, in the user's
// words, with the decoder's own text kept apart for a "details" disclosure. The reasons
// are main's (imaging/sharp-errors.ts, decode-photo.ts, indexer.ts skip reasons): their
// first words say what kind of failure it was, and what follows a colon is the detail.

export interface FailureWords {
  /** One sentence a person can act on. */
  plain: string;
  /** What the decoder or the system said, for the curious and for bug reports; null when the plain words are all there is. */
  detail: string | null;
}

/** Known reasons, first match wins: a pattern on main's text, the plain sentence. */
const KNOWN: readonly [RegExp, string][] = [
  [/exceeds the pixel limit/i, 'The picture is too large to open safely.'],
  [/took too long/i, 'Opening it took too long; the file may be damaged.'],
  [/stopped the inference worker/i, 'Opening this file crashed Clipfolio’s photo reader, so it is left out.'],
  [/^the file is empty/i, 'The file is empty.'],
  [/not a recognised image format|the file is not an image/i, 'This file is not a picture, whatever its name says.'],
  [/is not a supported photo format|are not supported|is not supported|this kind of .* image is not supported/i, 'Clipfolio cannot read this kind of file yet.'],
  [/EACCES|EPERM|permission denied/i, 'Clipfolio is not allowed to read this file or folder.'],
  [/ENOENT|No such file/i, 'The file was moved or deleted while Clipfolio read it.'],
  [/could not decode|cannot read|corrupt|truncat|premature|read error|bad|invalid/i, 'The file is damaged or cut short, so the picture cannot be read.'],
];

export function failureWords(reason: string | null): FailureWords {
  const text = (reason ?? '').trim();
  const plain = KNOWN.find(([pattern]) => pattern.test(text))?.[1] ?? 'Clipfolio could not read this file.';
  return { plain, detail: text === '' ? null : text };
}
