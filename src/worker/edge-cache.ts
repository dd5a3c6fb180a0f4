import { ApiError } from '../cards/errors.ts';
import { DEFAULTS, FORMATS } from '../cards/options.ts';
import { parseCardFile, parseCardOptions } from '../http/params.ts';
import type { CardOptions } from '../cards/render.ts';

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
 * The canonical cache key of a card request: every option with its default
 * filled in, in a fixed order, plus `version`, so `/cards/x.png` and
 * `/cards/x.png?size=og&lang=zh-Hant` share one entry and a new render
 * version never finds an old image. Undefined for anything but a valid card
 * request (those reach the app, which explains what is wrong).
 */
export function cardCacheKey(url: string, version: string): string | undefined {
  const { origin, pathname, searchParams } = new URL(url);
  if (!pathname.startsWith('/cards/')) return undefined;
  const query: Record<string, string[]> = {};
  for (const [name, value] of searchParams) (query[name] ??= []).push(value);
  let id: string, format: string, options: CardOptions;
  try {
    ({ id, format } = parseCardFile(decodeURIComponent(pathname.slice('/cards/'.length)), FORMATS));
    options = parseCardOptions(query);
  } catch (error) {
    // Not a valid card request: the app answers it with the reason.
    if (error instanceof ApiError || error instanceof URIError) return undefined;
    throw error;
  }
  const params = new URLSearchParams();
  for (const name of Object.keys(DEFAULTS) as (keyof CardOptions)[]) params.set(name, String(options[name]));
  params.set('v', version);
  return `${origin}/cards/${id}.${format}?${params}`;
}

/**
 * The version part of every cache key: the render version (templates, fonts,
 * renderer) plus a fingerprint of the quotes, which are part of a card too,
 * so an edited quote never hides behind its old image.
 */
export function edgeCacheVersion(renderVersion: string, quotes: unknown): string {
  return `${renderVersion}.${fnv1a(JSON.stringify(quotes))}`;
}

/**
 * Wraps the app's fetch with the Workers Cache API: a valid card request is
 * answered from the data centre's cache when it can be, and otherwise
 * rendered once and stored under its canonical key, with the app's headers
 * as they are. `If-None-Match` is passed to the cache, which answers 304
 * itself when the stored ETag matches.
 */
export function withEdgeCache(fetch: FetchHandler, { cache, version }: { cache: Cache; version: string }) {
  return async (request: Request, ctx: WaitUntil): Promise<Response> => {
    const key = request.method === 'GET' || request.method === 'HEAD' ? cardCacheKey(request.url, version) : undefined;
    if (key === undefined) return fetch(request);

    const lookup = new Request(key, { headers: conditionalHeaders(request) });
    const cached = await cache.match(lookup);
    if (cached) return withCacheStatus(cached, 'HIT', request.method === 'HEAD');

    const response = await fetch(request);
    if (request.method === 'GET' && response.status === 200 && CACHEABLE_TYPE.test(response.headers.get('Content-Type') ?? '')) {
      ctx.waitUntil(cache.put(key, response.clone()));
    }
    return withCacheStatus(response, 'MISS');
  };
}

function conditionalHeaders(request: Request): Headers {
  const headers = new Headers();
  for (const name of ['If-None-Match', 'If-Modified-Since']) {
    const value = request.headers.get(name);
    if (value !== null) headers.set(name, value);
  }
  return headers;
}

function withCacheStatus(response: Response, status: 'HIT' | 'MISS', withoutBody = false): Response {
  // A copy, because responses from the cache or the app may have immutable headers.
  const copy = new Response(withoutBody ? null : response.body, response);
  copy.headers.set(CACHE_STATUS_HEADER, status);
  return copy;
}

/** FNV-1a, 32 bits, as 8 hex digits: a cheap fingerprint, not a security hash. */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return (hash >>> 0).toString(16).padStart(8, '0');
}
