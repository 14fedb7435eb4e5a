// Runs in: the process holding a library (the app, or a CLI command) and the CLI that finds it
// held. A command typed while another process holds the library is handed to that process
// over a per-library local socket (a named pipe on Windows), runs there against the open
// library, and its output comes back as it is written, so it prints as if run locally,
// progress included; Ctrl-C in the terminal stops it there. VS Code's `code` CLI and
// darktable pass work to their running instance the same way.
//
// Authentication: the holder writes a fresh random token to the library folder, readable
// by the user alone (library-lock.ts), and a command carries it; the socket file itself is
// the user's alone too. Protocol: newline-delimited JSON; the client sends one request
// {token, argv, cwd, tty}, the holder answers frames {out} {err} ... {exit}.
import { createHash, timingSafeEqual } from 'node:crypto';
import { chmod, rm } from 'node:fs/promises';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { answerWhenDurable } from '../library/durable-answers';
import { LibraryLock } from '../library/library-lock';
import { ClipfolioError, errorMessage } from '../shared/errors';
import type { CliIo, OutputStream } from './cli-io';

interface HandoffRequest {
  token: string;
  argv: string[];
  cwd: string;
  tty: { stdout: boolean; stderr: boolean };
}

type Frame = { out: string } | { err: string } | { exit: number };

/** The socket a library's holder listens on: one per library folder. */
export function handoffSocketPath(libraryDir: string): string {
  const id = createHash('sha256').update(libraryDir).digest('hex').slice(0, 20);
  if (process.platform === 'win32') return `\\\\.\\pipe\\clipfolio-${id}`;
  // Short enough for sun_path (104 bytes on macOS) wherever the library is.
  return join(process.env.XDG_RUNTIME_DIR ?? tmpdir(), `clipfolio-${id}.sock`);
}

export interface HandoffServer {
  /** Stops taking commands; resolves once the ones running have finished. */
  close(): Promise<void>;
}

/**
 * Takes commands for the library `lock` holds and runs each with `run`, output streamed back.
 * The holder calls this once it can run commands; the socket is named in the holder file.
 */
export async function serveHandoff(lock: LibraryLock, run: (argv: string[], io: CliIo) => Promise<number>): Promise<HandoffServer> {
  const path = handoffSocketPath(lock.dir);
  const expected = Buffer.from(lock.token);
  const running = new Set<Promise<void>>();
  const server: Server = createServer((socket) => {
    const done = serveOne(socket, expected, run).finally(() => running.delete(done));
    running.add(done);
  });
  // We hold the lock, so a socket file left here belonged to a holder that is gone.
  if (process.platform !== 'win32') await rm(path, { force: true });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(path, () => resolve());
  });
  if (process.platform !== 'win32') await chmod(path, 0o600);
  await lock.setSocket(path);
  return {
    close: async () => {
      await lock.setSocket(null).catch(() => undefined);
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await Promise.all(running);
    },
  };
}

async function serveOne(socket: Socket, expected: Buffer, run: (argv: string[], io: CliIo) => Promise<number>): Promise<void> {
  const send = (frame: Frame) => {
    if (!socket.destroyed) socket.write(`${JSON.stringify(frame)}\n`);
  };
  const lines = createInterface({ input: socket });
  const first = await new Promise<string | null>((resolve) => {
    lines.once('line', resolve);
    socket.once('close', () => resolve(null));
    socket.once('error', () => resolve(null));
  });
  if (first === null) return;
  let request: HandoffRequest;
  try {
    request = JSON.parse(first) as HandoffRequest;
  } catch {
    socket.destroy();
    return;
  }
  const given = Buffer.from(String(request.token));
  if (given.length !== expected.length || !timingSafeEqual(given, expected) || !Array.isArray(request.argv)) {
    send({ err: 'clipfolio: this command could not prove it comes from the library’s own user; it was refused.\n' });
    send({ exit: 1 });
    socket.end();
    return;
  }
  const stop = new AbortController();
  socket.once('close', () => stop.abort());
  const stream = (kind: 'out' | 'err', tty: boolean): OutputStream => ({
    write: (text: string) => send(kind === 'out' ? { out: String(text) } : { err: String(text) }),
    isTTY: tty,
  });
  const io: CliIo = {
    stdout: stream('out', request.tty.stdout),
    stderr: stream('err', request.tty.stderr),
    cwd: String(request.cwd),
    signal: stop.signal,
  };
  let code: number;
  try {
    // The exit code is the command's answer: its edits are on disk before it leaves.
    code = await answerWhenDurable(() => run(request.argv.map(String), io));
  } catch (err) {
    send({ err: `clipfolio: ${errorMessage(err)}\n` });
    code = 1;
  }
  send({ exit: code });
  socket.end();
}

/**
 * Hands `argv` to the process holding the library in `dir` and prints what it answers;
 * resolves with the command's exit code. Null when the holder takes no commands (it is
 * starting, or has just ended): the caller tries to hold the library itself again.
 */
export async function handOff(dir: string, argv: string[], io: CliIo): Promise<number | null> {
  const holder = await LibraryLock.holderOf(dir);
  if (!holder?.socket) return null;
  let token: string;
  try {
    token = await LibraryLock.tokenOf(dir);
  } catch (err) {
    throw new ClipfolioError('FORBIDDEN', `The library ${dir} is open in ${holder.holder}, and its token cannot be read (${errorMessage(err)}).`);
  }
  const socket = await new Promise<Socket | null>((resolve) => {
    const s = createConnection(holder.socket as string, () => resolve(s));
    s.once('error', () => resolve(null));
  });
  if (!socket) return null;
  const request: HandoffRequest = { token, argv, cwd: io.cwd, tty: { stdout: io.stdout.isTTY === true, stderr: io.stderr.isTTY === true } };
  socket.write(`${JSON.stringify(request)}\n`);
  const onAbort = () => socket.destroy();
  io.signal.addEventListener('abort', onAbort, { once: true });
  try {
    let code: number | null = null;
    for await (const line of createInterface({ input: socket })) {
      const frame = JSON.parse(line) as Frame;
      if ('out' in frame) io.stdout.write(frame.out);
      else if ('err' in frame) io.stderr.write(frame.err);
      else code = frame.exit;
    }
    // The holder went away mid-command (it was closed or crashed): say so, as a failure.
    if (code === null) {
      if (io.signal.aborted) return 130;
      io.stderr.write(`clipfolio: ${holder.holder} stopped before the command finished.\n`);
      return 1;
    }
    return code;
  } catch (err) {
    if (io.signal.aborted) return 130;
    throw err;
  } finally {
    io.signal.removeEventListener('abort', onAbort);
    socket.destroy();
  }
}
