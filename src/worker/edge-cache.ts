import { ApiError } from '../cards/errors.ts';
import { cardHash, cardOptionsFor } from '../cards/identity.ts';
import { FORMATS } from '../cards/options.ts';
import type { Quote } from '../cards/quotes.ts';
import { matchesETag } from '../http/etag.ts';
import { parseCardAddress, parseCardFile, parseCardOptions } from '../http/params.ts';
import { cardUrl } from '../http/urls.ts';

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
 * The cache key of a card request. The query-string form
 * (`/cards/<id>.<format>?…`) is keyed by its path and the card hash (see
 * cardIdentity: the whole quote, every option with its default filled in,
 * the format and the render version), so `/cards/x.png` and
 * `/cards/x.png?size=og&lang=zh-Hant` share one entry, and an edited quote or
 * a new render version never finds an old image. A content-addressed path
 * (see cardUrl) is its own key, when it is the card's current path. Undefined
 * for anything else: the app answers it (with the reason, or a redirect).
 */
export async function cardCacheKey(url: string, quotes: ReadonlyMap<string, Quote>): Promise<string | undefined> {
  const { origin, pathname, searchParams } = new URL(url);
  const address = /^\/cards\/([^/]+)\/([^/]+)$/.exec(pathname);
  if (address) {
    const quote = quotes.get(address[1]!);
    const card = quote && searchParams.size === 0 ? orUndefined(() => parseCardAddress(address[2]!, FORMATS)) : undefined;
    const options = quote && card && orUndefined(() => cardOptionsFor(quote, card.options));
    if (!quote || !card || !options) return undefined;
    const current = await cardUrl(quote, options, card.format);
    return current === pathname ? origin + current : undefined;
  }
  if (!pathname.startsWith('/cards/')) return undefined;
  const query: Record<string, string[]> = {};
  for (const [name, value] of searchParams) (query[name] ??= []).push(value);
  const request = orUndefined(() => {
    const { id, format } = parseCardFile(decodeURIComponent(pathname.slice('/cards/'.length)), FORMATS);
    return { id, format, options: parseCardOptions(query, format) };
  });
  const quote = request && quotes.get(request.id);
  // The quote decides the language's default and which languages and templates it comes in (cardOptionsFor).
  const options = quote && request && orUndefined(() => cardOptionsFor(quote, request.options));
  if (!request || !quote || !options) return undefined;
  // A language tag spelled otherwise is redirected by the app.
  if (searchParams.has('lang') && searchParams.get('lang') !== request.options.lang) return undefined;
  return `${origin}/cards/${request.id}.${request.format}?card=${await cardHash(quote, options, request.format)}`;
}

/** The result of parsing, or undefined when it is not a valid card request (the app answers those with the reason). */
function orUndefined<T>(parse: () => T): T | undefined {
  try {
    return parse();
  } catch (error) {
    if (error instanceof ApiError || error instanceof URIError) return undefined;
    throw error;
  }
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
