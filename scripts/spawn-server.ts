import { spawn, type ChildProcess } from 'node:child_process';

const BIN = new URL('../bin/quote-cards.js', import.meta.url);

/** A server started for a run. */
export interface RunningServer {
  url: string;
  pid: number;
  child: ChildProcess;
  /** Stops it with SIGTERM and resolves with its exit code. */
  stop(): Promise<number | null>;
}

/**
 * Starts `quote-cards serve --port 0` on 127.0.0.1 in a child process, with
 * extra environment; resolves once it listens, rejects when it exits first.
 */
export function spawnServer(env: Record<string, string> = {}): Promise<RunningServer> {
  const child = spawn(process.execPath, [BIN.pathname, 'serve', '--port', '0', '--host', '127.0.0.1'], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    let stdout = '';
    child.stdout!.on('data', (chunk) => {
      stdout += chunk;
      const match = /on (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout);
      if (match) {
        resolve({
          url: match[1]!,
          pid: child.pid!,
          child,
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
