// Runs in: vitest. Each command's usage names exactly the options it parses: the option
// table every command hands parseCommandArgs is caught (the command stops there) and
// compared with the --flags its `--help` text names.
import { Writable } from 'node:stream';
import { expect, it, vi } from 'vitest';
import { runCli } from '../../../main/cli/main';

const parsed = vi.hoisted(() => ({ options: [] as string[] }));
vi.mock('../../../main/cli/parse-command-args', () => ({
  parseCommandArgs(_args: string[], options: Record<string, unknown>): never {
    parsed.options.push(...Object.keys(options));
    throw new Error('options caught');
  },
}));

async function run(...argv: string[]): Promise<string> {
  let stdout = '';
  const stdoutSink = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      stdout += chunk.toString();
      done();
    },
  });
  const stderrSink = new Writable({ write: (_chunk, _encoding, done) => done() });
  await runCli(argv, { stdout: stdoutSink, stderr: stderrSink, cwd: process.cwd(), signal: new AbortController().signal });
  return stdout;
}

/** The options `name` parses; debug's sub-commands each parse their own. */
async function parsedOptions(name: string): Promise<Set<string>> {
  parsed.options = [];
  for (const sub of name === 'debug' ? ['tokenize', 'preprocess'] : ['x']) await run(name, sub);
  return new Set(parsed.options);
}

it("every command's usage names the options it parses, and no others", async () => {
  const names = (await run('--help')).split('\n').flatMap((row) => /^ {2}(\S+)/.exec(row)?.[1] ?? []);
  expect(names).toHaveLength(25);
  for (const name of names) {
    const named = new Set([...(await run(name, '--help')).matchAll(/--([a-z][a-z-]*)/g)].map((m) => m[1]));
    expect([...named].sort(), name).toEqual([...(await parsedOptions(name))].sort());
  }
});
