// Runs in: the CLI process, or the app when the app holds the library. `clipfolio undo` and
// `clipfolio redo`: the same history as the app's Edit menu (library/edit-history.ts), so an
// edit made in the app can be taken back from the terminal and the other way round.
import { libraryOf, printJson, printLine, UsageError, type CliIo } from '../cli-io';
import { libraryOption, libraryUsage } from '../open-library';
import { parseCommandArgs } from '../parse-command-args';

export const undoUsage = `usage: clipfolio undo ${libraryUsage} [--json]`;
export const redoUsage = `usage: clipfolio redo ${libraryUsage} [--json]`;

export function historyCommand(action: 'undo' | 'redo', args: string[], io: CliIo): number {
  const { values, positionals } = parseCommandArgs(args, { ...libraryOption, json: { type: 'boolean' } });
  if (positionals.length > 0) throw new UsageError(action === 'undo' ? undoUsage : redoUsage);
  const { catalog } = libraryOf(io);
  const entry = action === 'undo' ? catalog.undo() : catalog.redo();
  if (values.json) printJson(io, { [action === 'undo' ? 'undid' : 'redid']: entry?.label ?? null, ...catalog.history() });
  else printLine(io, entry ? `${action === 'undo' ? 'Undid' : 'Redid'}: ${entry.label}` : `Nothing to ${action}.`);
  return 0;
}
