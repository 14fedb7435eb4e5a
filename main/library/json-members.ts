// Runs in: main process (plain Node). Reads a JSON object from a Buffer member by member, and
// an array member element by element, without ever making the whole text one string: a
// first-format catalog.json of 1,000,000 photos is 627 MB, past V8's longest string (512 MB),
// so JSON.parse (and lowdb) cannot read it whole. Each element is parsed on its own, as the
// caller asks for it, so a migration can insert and report progress as it reads.
import { ClipfolioError } from '../shared/errors';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;

export type JsonMember = { key: string; value: unknown; elements?: never } | { key: string; elements: Generator<unknown>; value?: never };

function corrupt(at: number, what: string): ClipfolioError {
  return new ClipfolioError('DATA_CORRUPT', `not valid JSON at byte ${at}: ${what}`);
}

function isSpace(byte: number | undefined): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}

function skipSpace(buf: Uint8Array, at: number): number {
  while (isSpace(buf[at])) at += 1;
  return at;
}

/** Index just past the string that starts (with its quote) at `at`. */
function stringEnd(buf: Uint8Array, at: number): number {
  for (let i = at + 1; i < buf.length; i++) {
    const byte = buf[i];
    if (byte === BACKSLASH) i += 1;
    else if (byte === QUOTE) return i + 1;
  }
  throw corrupt(at, 'a string never ends');
}

/** Index just past the value that starts at `at`. */
function valueEnd(buf: Uint8Array, at: number): number {
  const first = buf[at];
  if (first === QUOTE) return stringEnd(buf, at);
  if (first === OPEN_BRACE || first === OPEN_BRACKET) {
    let depth = 0;
    for (let i = at; i < buf.length; i++) {
      const byte = buf[i];
      if (byte === QUOTE) i = stringEnd(buf, i) - 1;
      else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) depth += 1;
      else if ((byte === CLOSE_BRACE || byte === CLOSE_BRACKET) && --depth === 0) return i + 1;
    }
    throw corrupt(at, 'an object or array never ends');
  }
  let i = at;
  while (i < buf.length && buf[i] !== COMMA && buf[i] !== CLOSE_BRACE && buf[i] !== CLOSE_BRACKET && !isSpace(buf[i])) i += 1;
  if (i === at) throw corrupt(at, 'a value is missing');
  return i;
}

function parseSlice(buf: Buffer, start: number, end: number): unknown {
  try {
    return JSON.parse(buf.toString('utf8', start, end));
  } catch (err) {
    throw corrupt(start, (err as Error).message);
  }
}

/**
 * The members of the object `buf` holds, in file order. An array member comes as a generator
 * of its elements, which must be read to its end (or left) before the next member is asked for.
 * `read.at` follows how far into `buf` the reading has got.
 */
export function* jsonMembers(buf: Buffer, read: { at: number } = { at: 0 }): Generator<JsonMember> {
  let at = skipSpace(buf, 0);
  if (buf[at] !== OPEN_BRACE) throw corrupt(at, 'the top level is not an object');
  at = skipSpace(buf, at + 1);
  if (buf[at] === CLOSE_BRACE) return;
  for (;;) {
    if (buf[at] !== QUOTE) throw corrupt(at, 'a member name is missing');
    const keyEnd = stringEnd(buf, at);
    const key = parseSlice(buf, at, keyEnd) as string;
    at = skipSpace(buf, keyEnd);
    if (buf[at] !== COLON) throw corrupt(at, "a ':' is missing");
    at = skipSpace(buf, at + 1);
    if (buf[at] === OPEN_BRACKET) {
      const cursor = { at: at + 1, done: false };
      yield { key, elements: arrayElements(buf, cursor, read) };
      // An array the caller did not read to its end is stepped over whole.
      at = cursor.done ? cursor.at : valueEnd(buf, at);
    } else {
      const end = valueEnd(buf, at);
      read.at = end;
      yield { key, value: parseSlice(buf, at, end) };
      at = end;
    }
    at = skipSpace(buf, at);
    if (buf[at] === CLOSE_BRACE) return;
    if (buf[at] !== COMMA) throw corrupt(at, "a ',' or '}' is missing");
    at = skipSpace(buf, at + 1);
  }
}

/** The elements of the array whose '[' is just before `cursor.at`; once read to its end, `cursor.at` is past its ']'. */
function* arrayElements(buf: Buffer, cursor: { at: number; done: boolean }, read: { at: number }): Generator<unknown> {
  let at = skipSpace(buf, cursor.at);
  if (buf[at] === CLOSE_BRACKET) {
    cursor.at = at + 1;
    cursor.done = true;
    return;
  }
  for (;;) {
    const end = valueEnd(buf, at);
    const element = parseSlice(buf, at, end);
    at = skipSpace(buf, end);
    const next = buf[at];
    if (next !== COMMA && next !== CLOSE_BRACKET) throw corrupt(at, "a ',' or ']' is missing");
    cursor.at = at + 1;
    cursor.done = next === CLOSE_BRACKET;
    read.at = cursor.at;
    yield element;
    if (next === CLOSE_BRACKET) return;
    at = skipSpace(buf, at + 1);
  }
}
