import { LRUCache } from 'lru-cache';
import { DEFAULT_SERVE_OPTIONS } from './config.ts';
import type { Quote } from '../cards/quotes.ts';
import type { CardOptions, CardRenderer } from '../cards/render.ts';
import { cardIdentity } from '../cards/identity.ts';

type Card = string | Uint8Array<ArrayBuffer>;

/**
 * Wraps a renderer so that repeated cards come from memory: a cache bounded
 * by bytes, least recently used out first. Concurrent requests for the same
 * card share one render. A card larger than the whole cache is rendered but
 * not kept.
 */
export function withCardCache<R extends CardRenderer>(renderer: R, maxBytes = DEFAULT_SERVE_OPTIONS.cacheBytes): R & CardLookup {
  if (!(Number.isSafeInteger(maxBytes) && maxBytes > 0)) return { ...renderer, cached: () => undefined };
  const cache = new LRUCache<string, Card, () => Promise<Card>>({
    maxSize: maxBytes,
    sizeCalculation: (card) => Math.max(1, typeof card === 'string' ? card.length * 2 : card.byteLength),
    fetchMethod: (_key, _stale, { context }) => context(),
  });

  async function cached<T extends Card>(format: 'svg' | 'png', quote: Quote, options: CardOptions, render: () => Promise<T>): Promise<T> {
    return (await cache.fetch(cardIdentity(quote, options, format), { context: render })) as T;
  }

  return {
    ...renderer,
    svg: (quote, options) => cached('svg', quote, options, () => renderer.svg(quote, options)),
    png: (quote, options) => cached('png', quote, options, () => renderer.png(quote, options)),
    // peek: a lookup is not a use, and a render still running is not a card yet.
    cached: (quote, options, format) => cache.peek(cardIdentity(quote, options, format)),
  };
}

/** Reads the cache without rendering. */
export interface CardLookup {
  /** The card when the cache holds it whole; undefined otherwise (never renders). */
  cached(quote: Quote, options: CardOptions, format: 'svg' | 'png'): Card | undefined;
}
