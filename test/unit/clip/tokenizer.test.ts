// Checks the CLIP tokenizer against the reference tokenizer's output for 40 prompts, and the
// rules a text encoder depends on: truncation with the end token last, cleaning, padding id.
import { copyFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ClipTokenizer } from '../../../main/clip/tokenizer';

const testdata = path.resolve(process.cwd(), '../shared/testdata/clip');

interface Golden {
  context_length: number;
  sot: number;
  eot: number;
  cases: { text: string; ids: number[] }[];
}

let tokenizer: ClipTokenizer;
let golden: Golden;

beforeAll(async () => {
  tokenizer = await ClipTokenizer.fromFolder(path.join(testdata, 'hf-tokenizer'));
  golden = JSON.parse(await readFile(path.join(testdata, 'tokens-golden.json'), 'utf8')) as Golden;
});

describe('ClipTokenizer', () => {
  it('reads the special ids and context length from the folder', () => {
    expect(tokenizer.startId).toBe(golden.sot);
    expect(tokenizer.endId).toBe(golden.eot);
    expect(tokenizer.contextLength).toBe(golden.context_length);
    // tokenizer_config.json says pad_token '<|endoftext|>'
    expect(tokenizer.padId).toBe(49407);
  });

  it('reproduces every golden case exactly', () => {
    expect(golden.cases).toHaveLength(40);
    for (const { text, ids } of golden.cases) {
      expect(tokenizer.encode(text), text).toEqual(ids);
    }
  });

  it('truncates a long text to the context length with the end token last', () => {
    const ids = tokenizer.encode('a photo of a very long sentence '.repeat(40));
    expect(ids).toHaveLength(77);
    expect(ids[0]).toBe(49406);
    expect(ids[76]).toBe(49407);
    expect(ids.slice(1, 76)).not.toContain(49407);
  });

  it('collapses whitespace and lowercases', () => {
    expect(tokenizer.encode('  A   PHOTO\tof\n\na  Dog ')).toEqual(tokenizer.encode('a photo of a dog'));
  });

  it('encodes an empty text as start and end only', () => {
    expect(tokenizer.encode('')).toEqual([49406, 49407]);
  });

  it('honours an explicit context length', async () => {
    const short = await ClipTokenizer.fromFolder(path.join(testdata, 'hf-tokenizer'), { contextLength: 5 });
    const ids = short.encode('a photo of a dog on a beach');
    expect(ids).toEqual([...tokenizer.encode('a photo of a dog on a beach').slice(0, 4), 49407]);
  });

  it('pads with 0, as open_clip does, when the folder has no tokenizer_config.json', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'clipfolio-tok-'));
    try {
      await copyFile(path.join(testdata, 'hf-tokenizer', 'tokenizer.json'), path.join(dir, 'tokenizer.json'));
      const bare = await ClipTokenizer.fromFolder(dir);
      expect(bare.padId).toBe(0);
      expect(bare.contextLength).toBe(77);
      expect(bare.encode(golden.cases[0]!.text)).toEqual(golden.cases[0]!.ids);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('names the missing tokenizer file', async () => {
    await expect(ClipTokenizer.fromFolder(path.join(testdata, 'no-such-folder'))).rejects.toMatchObject({
      code: 'MODEL_MISSING',
      message: expect.stringContaining(path.join(testdata, 'no-such-folder', 'tokenizer.json')) as unknown,
    });
  });
});
