/**
 * Absolute URLs for share pages, og:image and oEmbed. Behind a proxy or on a
 * custom domain the request's own URL may not be the public one, so a
 * configured base (PUBLIC_BASE_URL) wins over the request.
 */

/** Checks a configured public base URL: an absolute http(s) origin, such as `https://cards.example.com`. */
export function parsePublicBaseUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`PUBLIC_BASE_URL must be an absolute URL such as https://cards.example.com; received ${JSON.stringify(value)}.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new Error(`PUBLIC_BASE_URL must use http or https; received ${JSON.stringify(value)}.`);
  }
  if (url.pathname !== '/' || url.search || url.hash || url.username || url.password) {
    throw new Error(`PUBLIC_BASE_URL must be an origin only (no path, query or credentials); received ${JSON.stringify(value)}.`);
  }
  return url.origin;
}

/** The origin that absolute URLs start with: the configured one, else the request's. */
export function baseUrlOf(requestUrl: string, publicBaseUrl: string | undefined): string {
  return publicBaseUrl ?? new URL(requestUrl).origin;
}
