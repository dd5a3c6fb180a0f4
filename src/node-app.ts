import { readFileSync } from 'node:fs';
import { createApp } from './app.ts';
import { DEFAULT_CARD_CACHE_BYTES, withCardCache } from './card-cache.ts';
import { nodePlatform } from './platform/node.ts';
import { parseQuotes, type Quote } from './quotes.ts';
import { createRenderer } from './render.ts';

/** The bundled quotes file. */
export const BUNDLED_QUOTES_FILE = new URL('../quotes.json', import.meta.url);

/** Reads and validates a quotes file; throws QuotesFileError naming the entry and field. */
export function readQuotesFile(file: string | URL = BUNDLED_QUOTES_FILE): Quote[] {
  const name = file === BUNDLED_QUOTES_FILE ? 'quotes.json' : String(file);
  return parseQuotes(readFileSync(file, 'utf8'), name);
}

export interface NodeAppOptions {
  /** The public origin for absolute URLs (PUBLIC_BASE_URL); the request's origin when unset. */
  publicBaseUrl?: string;
  /** Bytes of rendered cards kept in memory (CARD_CACHE_MB); 0 turns the cache off. */
  cacheBytes?: number;
}

/**
 * The app on Node: quotes from a file (the bundled ones by default), fonts
 * from disk, native resvg, and repeated cards served from memory.
 */
export function createNodeApp(quotes: readonly Quote[] = readQuotesFile(), options: NodeAppOptions = {}) {
  const renderer = withCardCache(createRenderer(nodePlatform()), options.cacheBytes ?? DEFAULT_CARD_CACHE_BYTES);
  return { app: createApp({ quotes, renderer, publicBaseUrl: options.publicBaseUrl }), renderer };
}

/** Reads CARD_CACHE_MB: a whole number of mebibytes, 0 for no cache. */
export function parseCacheMegabytes(value: string): number {
  if (!/^\d{1,6}$/.test(value)) throw new Error(`CARD_CACHE_MB must be a whole number of mebibytes (0 turns the cache off); received ${JSON.stringify(value)}.`);
  return Number(value) * 1024 * 1024;
}
