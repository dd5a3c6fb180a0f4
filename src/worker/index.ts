import bundledQuotes from '../../quotes.json';
import { ConfigError, WORKER_SETTINGS, parseConfig } from '../cards/config.ts';
import { ApiError } from '../cards/errors.ts';
import { validateQuotes } from '../cards/quotes.ts';
import { canConvertFrom } from '../cards/convert.ts';
import { createRenderer } from '../cards/render.ts';
import { createApp } from '../http/app.ts';
import { isAllowedHost } from '../http/base-url.ts';
import { errorResponse } from '../http/error-response.ts';
import { PAGE_FONT_VERSIONS } from '../http/page-font-versions.ts';
import { withEdgeCache, type WaitUntil } from './edge-cache.ts';
import { assetFontReader, type AssetsBinding } from './font-assets.ts';
import { workerPlatform } from './platform.ts';

type Handler = (request: Request, ctx: WaitUntil) => Promise<Response>;

/**
 * The Worker's bindings: `ASSETS` (wrangler.toml's `[assets]`, where the fonts
 * are) and vars (wrangler.toml or the dashboard), checked by the settings
 * schema (src/cards/config.ts).
 */
export type Env = Readonly<Record<string, unknown>> & { readonly ASSETS?: AssetsBinding };

/**
 * The app with the edge cache around it, built on the first request rather
 * than at start-up: validating the quotes, like parsing fonts, is work the
 * Worker's one-second start-up budget should not pay for.
 */
function createHandler(env: Env): Handler {
  const { PUBLIC_BASE_URL, ALLOWED_HOSTS } = parseConfig(env, WORKER_SETTINGS);
  const quotes = validateQuotes(bundledQuotes, 'quotes.json');
  const unconvertible = quotes.filter((quote) => !canConvertFrom(quote.lang));
  if (unconvertible.length > 0) {
    throw new Error(
      `quotes.json has quotes written in ${unconvertible[0]!.lang} (${unconvertible.map((quote) => quote.id).join(', ')}), ` +
        'but this Worker is built without the dictionaries to convert them (see [alias] in wrangler.toml).',
    );
  }
  if (typeof env.ASSETS?.fetch !== 'function')
    throw new ConfigError('The ASSETS binding is missing: wrangler.toml\'s [assets] must set binding = "ASSETS".');
  const app = createApp({
    quotes,
    renderer: createRenderer(workerPlatform(assetFontReader(env.ASSETS))),
    publicBaseUrl: PUBLIC_BASE_URL,
    allowedHosts: ALLOWED_HOSTS,
    // The page fonts are static assets (assets/assets/page-*.woff2): served before the Worker runs.
    pageFonts: { versions: PAGE_FONT_VERSIONS },
  });
  const cached = withEdgeCache((request) => app.fetch(request), { cache: (caches as unknown as { default: Cache }).default, quotes });
  // A host the Worker does not answer for never reaches the edge cache: the app refuses it.
  return (request, ctx) => (isAllowedHost(request.url, ALLOWED_HOSTS) ? cached(request, ctx) : Promise.resolve(app.fetch(request)));
}

/**
 * A Worker: the same routes as on Node, cached at the edge. When the bundled
 * quotes or a binding (a var, or ASSETS) fail validation, every request is a 500 in the app's
 * error shape and the reason is logged (a quotes file is served whole or not
 * at all).
 */
export function createWorker() {
  let handler: Handler | undefined;
  return {
    async fetch(request: Request, env: Env, ctx: WaitUntil): Promise<Response> {
      try {
        handler ??= createHandler(env);
      } catch (error) {
        console.error(error instanceof ConfigError ? error.message : error);
        return errorResponse(
          new ApiError(
            500,
            'internal_error',
            'The bundled quotes, a setting (PUBLIC_BASE_URL, ALLOWED_HOSTS) or the ASSETS binding failed validation; see the Worker logs.',
          ),
        );
      }
      return handler(request, ctx);
    },
  };
}

/** The Worker entry (wrangler.toml's `main`). */
export default createWorker();
