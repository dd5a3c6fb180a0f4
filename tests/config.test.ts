import { spawn } from 'node:child_process';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig, parseSetting } from '../src/cards/config.ts';
import { serveOptionsFromEnv } from '../src/node/config.ts';

const root = new URL('../', import.meta.url);

describe('parseConfig', () => {
  it('fills in every default', () => {
    expect(parseConfig({})).toEqual({
      PORT: 8787,
      HOST: '127.0.0.1',
      QUOTES_FILE: undefined,
      PUBLIC_BASE_URL: undefined,
      ALLOWED_HOSTS: undefined,
      CARD_CACHE_MB: 64,
      RENDER_THREADS: undefined,
      RENDER_CONCURRENCY: undefined,
      RENDER_QUEUE: 32,
      RENDER_TIMEOUT_MS: 10_000,
      SHUTDOWN_TIMEOUT_MS: 10_000,
      HEADERS_TIMEOUT_MS: 10_000,
      REQUEST_TIMEOUT_MS: 30_000,
      KEEP_ALIVE_TIMEOUT_MS: 5_000,
    });
  });

  it('reads numbers, origins and strings, and takes an empty value as unset', () => {
    expect(
      serveOptionsFromEnv({
        PORT: '0',
        HOST: '0.0.0.0',
        QUOTES_FILE: 'mine.json',
        PUBLIC_BASE_URL: 'https://cards.example.com/',
        CARD_CACHE_MB: '8',
        RENDER_THREADS: '3',
        RENDER_CONCURRENCY: '',
        RENDER_QUEUE: '0',
        RENDER_TIMEOUT_MS: '2000',
        SHUTDOWN_TIMEOUT_MS: '0',
        ALLOWED_HOSTS: ' Cards.Example.com , localhost:8787,[::1]:80',
        HEADERS_TIMEOUT_MS: '500',
        REQUEST_TIMEOUT_MS: '500',
        KEEP_ALIVE_TIMEOUT_MS: '100',
      }),
    ).toEqual({
      port: 0,
      hostname: '0.0.0.0',
      quotesFile: 'mine.json',
      publicBaseUrl: 'https://cards.example.com',
      cacheBytes: 8 * 1024 * 1024,
      threads: 3,
      // Unset: one render per thread.
      renderLimits: { concurrency: 3, maxWaiting: 0, timeoutMs: 2000 },
      shutdownTimeoutMs: 0,
      allowedHosts: [{ hostname: 'cards.example.com' }, { hostname: 'localhost', port: 8787 }, { hostname: '[::1]', port: 80 }],
      timeouts: { headersMs: 500, requestMs: 500, keepAliveMs: 100 },
    });
  });

  it.each([
    ['PORT', 'abc', 'PORT must be a whole number from 0 to 65535; received "abc".'],
    ['PORT', '65536', 'PORT must be a whole number from 0 to 65535; received "65536".'],
    ['PORT', '-1', 'PORT must be a whole number from 0 to 65535; received "-1".'],
    ['PORT', '80.5', 'PORT must be a whole number from 0 to 65535; received "80.5".'],
    ['CARD_CACHE_MB', '-1', 'CARD_CACHE_MB must be a whole number of mebibytes (0 turns the cache off); received "-1".'],
    ['RENDER_THREADS', '0', 'RENDER_THREADS must be a whole number from 1 to 1024; received "0".'],
    ['RENDER_CONCURRENCY', '0', 'RENDER_CONCURRENCY must be a whole number, at least 1; received "0".'],
    ['RENDER_QUEUE', 'abc', 'RENDER_QUEUE must be a whole number, at least 0; received "abc".'],
    ['RENDER_TIMEOUT_MS', '99', 'RENDER_TIMEOUT_MS must be a whole number of milliseconds, at least 100; received "99".'],
    ['SHUTDOWN_TIMEOUT_MS', '1e3', 'SHUTDOWN_TIMEOUT_MS must be a whole number of milliseconds, at least 0; received "1e3".'],
    ['HEADERS_TIMEOUT_MS', '50', 'HEADERS_TIMEOUT_MS must be a whole number of milliseconds, at least 100; received "50".'],
    [
      'ALLOWED_HOSTS',
      'cards.example.com,https://evil.example',
      'ALLOWED_HOSTS must be a comma-separated list of host[:port], such as cards.example.com,localhost:8787; received "cards.example.com,https://evil.example".',
    ],
    [
      'ALLOWED_HOSTS',
      'localhost:99999',
      'ALLOWED_HOSTS must be a comma-separated list of host[:port], such as cards.example.com,localhost:8787; received "localhost:99999".',
    ],
    [
      'PUBLIC_BASE_URL',
      'https://cards.example.com/base',
      'PUBLIC_BASE_URL must be an absolute URL, an origin only (http or https; no path, query or credentials), such as https://cards.example.com; received "https://cards.example.com/base".',
    ],
  ])('refuses %s=%s in one line naming it, the value and what is allowed', (name, value, message) => {
    expect(() => parseConfig({ [name]: value })).toThrow(new ConfigError(message));
  });

  it('refuses a headers timeout longer than the request timeout, which Node would refuse at start-up', () => {
    expect(() => serveOptionsFromEnv({ HEADERS_TIMEOUT_MS: '40000' })).toThrow(
      new ConfigError('HEADERS_TIMEOUT_MS must be at most REQUEST_TIMEOUT_MS (30000); received "40000".'),
    );
  });

  it('names every bad variable on one line', () => {
    expect(() => parseConfig({ PORT: 'x', RENDER_QUEUE: 'y' })).toThrow(
      new ConfigError(
        'PORT must be a whole number from 0 to 65535; received "x". RENDER_QUEUE must be a whole number, at least 0; received "y".',
      ),
    );
  });

  it('reads a Worker binding with the same schema', () => {
    expect(parseConfig({ PUBLIC_BASE_URL: 'http://localhost:8787', PORT: 'ignored' }, ['PUBLIC_BASE_URL'])).toEqual({
      PUBLIC_BASE_URL: 'http://localhost:8787',
    });
    expect(() => parseSetting('PUBLIC_BASE_URL', 'ftp://cards.example.com')).toThrow('received "ftp://cards.example.com"');
  });
});

