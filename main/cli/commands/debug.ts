// Runs in: the CLI process. `clipfolio debug tokenize|preprocess`: the exact model inputs,
// for comparing Clipfolio against a reference implementation.
import { writeFile, readFile } from 'node:fs/promises';
import { printJson, printLine, UsageError, type CliIo } from '../cli-io';
import { parseCommandArgs } from '../parse-command-args';
import { modelOptions, modelUsage, resolveModel } from '../open-engine';
import { ClipTokenizer } from '../../clip/tokenizer';
import { decodePhoto } from '../../imaging/decode-photo';

export const debugUsage = `usage: clipfolio debug tokenize TEXT... ${modelUsage} [--json]
       clipfolio debug preprocess FILE --out OUT.f32 ${modelUsage}`;

export async function debug(args: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'tokenize') return tokenize(rest, io);
  if (sub === 'preprocess') return preprocess(rest, io);
  throw new UsageError(debugUsage);
}

async function tokenize(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { ...modelOptions, json: { type: 'boolean' } });
  if (positionals.length === 0) throw new UsageError(debugUsage);
  const model = await resolveModel(values, io);
  const tokenizer = await ClipTokenizer.fromFolder(model.tokenizerDir);
  const rows = positionals.map((text) => ({ text, ids: tokenizer.encode(text) }));
  if (values.json) printJson(io, rows);
  else for (const row of rows) printLine(io, `${row.text}\t${row.ids.join(' ')}`);
  return 0;
}

async function preprocess(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { ...modelOptions, out: { type: 'string' } });
  const [file] = positionals;
  if (!file || !values.out || positionals.length > 1) throw new UsageError(debugUsage);
  const model = await resolveModel(values, io);
  const decoded = await decodePhoto(await readFile(file), { preprocess: model.preprocess });
  const { tensor } = decoded;
  // Raw little-endian float32, NCHW: the byte order every supported platform uses natively.
  await writeFile(values.out, new Uint8Array(tensor.buffer, tensor.byteOffset, tensor.byteLength));
  const crop = model.preprocess.cropSize;
  io.stderr.write(`wrote ${values.out}: float32 [1,3,${crop},${crop}] from ${decoded.width}x${decoded.height} ${decoded.format}\n`);
  return 0;
}
