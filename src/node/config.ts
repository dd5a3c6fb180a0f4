import { ConfigError, parseConfig, type AllowedHost } from '../cards/config.ts';
import type { RenderLimits } from './render-queue.ts';
import { defaultThreads } from './render-pool.ts';

/** Where and what to serve. */
export interface ServeOptions {
  port: number;
  hostname: string;
  /** A quotes file in the bundled schema; the bundled quotes when absent. */
  quotesFile?: string;
  /** The public origin for absolute URLs; the request's own origin when absent. */
  publicBaseUrl?: string;
  /** The hosts requests may name (ALLOWED_HOSTS); any host when absent. */
  allowedHosts?: readonly AllowedHost[];
  /** Memory for rendered cards, in bytes (default 64 MiB, 0 = off). */
  cacheBytes?: number;
  /** Render threads (RENDER_THREADS; default one per core). */
  threads?: number;
  /** The render queue and time limit. */
  renderLimits?: RenderLimits;
  /** How long SIGTERM/SIGINT wait for in-flight requests before closing them (SHUTDOWN_TIMEOUT_MS, default 10 s). */
  shutdownTimeoutMs?: number;
  /** Node's own limits on a client, in milliseconds (see ServerTimeouts). */
  timeouts?: ServerTimeouts;
}

/** How long the server waits for a client, in milliseconds; a client too slow gets 408 (headers, request) or its idle connection closed. */
export interface ServerTimeouts {
  /** To receive a request's headers (HEADERS_TIMEOUT_MS, default 10 s): slow headers are a 408. */
  headersMs: number;
  /** To receive a whole request (REQUEST_TIMEOUT_MS, default 30 s); not the time to answer it. */
  requestMs: number;
  /** An idle keep-alive connection stays open (KEEP_ALIVE_TIMEOUT_MS, default 5 s). */
  keepAliveMs: number;
}

/**
 * The serve options from the environment (see src/cards/config.ts for every
 * variable and its default). Throws a ConfigError, one line, for a bad value.
 */
export function serveOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): ServeOptions {
  const config = parseConfig(env);
  // Node refuses a headers timeout longer than the request timeout it is part of.
  if (config.HEADERS_TIMEOUT_MS > config.REQUEST_TIMEOUT_MS) {
    throw new ConfigError(
      `HEADERS_TIMEOUT_MS must be at most REQUEST_TIMEOUT_MS (${config.REQUEST_TIMEOUT_MS}); received "${config.HEADERS_TIMEOUT_MS}".`,
    );
  }
  const threads = config.RENDER_THREADS ?? defaultThreads();
  return {
    port: config.PORT,
    hostname: config.HOST,
    quotesFile: config.QUOTES_FILE,
    publicBaseUrl: config.PUBLIC_BASE_URL,
    allowedHosts: config.ALLOWED_HOSTS,
    cacheBytes: config.CARD_CACHE_MB * 1024 * 1024,
    threads,
    // One render per thread at a time by default: more would only wait in the pool instead of the queue.
    renderLimits: {
      concurrency: config.RENDER_CONCURRENCY ?? threads,
      maxWaiting: config.RENDER_QUEUE,
      timeoutMs: config.RENDER_TIMEOUT_MS,
    },
    shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS,
    timeouts: { headersMs: config.HEADERS_TIMEOUT_MS, requestMs: config.REQUEST_TIMEOUT_MS, keepAliveMs: config.KEEP_ALIVE_TIMEOUT_MS },
  };
}

/** What an empty environment gives: the defaults of every setting, in serve options' units. */
export const DEFAULT_SERVE_OPTIONS = serveOptionsFromEnv({}) as Required<
  Omit<ServeOptions, 'quotesFile' | 'publicBaseUrl' | 'allowedHosts'>
>;

/**
 * serveOptionsFromEnv for an entry point (`npm start`, `npm run dev`,
 * `quote-cards serve`): a bad value prints its one line on stderr and exits 1,
 * never a stack trace.
 */
export function serveOptionsOrExit(env: NodeJS.ProcessEnv = process.env): ServeOptions {
  try {
    return serveOptionsFromEnv(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    exitWith(error.message);
  }
}

/**
 * The one way the server stops before serving: `message`, one line, on
 * stderr, then exit status 1 (a bad setting, an unusable quotes file, an
 * address it cannot listen on). Never a stack trace.
 */
export function exitWith(message: string): never {
  console.error(message);
  process.exit(1);
}
