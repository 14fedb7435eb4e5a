// Runs in: the CLI process, or the app when the app holds the library. `clipfolio undo` and
// `clipfolio redo`: the same history as the app's Edit menu (library/edit-history.ts), so an
// edit made in the app can be taken back from the terminal and the other way round; files
// an edit moved to the trash come back with it (library/photo-trash.ts).
import { redoWithFiles, undoWithFiles } from '../../library/photo-trash';
import { libraryOf, printJson, printLine, UsageError, type CliIo } from '../cli-io';
import { libraryOption, libraryUsage } from '../open-library';
import { parseCommandArgs } from '../parse-command-args';

export const undoUsage = `usage: clipfolio undo ${libraryUsage} [--json]`;
export const redoUsage = `usage: clipfolio redo ${libraryUsage} [--json]`;

export async function historyCommand(action: 'undo' | 'redo', args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { ...libraryOption, json: { type: 'boolean' } });
  if (positionals.length > 0) throw new UsageError(action === 'undo' ? undoUsage : redoUsage);
  const { catalog } = libraryOf(io);
  const { replayed: entry, leftOver } = action === 'undo' ? await undoWithFiles(catalog) : await redoWithFiles(catalog);
  if (values.json) printJson(io, { [action === 'undo' ? 'undid' : 'redid']: entry?.label ?? null, leftOver, ...catalog.history() });
  else printLine(io, entry ? `${action === 'undo' ? 'Undid' : 'Redid'}: ${entry.label}` : `Nothing to ${action}.`);
  for (const file of leftOver) io.stderr.write(`clipfolio: ${file.path}: ${file.reason}\n`);
  return 0;
}
