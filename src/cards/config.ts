/**
 * Every setting the service reads from its environment, in one schema: the
 * Node server's environment variables and the Worker's bindings. Runtime-free:
 * src/node reads process.env through it, the Worker its `env` argument.
 */
import { z } from 'zod';

/** A setting in the environment that is not allowed; the message is one line naming it, the value and what is allowed. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

const wholeNumber = (min: number, max = 999_999_999) =>
  z
    .string()
    .regex(/^\d{1,9}$/)
    .transform(Number)
    .pipe(z.number().min(min).max(max));

/** An absolute http(s) origin, such as `https://cards.example.com`, normalised to `URL.origin`. */
const origin = z.string().transform((value, ctx) => {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    // reported below
  }
  const web = url?.protocol === 'https:' || url?.protocol === 'http:';
  if (!url || !web || url.pathname !== '/' || url.search || url.hash || url.username || url.password) {
    ctx.addIssue({ code: 'custom', message: 'not an origin' });
    return z.NEVER;
  }
  return url.origin;
});

/** One host a request may name, from `ALLOWED_HOSTS`: a lowercase host name or bracketed IPv6 address, and a port when one was given. */
export interface AllowedHost {
  hostname: string;
  port?: number;
}

const HOST_AND_PORT = /^(\[[0-9a-f:.]+\]|[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?)(?::(\d{1,5}))?$/;

/** A comma-separated list of `host[:port]`, such as `cards.example.com,localhost:8787`. */
const hostList = z.string().transform((value, ctx) => {
  const hosts: AllowedHost[] = [];
  for (const entry of value.split(',').map((part) => part.trim().toLowerCase())) {
    const match = HOST_AND_PORT.exec(entry);
    const port = match?.[2] === undefined ? undefined : Number(match[2]);
    if (!match || (port !== undefined && port > 65_535)) {
      ctx.addIssue({ code: 'custom', message: 'not a host list' });
      return z.NEVER;
    }
    hosts.push(port === undefined ? { hostname: match[1]! } : { hostname: match[1]!, port });
  }
  return hosts;
});

/** Each variable's schema (from its text; unset or empty takes the default) and, in words, what it allows. */
const SETTINGS = {
  PORT: { schema: wholeNumber(0, 65_535).default(8787), allowed: 'a whole number from 0 to 65535' },
  HOST: { schema: z.string().default('127.0.0.1'), allowed: 'a host name or IP address' },
  QUOTES_FILE: { schema: z.string().optional(), allowed: 'the path of a quotes file' },
  PUBLIC_BASE_URL: {
    schema: origin.optional(),
    allowed: 'an absolute URL, an origin only (http or https; no path, query or credentials), such as https://cards.example.com',
  },
  ALLOWED_HOSTS: {
    schema: hostList.optional(),
    allowed: 'a comma-separated list of host[:port], such as cards.example.com,localhost:8787',
  },
  // 64 MiB holds a few hundred PNG cards at scale 1.
  CARD_CACHE_MB: { schema: wholeNumber(0, 999_999).default(64), allowed: 'a whole number of mebibytes (0 turns the cache off)' },
  // Render threads; unset means one per core (src/node/render-pool.ts).
  RENDER_THREADS: { schema: wholeNumber(1, 1024).optional(), allowed: 'a whole number from 1 to 1024' },
  // Renders handed to the threads at once; unset means one per thread.
  RENDER_CONCURRENCY: { schema: wholeNumber(1).optional(), allowed: 'a whole number, at least 1' },
  RENDER_QUEUE: { schema: wholeNumber(0).default(32), allowed: 'a whole number, at least 0' },
  RENDER_TIMEOUT_MS: { schema: wholeNumber(100).default(10_000), allowed: 'a whole number of milliseconds, at least 100' },
  SHUTDOWN_TIMEOUT_MS: { schema: wholeNumber(0).default(10_000), allowed: 'a whole number of milliseconds, at least 0' },
  // Node's own defaults (60 s, 300 s) let a slow client hold a connection for minutes.
  HEADERS_TIMEOUT_MS: { schema: wholeNumber(100).default(10_000), allowed: 'a whole number of milliseconds, at least 100' },
  REQUEST_TIMEOUT_MS: { schema: wholeNumber(100).default(30_000), allowed: 'a whole number of milliseconds, at least 100' },
  KEEP_ALIVE_TIMEOUT_MS: { schema: wholeNumber(100).default(5_000), allowed: 'a whole number of milliseconds, at least 100' },
} as const;

/** The name of a setting. */
export type SettingName = keyof typeof SETTINGS;

/** Every setting, parsed: numbers as numbers, defaults filled in (PORT 8787, HOST 127.0.0.1, CARD_CACHE_MB 64, …). */
export type Config = { [Name in SettingName]: z.output<(typeof SETTINGS)[Name]['schema']> };

/** The settings a Worker reads from its bindings. */
export const WORKER_SETTINGS = ['PUBLIC_BASE_URL', 'ALLOWED_HOSTS'] as const satisfies readonly SettingName[];

/**
 * Parses the named settings (all of them by default) from an environment of
 * strings. Unset and empty values take the default. Throws a ConfigError with
 * one line naming each bad variable, the value received and what is allowed,
 * such as `PORT must be a whole number from 0 to 65535; received "abc".`
 */
export function parseConfig<Name extends SettingName = SettingName>(
  env: Readonly<Record<string, unknown>>,
  names: readonly Name[] = Object.keys(SETTINGS) as Name[],
): Pick<Config, Name> {
  const config: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const name of names) {
    const raw = env[name];
    const value = raw === '' || raw === null ? undefined : raw;
    const result = SETTINGS[name].schema.safeParse(value);
    if (result.success) config[name] = result.data;
    else problems.push(`${name} must be ${SETTINGS[name].allowed}; received ${JSON.stringify(value)}.`);
  }
  if (problems.length > 0) throw new ConfigError(problems.join(' '));
  return config as Pick<Config, Name>;
}

/** One setting from its text; throws a ConfigError as parseConfig does. */
export function parseSetting<Name extends SettingName>(name: Name, value: string | undefined): Config[Name] {
  return parseConfig({ [name]: value }, [name])[name];
}