/** Runs an entry point (with `command`, node by default) until it exits (a bad setting exits before anything is served). */
function run(
  args: string[],
  env: Record<string, string>,
  [command, ...prefix]: string[] = [process.execPath],
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command!, [...prefix, ...args], { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), 50_000);
    child.once('error', reject);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

const ENTRY_POINTS = {
  'quote-cards serve': ['bin/quote-cards.js', 'serve'],
  'npm start (scripts/start.mjs)': ['scripts/start.mjs'],
  'npm run dev (src/node/main.ts)': ['--import', 'tsx', 'src/node/main.ts'],
};

describe.each(Object.entries(ENTRY_POINTS))('%s with a bad setting', (_, args) => {
  it.each([
    ['PORT', 'abc', 'a whole number from 0 to 65535'],
    ['CARD_CACHE_MB', '-1', 'a whole number of mebibytes'],
    ['RENDER_QUEUE', 'abc', 'a whole number, at least 0'],
    ['PUBLIC_BASE_URL', 'cards.example.org', 'an absolute URL'],
  ])('exits 1 with one line naming %s=%s', async (name, value, allowed) => {
    const { code, stdout, stderr } = await run(args, { PORT: '0', [name]: value });
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr.endsWith('\n')).toBe(true);
    const lines = stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`${name} must be ${allowed}`);
    expect(lines[0]).toContain(`received ${JSON.stringify(value)}`);
  });
});

describe('quote-cards serve on an address it cannot listen on', () => {
  const serve = ['bin/quote-cards.js', 'serve'];

  /** Expects exit 1 and exactly `message` on stderr, nothing on stdout. */
  async function expectOneLine(result: Promise<{ code: number | null; stdout: string; stderr: string }>, message: string) {
    const { code, stdout, stderr } = await result;
    expect({ code, stdout, stderr }).toEqual({ code: 1, stdout: '', stderr: `${message}\n` });
  }

  it('names a port already in use (EADDRINUSE)', async () => {
    const taken = createNetServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const { port } = taken.address() as AddressInfo;
    try {
      await expectOneLine(
        run(serve, { PORT: String(port), HOST: '127.0.0.1' }),
        `Cannot listen on 127.0.0.1:${port}: the port is already in use; stop what holds it or set PORT to another port (EADDRINUSE).`,
      );
    } finally {
      taken.close();
    }
  });

  it('names an address no interface has (EADDRNOTAVAIL)', async () => {
    // 192.0.2.0/24 is TEST-NET-1 (RFC 5737): never a local address.
    await expectOneLine(
      run(serve, { PORT: '0', HOST: '192.0.2.1' }),
      'Cannot listen on 192.0.2.1:0: no network interface of this machine has that address; set HOST to one of its addresses, such as 127.0.0.1 or 0.0.0.0 (EADDRNOTAVAIL).',
    );
  });

  it('names a privileged port it may not bind (EACCES)', async () => {
    // As root any port may be bound, so the server runs as nobody there.
    const asUser =
      process.getuid?.() === 0 ? ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', process.execPath] : [process.execPath];
    await expectOneLine(
      run(serve, { PORT: '80', HOST: '127.0.0.1' }, asUser),
      'Cannot listen on 127.0.0.1:80: permission denied; ports below 1024 need privileges, so set PORT to 1024 or above (EACCES).',
    );
  });
});
