import { createApp } from '../http/app.ts';
import type { AllowedHost } from '../cards/config.ts';
import { withCardCache } from './card-cache.ts';
import { DEFAULT_SERVE_OPTIONS } from './config.ts';
import { parseQuotes, type Quote } from '../cards/quotes.ts';
import { BUNDLED_QUOTES_FILE, readQuotesText } from './quotes-file.ts';
import { withRenderLimits, type RenderLimits } from './render-queue.ts';
import { createRenderPool, pooledRenderer, takeEarlyPool } from './render-pool.ts';
import { pageFontAssets, readPageFonts } from './page-fonts.ts';
import type { PageFonts } from '../http/page-fonts.ts';

/**
 * Reads (bounded, regular files only: see readQuotesText) and validates a
 * quotes file whole; throws QuotesFileError naming the file, entry and field.
 */
export function readQuotesFile(file: string | URL = BUNDLED_QUOTES_FILE): Quote[] {
  const { name, text } = readQuotesText(file);
  return parseQuotes(text, name);
}

export interface NodeAppOptions {
  /** The public origin for absolute URLs (PUBLIC_BASE_URL); the request's origin when unset. */
  publicBaseUrl?: string;
  /** Bytes of rendered cards kept in memory (CARD_CACHE_MB); 0 turns the cache off. */
  cacheBytes?: number;
  /** Render threads (RENDER_THREADS); one per core by default. */
  threads?: number;
  /** The render queue and time limit (RENDER_CONCURRENCY, RENDER_QUEUE, RENDER_TIMEOUT_MS); concurrency defaults to `threads`. */
  renderLimits?: Partial<RenderLimits>;
  /** The hosts requests may name (ALLOWED_HOSTS); any host when unset. */
  allowedHosts?: readonly AllowedHost[];
  /** The pages' web fonts; default: the committed ones, built for the bundled quotes (readPageFonts). */
  pageFonts?: PageFonts;
}

/**
/**
 * The app on Node: quotes from a file (the bundled ones by default), cards
 * rendered on a pool of threads (src/node/render-pool.ts: fonts from disk,
 * native resvg) through a bounded queue, and repeated cards served from
 * memory. The main thread only routes, caches and writes, so the cache and
 * /healthz stay quick while every thread renders; a cached card never waits
 * behind renders. The threads start now, unless startEarlyPool started them
 * already; `close()` stops them. `limits` is the queue, for shutdown to
 * refuse what has not started.
 */
export function createNodeApp(quotes: readonly Quote[] = readQuotesFile(), options: NodeAppOptions = {}) {
  const threads = options.threads ?? DEFAULT_SERVE_OPTIONS.threads;
  const pool = takeEarlyPool(threads) ?? createRenderPool(threads);
  const limited = withRenderLimits(pooledRenderer(pool), {
    ...DEFAULT_SERVE_OPTIONS.renderLimits,
    concurrency: threads,
    ...options.renderLimits,
  });
  const renderer = withCardCache(limited, options.cacheBytes ?? DEFAULT_SERVE_OPTIONS.cacheBytes);
  const { publicBaseUrl, allowedHosts } = options;
  const pageFonts = pageFontAssets(options.pageFonts ?? readPageFonts());
  return {
    app: createApp({ quotes, renderer, publicBaseUrl, allowedHosts, cachedCard: renderer.cached, pageFonts }),
    renderer,
    limits: limited,
    close: () => pool.close(),
  };
}
