import { ConfigError, parseConfig } from '../cards/config.ts';
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
  /** Memory for rendered cards, in bytes (default 64 MiB, 0 = off). */
  cacheBytes?: number;
  /** Render threads (RENDER_THREADS; default one per core). */
  threads?: number;
  /** The render queue and time limit. */
  renderLimits?: RenderLimits;
  /** How long SIGTERM/SIGINT wait for in-flight requests before closing them (SHUTDOWN_TIMEOUT_MS, default 10 s). */
  shutdownTimeoutMs?: number;
}

/**
 * The serve options from the environment (see src/cards/config.ts for every
 * variable and its default). Throws a ConfigError, one line, for a bad value.
 */
export function serveOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): ServeOptions {
  const config = parseConfig(env);
  const threads = config.RENDER_THREADS ?? defaultThreads();
  return {
    port: config.PORT,
    hostname: config.HOST,
    quotesFile: config.QUOTES_FILE,
    publicBaseUrl: config.PUBLIC_BASE_URL,
    cacheBytes: config.CARD_CACHE_MB * 1024 * 1024,
    threads,
    // One render per thread at a time by default: more would only wait in the pool instead of the queue.
    renderLimits: {
      concurrency: config.RENDER_CONCURRENCY ?? threads,
      maxWaiting: config.RENDER_QUEUE,
      timeoutMs: config.RENDER_TIMEOUT_MS,
    },
    shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS,
  };
}

/** What an empty environment gives: the defaults of every setting, in serve options' units. */
export const DEFAULT_SERVE_OPTIONS = serveOptionsFromEnv({}) as Required<Omit<ServeOptions, 'quotesFile' | 'publicBaseUrl'>>;

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
    console.error(error.message);
    process.exit(1);
  }
}
