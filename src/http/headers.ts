import type { MiddlewareHandler } from 'hono';
import { ApiError } from '../cards/errors.ts';
import { errorCacheControl } from './error-response.ts';

/** Images never change at a given URL for a given render version. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Pages and lists may change when quotes.json does: cache briefly. */
export const SHORT_LIVED = 'public, max-age=300';
/** A content-addressed URL whose hash is stale points at the current card for now: cache the redirect briefly. */
export const STALE_REDIRECT = 'public, max-age=60';
/** A non-canonical spelling (a language tag's case or alias) always means the same card. */
export const SPELLING_REDIRECT = 'public, max-age=86400';

/** Images and the JSON API may be fetched and embedded by any site (CORS, no credentials). */
export function allowAnyOrigin(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    c.res.headers.set('Access-Control-Allow-Origin', '*');
  };
}

/** Pages run only our own script and style, load only our own images, and cannot be framed. */
export const PAGE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** An SVG card opened directly is a document: let it style itself, nothing else. */
export const SVG_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

/**
 * Headers every response gets from its type and status, set in one place:
 * nosniff everywhere; a CSP and Referrer-Policy on pages; a CSP on SVGs;
 * errors cached as errorCacheControl says (briefly, or not at all).
 */
export function responseHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const headers = c.res.headers;
    headers.set('X-Content-Type-Options', 'nosniff');
    const type = headers.get('Content-Type') ?? '';
    if (type.startsWith('text/html')) {
      headers.set('Content-Security-Policy', PAGE_CSP);
      headers.set('Referrer-Policy', 'strict-origin-when-cross-origin');
    } else if (type.startsWith('image/svg+xml')) {
      headers.set('Content-Security-Policy', SVG_CSP);
    }
    if (c.res.status >= 400) {
      headers.set('Cache-Control', errorCacheControl(c.res.status, c.error instanceof ApiError ? c.error.code : undefined));
    }
  };
}
