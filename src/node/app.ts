import { createApp } from '../http/app.ts';
import type { AllowedHost } from '../cards/config.ts';
import { withCardCache } from './card-cache.ts';
import { DEFAULT_SERVE_OPTIONS } from './config.ts';
import { nodePlatform } from './platform.ts';
import { parseQuotes, type Quote } from '../cards/quotes.ts';
import { BUNDLED_QUOTES_FILE, readQuotesText } from './quotes-file.ts';
import { createRenderer } from '../cards/render.ts';
import { withRenderLimits, type RenderLimits } from './render-queue.ts';

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
  /** The render queue and time limit (RENDER_CONCURRENCY, RENDER_QUEUE, RENDER_TIMEOUT_MS). */
  renderLimits?: Partial<RenderLimits>;
  /** The hosts requests may name (ALLOWED_HOSTS); any host when unset. */
  allowedHosts?: readonly AllowedHost[];
}

/**
 * The app on Node: quotes from a file (the bundled ones by default), fonts
 * from disk, native resvg, renders through a bounded queue, and repeated
 * cards served from memory. The cache sits outside the queue, so a cached
 * card never waits behind renders. `limits` is the queue, for shutdown to
 * refuse what has not started.
 */
export function createNodeApp(quotes: readonly Quote[] = readQuotesFile(), options: NodeAppOptions = {}) {
  const limited = withRenderLimits(createRenderer(nodePlatform()), { ...DEFAULT_SERVE_OPTIONS.renderLimits, ...options.renderLimits });
  const renderer = withCardCache(limited, options.cacheBytes ?? DEFAULT_SERVE_OPTIONS.cacheBytes);
  const { publicBaseUrl, allowedHosts } = options;
  return { app: createApp({ quotes, renderer, publicBaseUrl, allowedHosts, cachedCard: renderer.cached }), renderer, limits: limited };
}
