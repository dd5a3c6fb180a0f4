/**
 * Absolute URLs for share pages, og:image, oEmbed and the quotes API. Behind
 * a proxy or on a custom domain the request's own URL may not be the public
 * one, so a configured base (PUBLIC_BASE_URL, checked by src/cards/config.ts)
 * wins over the request. Without one, the origin comes from the request's
 * Host (or an absolute-form target), which any client can forge: such
 * responses are remembered here so the app can keep shared caches from
 * storing them (see privateWhenHostDerived in app.ts), and ALLOWED_HOSTS
 * refuses hosts the service does not answer for.
 */
import type { AllowedHost } from '../cards/config.ts';
import { ApiError } from '../cards/errors.ts';
import { echo } from './params.ts';

const fromRequestHost = new WeakSet<Request>();
let warned = false;

/** The origin that absolute URLs start with: the configured one, else the request's (and the request is remembered as such). */
export function baseUrlOf(request: Request, publicBaseUrl: string | undefined): string {
  if (publicBaseUrl) return publicBaseUrl;
  fromRequestHost.add(request);
  warnWithoutPublicBaseUrl();
  return new URL(request.url).origin;
}

/** Whether a response to `request` holds absolute URLs built from its Host rather than from PUBLIC_BASE_URL. */
export function usesRequestHost(request: Request): boolean {
  return fromRequestHost.has(request);
}

/** Logs, once per process or isolate, that absolute URLs come from each request's Host. */
export function warnWithoutPublicBaseUrl(): void {
  if (warned) return;
  warned = true;
  console.warn(
    'PUBLIC_BASE_URL is not set: absolute URLs in pages, /api/quotes and /oembed follow each request\'s Host and are sent "Cache-Control: private" with "Vary: Host". Set PUBLIC_BASE_URL (and ALLOWED_HOSTS) in production.',
  );
}

/** Whether a request's URL names a host in `allowed` (any host when undefined); see checkHost. */
export function isAllowedHost(requestUrl: string, allowed: readonly AllowedHost[] | undefined): boolean {
  if (!allowed) return true;
  const url = new URL(requestUrl);
  const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
  const hostname = url.hostname.toLowerCase();
  return allowed.some((host) => host.hostname === hostname && (host.port === undefined || host.port === port));
}

/**
 * Refuses a request whose URL names a host not in `allowed` (ALLOWED_HOSTS;
 * no check when undefined): an entry without a port allows its host on any
 * port; with one, only that port (80 for http and 443 for https when the URL
 * names none). Throws ApiError 400 `host_not_allowed`.
 */
export function checkHost(requestUrl: string, allowed: readonly AllowedHost[] | undefined): void {
  if (!allowed || isAllowedHost(requestUrl, allowed)) return;
  const url = new URL(requestUrl);
  const names = allowed.map((host) => (host.port === undefined ? host.hostname : `${host.hostname}:${host.port}`));
  throw new ApiError(400, 'host_not_allowed', `This service does not answer for the host ${echo(url.host)}.`, names);
}
