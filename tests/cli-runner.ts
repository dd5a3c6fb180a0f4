import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The `quote-cards` command, as `npx quote-cards` runs it. */
export const BIN = fileURLToPath(new URL('../bin/quote-cards.js', import.meta.url));

export interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  stdoutBytes: Buffer;
}

export interface RunOptions {
  /** Added to the environment. */
  env?: NodeJS.ProcessEnv;
  /** Killed (SIGKILL) after this many ms, so a command that blocks fails its test instead of hanging it. */
  timeout?: number;
  /** Called with the whole stdout so far on each chunk. */
  onStdout?: (text: string, child: ChildProcess) => void;
  /** Called once the process has started. */
  onSpawn?: (child: ChildProcess) => void;
}

/** Runs `quote-cards` as a user would (stdout is a pipe, not a terminal). */
export function quoteCards(args: readonly string[], options: RunOptions = {}): Promise<Run> {
  return runCommand(process.execPath, [BIN, ...args], options);
}

/** Runs any command the same way (`unshare … sh -c …`, say). */
export function runCommand(command: string, args: readonly string[], options: RunOptions = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...options.env },
      timeout: options.timeout,
      killSignal: 'SIGKILL',
    });
    options.onSpawn?.(child);
    const out: Buffer[] = [];
    let stderr = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out.push(chunk);
      options.onStdout?.(Buffer.concat(out).toString('utf8'), child);
    });
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      const stdoutBytes = Buffer.concat(out);
      resolve({ code, signal, stdout: stdoutBytes.toString('utf8'), stderr, stdoutBytes });
    });
  });
}
