// Runs in: main process and the bridge (plain Node). The one path from an untrusted call to
// domain code: channel known? arguments an array matching the channel's schema? only then
// the handler runs, and every outcome, thrown or returned, leaves as a result envelope.
// Electron's ipcMain and the bridge's HTTP server both call this, so they cannot differ.
// A call's answer leaves once the edits it made are durable.
import { answerWhenDurable } from '../library/durable-answers';
import { calls, type CallResult, type Channel, type ParsedArgs, type Result } from '../shared/api-contract';
import { ClipfolioError } from '../shared/errors';
import { failure, ok } from './result';

/** Every channel of the contract, implemented; a missing one is a compile error. */
export type Handlers = {
  [C in Channel]: (...args: ParsedArgs<C>) => Promise<CallResult<C>> | CallResult<C>;
};

export type Dispatch = (channel: string, args: unknown) => Promise<Result<unknown>>;

function isChannel(channel: string): channel is Channel {
  return Object.hasOwn(calls, channel);
}

export function createDispatcher(handlers: Handlers, log: (message: string, err: unknown) => void): Dispatch {
  return async (channel, args) => {
    try {
      if (!isChannel(channel)) throw new ClipfolioError('NOT_FOUND', `There is no API call named '${channel}'.`);
      if (!Array.isArray(args)) throw new ClipfolioError('INVALID_ARGUMENT', `${channel}: arguments must be a list.`);
      const parsed = calls[channel].args.safeParse(args);
      if (!parsed.success) {
        throw new ClipfolioError('INVALID_ARGUMENT', `${channel}: ${parsed.error.issues.map(describeIssue).join('; ')}`);
      }
      const handler = handlers[channel] as (...a: unknown[]) => unknown;
      // An edit is answered once it is on disk (durable-answers.ts).
      return ok(await answerWhenDurable(() => handler(...(parsed.data as unknown[]))));
    } catch (err) {
      return failure(err, log);
    }
  };
}

function describeIssue(issue: { path: PropertyKey[]; message: string }): string {
  const where = issue.path.length > 0 ? `argument ${issue.path.map(String).join('.')}` : 'arguments';
  return `${where} ${issue.message}`;
}
