/**
 * Absolute URLs for share pages, og:image and oEmbed. Behind a proxy or on a
 * custom domain the request's own URL may not be the public one, so a
 * configured base (PUBLIC_BASE_URL, checked by src/cards/config.ts) wins over
 * the request.
 */

/** The origin that absolute URLs start with: the configured one, else the request's. */
export function baseUrlOf(requestUrl: string, publicBaseUrl: string | undefined): string {
  return publicBaseUrl ?? new URL(requestUrl).origin;
}
