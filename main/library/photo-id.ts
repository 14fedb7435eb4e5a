// Runs in: main process (plain Node). Stable random ids for photos and library roots.
// Ids are 16 characters of lowercase Crockford base32 (80 random bits): ASCII, so the
// vector store can keep each one in a fixed 16-byte field, and independent of the path,
// so a photo keeps its id (and its embedding, tags, album places) when it is moved.
import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';
const ID_PATTERN = /^[0-9a-hjkmnp-tv-z]{16}$/;

export function newId(): string {
  const bytes = randomBytes(10);
  let bits = 0;
  let value = 0;
  let id = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      id += ALPHABET[(value >> bits) & 31];
    }
  }
  return id;
}

export function isId(value: string): boolean {
  return ID_PATTERN.test(value);
}
