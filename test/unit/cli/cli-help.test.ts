// Runs in: vitest. `clipfolio COMMAND --help`, `-h` and `clipfolio help COMMAND` print the
// command's own usage and exit 0 for every command, in process through runCli, before the
// command parses anything (so nothing opens a library or model).
import { Writable } from 'node:stream';
import { expect, it } from 'vitest';
import { runCli } from '../../../main/cli/main';

async function run(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const sink = (append: (text: string) => void) =>
    new Writable({
      write(chunk: Buffer | string, _encoding, done) {
        append(chunk.toString());
        done();
      },
    });
  const code = await runCli(argv, { stdout: sink((t) => (stdout += t)), stderr: sink((t) => (stderr += t)), cwd: process.cwd(), signal: new AbortController().signal });
  return { code, stdout, stderr };
}

async function commandNames(): Promise<string[]> {
  const { stdout } = await run('--help');
  const rows = stdout.split('\n\ncommands:\n')[1] ?? '';
  return rows.split('\n').flatMap((row) => /^ {2}(\S+)/.exec(row)?.[1] ?? []);
}

it('lists every command, and how to ask one for its usage', async () => {
  const { code, stdout } = await run('help');
  expect(code).toBe(0);
  expect(stdout).toContain('clipfolio help COMMAND');
  expect(await commandNames()).toHaveLength(25);
});

it("prints each command's usage for --help, -h and help COMMAND, exit 0", async () => {
  for (const name of await commandNames()) {
    const asked = await run(name, '--help');
    expect(asked.code, name).toBe(0);
    expect(asked.stderr, name).toBe('');
    expect(asked.stdout.startsWith(`usage: clipfolio ${name} `), asked.stdout).toBe(true);
    expect(await run(name, '-h'), name).toEqual(asked);
    expect(await run('help', name), name).toEqual(asked);
  }
});

it('answers --help wherever it comes, before other arguments are checked', async () => {
  const usage = (await run('albums', '--help')).stdout;
  expect(await run('albums', 'move', 'NAME', '--help', '--no-such-flag')).toEqual({ code: 0, stdout: usage, stderr: '' });
  expect(await run('debug', 'tokenize', '-h')).toMatchObject({ code: 0, stdout: (await run('debug', '--help')).stdout });
});

it('a usage mistake prints the same usage text that --help does', async () => {
  const usage = (await run('tag', '--help')).stdout;
  expect(await run('tag', 'photo.jpg')).toEqual({ code: 2, stdout: '', stderr: `clipfolio: ${usage}` });
});

it('an option the usage names is one the command parses: search --limit', async () => {
  expect((await run('search', '--help')).stdout).toContain('[--limit N]');
  // A bad value is refused by search's own check, after parsing and before the library or model opens.
  expect(await run('search', 'beach', '--limit', '0')).toEqual({ code: 2, stdout: '', stderr: 'clipfolio: --limit must be a positive whole number\n' });
});

it('an unknown command is a usage error, for help COMMAND too', async () => {
  for (const argv of [['frobnicate', '--help'], ['help', 'frobnicate']]) {
    const { code, stderr } = await run(...argv);
    expect(code, argv.join(' ')).toBe(2);
    expect(stderr).toContain("unknown command 'frobnicate'");
  }
});
