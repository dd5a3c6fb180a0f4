import { ApiError, INTERNAL_ERROR } from '../cards/errors.ts';

/**
 * The one error response, for the app, the Node server's own fallbacks and
 * the Worker: `{ error: { code, message, allowed? } }` as JSON with the
 * error's status; `Cache-Control: no-store` for a 5xx and `public,
 * max-age=60` for a 4xx; `X-Content-Type-Options: nosniff`; Retry-After when
 * the error has one. Anything but an ApiError is logged here and answered as
 * a 500 without its message, stack or paths.
 */
export function errorResponse(error: unknown): Response {
  const known = error instanceof ApiError ? error : INTERNAL_ERROR;
  if (known === INTERNAL_ERROR && error !== INTERNAL_ERROR) console.error(error);
  const headers = new Headers({
    'Content-Type': 'application/json',
    'Cache-Control': errorCacheControl(known.status),
    'X-Content-Type-Options': 'nosniff',
  });
  if (known.retryAfter !== undefined) headers.set('Retry-After', String(known.retryAfter));
  return new Response(JSON.stringify(known.toJSON()), { status: known.status, headers });
}

/** How long an error may be cached: a 4xx briefly (the same request fails the same way), a 5xx not at all. */
export function errorCacheControl(status: number): string {
  return status >= 500 ? 'no-store' : 'public, max-age=60';
}
