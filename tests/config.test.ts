import { spawn } from 'node:child_process';
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
      CARD_CACHE_MB: 64,
      RENDER_THREADS: undefined,
      RENDER_CONCURRENCY: undefined,
      RENDER_QUEUE: 32,
      RENDER_TIMEOUT_MS: 10_000,
      SHUTDOWN_TIMEOUT_MS: 10_000,
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
    [
      'PUBLIC_BASE_URL',
      'https://cards.example.com/base',
      'PUBLIC_BASE_URL must be an absolute URL, an origin only (http or https; no path, query or credentials), such as https://cards.example.com; received "https://cards.example.com/base".',
    ],
  ])('refuses %s=%s in one line naming it, the value and what is allowed', (name, value, message) => {
    expect(() => parseConfig({ [name]: value })).toThrow(new ConfigError(message));
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

/** Runs an entry point until it exits (a bad setting exits before anything is served). */
function run(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
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
  'npm run dev (src/node/server.ts)': ['--import', 'tsx', 'src/node/server.ts'],
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
