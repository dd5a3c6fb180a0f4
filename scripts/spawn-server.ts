import { spawn, type ChildProcess } from 'node:child_process';

const BIN = new URL('../bin/quote-cards.js', import.meta.url);

/** A server started for a run. */
export interface RunningServer {
  url: string;
  pid: number;
  child: ChildProcess;
  /** What it has written to stdout so far. */
  stdout(): string;
  /** Stops it with SIGTERM and resolves with its exit code. */
  stop(): Promise<number | null>;
}

/**
 * Starts a server on 127.0.0.1 and a free port in a child process, with extra
 * environment: `quote-cards serve --port 0` unless `args` (node's arguments:
 * another entry, such as scripts/start.mjs) says otherwise; resolves once it
 * listens, rejects when it exits first.
 */
export function spawnServer(
  env: Record<string, string> = {},
  args: readonly string[] = [BIN.pathname, 'serve', '--port', '0', '--host', '127.0.0.1'],
): Promise<RunningServer> {
  const child = spawn(process.execPath, args, {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  let stdout = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (chunk) => {
      stdout += chunk;
      const match = /on (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout);
      if (match) {
        resolve({
          url: match[1]!,
          pid: child.pid!,
          child,
          stdout: () => stdout,
          stop: () => {
            child.kill('SIGTERM');
            return exited;
          },
        });
      }
    });
    void exited.then((code) => reject(new Error(`server exited with ${code} before listening: ${stderr}`)));
  });
}
