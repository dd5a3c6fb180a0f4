import { ApiError } from '../cards/errors.ts';
import { cardHash, cardOptionsFor } from '../cards/identity.ts';
import { FORMATS, type Format } from '../cards/options.ts';
import type { Quote } from '../cards/quotes.ts';
import type { CardOptions } from '../cards/render.ts';
import { matchesETag } from '../http/etag.ts';
import { parseCardFile, parseCardOptions } from '../http/params.ts';

/** A fetch handler as the app exposes it. */
export type FetchHandler = (request: Request) => Response | Promise<Response>;

/** The part of a Worker's ExecutionContext the cache needs: work that may outlive the response. */
export interface WaitUntil {
  waitUntil(promise: Promise<unknown>): void;
}

/** Tells whether a response came from the edge cache (`HIT`) or was rendered for it (`MISS`). */
export const CACHE_STATUS_HEADER = 'X-Edge-Cache';

/** Content types worth keeping: the cards themselves and their layout reports. */
const CACHEABLE_TYPE = /^(image\/|application\/json)/;

/**
 * The cache key of a card request: its path with the card hash (see
 * cardIdentity: the whole quote, every option with its default filled in,
 * the format and the render version), so `/cards/x.png` and
 * `/cards/x.png?size=og&lang=zh-Hant` share one entry, and an edited quote or
 * a new render version never finds an old image. Undefined for anything but
 * a valid card request of a known quote (those reach the app, which explains
 * what is wrong).
 */
export async function cardCacheKey(url: string, quotes: ReadonlyMap<string, Quote>): Promise<string | undefined> {
  const { origin, pathname, searchParams } = new URL(url);
  if (!pathname.startsWith('/cards/')) return undefined;
  const query: Record<string, string[]> = {};
  for (const [name, value] of searchParams) (query[name] ??= []).push(value);
  let format: Format, options: CardOptions, quote: Quote | undefined;
  try {
    let id: string;
    ({ id, format } = parseCardFile(decodeURIComponent(pathname.slice('/cards/'.length)), FORMATS));
    const request = parseCardOptions(query);
    quote = quotes.get(id);
    if (!quote) return undefined;
    options = cardOptionsFor(quote, request);
  } catch (error) {
    // Not a valid card request: the app answers it with the reason.
    if (error instanceof ApiError || error instanceof URIError) return undefined;
    throw error;
  }
  const id = quote.id;
  return `${origin}/cards/${id}.${format}?card=${await cardHash(quote, options, format)}`;
}

/**
 * Wraps the app's fetch with the Workers Cache API: a valid card request is
 * answered from the data centre's cache when it can be, and otherwise
 * rendered once and stored under its key, with the app's headers as they
 * are. A stored card whose ETag matches `If-None-Match` (weak comparison,
 * RFC 9110 §13.1.2) is answered 304 without a body.
 */
export function withEdgeCache(fetch: FetchHandler, { cache, quotes }: { cache: Cache; quotes: readonly Quote[] }) {
  const quotesById = new Map(quotes.map((quote) => [quote.id, quote]));
  return async (request: Request, ctx: WaitUntil): Promise<Response> => {
    const key = request.method === 'GET' || request.method === 'HEAD' ? await cardCacheKey(request.url, quotesById) : undefined;
    if (key === undefined) return fetch(request);

    const cached = await cache.match(key);
    if (cached) {
      if (matchesETag(request.headers.get('If-None-Match'), cached.headers.get('ETag') ?? '')) return notModified(cached);
      return withCacheStatus(cached, 'HIT', request.method === 'HEAD');
    }

    const response = await fetch(request);
    if (request.method === 'GET' && response.status === 200 && CACHEABLE_TYPE.test(response.headers.get('Content-Type') ?? '')) {
      ctx.waitUntil(cache.put(key, response.clone()));
    }
    return withCacheStatus(response, 'MISS');
  };
}

/** A 304 for a stored card: its validators and caching headers, no body (RFC 9110 §15.4.5). */
function notModified(cached: Response): Response {
  const headers = new Headers({ [CACHE_STATUS_HEADER]: 'HIT' });
  for (const name of ['ETag', 'Cache-Control', 'Vary']) {
    const value = cached.headers.get(name);
    if (value !== null) headers.set(name, value);
  }
  return new Response(null, { status: 304, headers });
}

function withCacheStatus(response: Response, status: 'HIT' | 'MISS', withoutBody = false): Response {
  // A copy, because responses from the cache or the app may have immutable headers.
  const copy = new Response(withoutBody ? null : response.body, response);
  copy.headers.set(CACHE_STATUS_HEADER, status);
  return copy;
}
