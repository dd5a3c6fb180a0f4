import { ApiError, INTERNAL_ERROR, type ErrorCode } from '../cards/errors.ts';

/**
 * The one error response, for the app, the Node server's own fallbacks and
 * the Worker: `{ error: { code, message, allowed? } }` as JSON with the
 * error's status; `Cache-Control` from errorCacheControl;
 * `X-Content-Type-Options: nosniff`; Retry-After when
 * the error has one; Allow on a 405 (its `allowed` methods). Anything but an ApiError is logged here and answered as
 * a 500 without its message, stack or paths.
 */
export function errorResponse(error: unknown): Response {
  const known = error instanceof ApiError ? error : INTERNAL_ERROR;
  if (known === INTERNAL_ERROR && error !== INTERNAL_ERROR) console.error(error);
  const headers = new Headers({
    'Content-Type': 'application/json',
    'Cache-Control': errorCacheControl(known.status, known.code),
    'X-Content-Type-Options': 'nosniff',
  });
  if (known.retryAfter !== undefined) headers.set('Retry-After', String(known.retryAfter));
  // RFC 9110 §15.5.6: a 405 lists the methods the resource does allow.
  if (known.status === 405 && known.allowed) headers.set('Allow', known.allowed.join(', '));
  return new Response(JSON.stringify(known.toJSON()), { status: known.status, headers });
}

/**
 * Client errors that depend on more than the URL (the method, the Host, how
 * the request was sent): a cache keyed by URL must not hand them to the next
 * client of that URL.
 */
const NOT_DECIDED_BY_URL: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'bad_request',
  'host_not_allowed',
  'method_not_allowed',
  'request_timeout',
  'content_too_large',
  'header_fields_too_large',
]);

/**
 * How long an error may be cached: a 4xx that the URL alone decides briefly
 * (`public, max-age=60`: the same URL fails the same way); a 5xx and the
 * errors in NOT_DECIDED_BY_URL (405, 408, 413, 431, a refused Host, a request
 * Node could not read) not at all (`no-store`).
 */
export function errorCacheControl(status: number, code?: ErrorCode): string {
  return status >= 500 || (code !== undefined && NOT_DECIDED_BY_URL.has(code)) ? 'no-store' : 'public, max-age=60';
}
