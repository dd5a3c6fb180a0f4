/**
 * Starts `wrangler dev` (the Worker in local workerd, with its static assets
 * and cache) on free ports, for tests and the edge benchmark, and finds the
 * workerd process that runs it so its CPU time can be read from /proc.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const WRANGLER = fileURLToPath(new URL('../node_modules/wrangler/bin/wrangler.js', import.meta.url));

export interface WranglerDev {
  /** `http://127.0.0.1:<port>`. */
  origin: string;
  /** The workerd processes below wrangler: the one running the Worker, and the proxy in front of it. */
  workerdPids: number[];
  /** Milliseconds from spawning wrangler to the first answer of `readyPath`. */
  startMs: number;
  stop(): Promise<void>;
}

/** A port nothing listens on right now (the kernel's pick for port 0). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/**
 * Runs `wrangler dev --config <config>` with a fresh persistence folder (an
 * empty cache) and waits until `readyPath` answers with any status. Throws
 * with wrangler's output when it exits or does not answer within `timeoutMs`.
 */
export async function startWranglerDev(config: string, { readyPath = '/healthz', timeoutMs = 60_000 } = {}): Promise<WranglerDev> {
  const [port, inspectorPort] = [await freePort(), await freePort()];
  const persist = mkdtempSync(join(tmpdir(), 'quote-cards-wrangler-'));
  const started = performance.now();
  const child = spawn(
    process.execPath,
    [WRANGLER, 'dev', '--config', config, '--ip', '127.0.0.1', '--port', String(port), '--inspector-port', String(inspectorPort)].concat([
      '--persist-to',
      persist,
      '--show-interactive-dev-session=false',
      '--log-level',
      'warn',
    ]),
    { cwd: ROOT, env: { ...process.env, WRANGLER_SEND_METRICS: 'false', NO_COLOR: '1', CI: '1' }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null) child.kill('SIGTERM');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);
    if (child.exitCode === null) child.kill('SIGKILL');
    rmSync(persist, { recursive: true, force: true });
  };
  const origin = `http://127.0.0.1:${port}`;
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`wrangler dev exited with ${child.exitCode}:\n${output}`);
      if (performance.now() - started > timeoutMs)
        throw new Error(`wrangler dev did not answer ${readyPath} in ${timeoutMs} ms:\n${output}`);
      const ok = await fetch(origin + readyPath).then(
        async (res) => (await res.arrayBuffer(), true),
        () => false,
      );
      if (ok) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const startMs = performance.now() - started;
    const workerdPids = descendants(child.pid!).filter((pid) => commandOf(pid).includes('workerd'));
    if (workerdPids.length === 0) throw new Error('wrangler dev answers, but no workerd process was found under it');
    return { origin, workerdPids, startMs, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Every process below `pid`, read from /proc (Linux). */
export function descendants(pid: number): number[] {
  const children = readdirSync(`/proc/${pid}/task`).flatMap((task) =>
    readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number),
  );
  return children.flatMap((child) => [child, ...descendants(child)]);
}

function commandOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return '';
  }
}
