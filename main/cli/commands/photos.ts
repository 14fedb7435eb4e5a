// Runs in: the CLI process. `clipfolio photos`: one entry per file the library knows,
// indexed or not, with the reason for every failed or skipped one.
import { printJson, printLine, libraryOf, type CliIo } from '../cli-io';
import { parseCommandArgs } from '../parse-command-args';
import { libraryOption, libraryUsage } from '../open-library';

export const photosUsage = `usage: clipfolio photos ${libraryUsage} [--json]`;

export function photosCommand(args: string[], io: CliIo): number {
  const { values } = parseCommandArgs(args, { ...libraryOption, json: { type: 'boolean' } });
  const { catalog } = libraryOf(io);
  const photos = [...catalog.photos()].map((p) => ({
    id: p.id,
    path: p.path,
    status: p.status,
    reason: p.reason,
    takenAt: p.takenAt,
    width: p.width,
    height: p.height,
    camera: p.camera,
    format: p.format,
    duplicateOf: p.duplicateOf,
  }));
  if (values.json) printJson(io, photos);
  else for (const p of photos) printLine(io, [p.id, p.status, p.path, p.reason ?? ''].join('\t').trimEnd());
  return 0;
}
