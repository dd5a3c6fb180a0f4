import bundledQuotes from '../../quotes.json';
import { createApp } from '../http/app.ts';
import { edgeCacheVersion, withEdgeCache, type WaitUntil } from './edge-cache.ts';
import { ApiError } from '../cards/errors.ts';
import { assetFontReader, type AssetsBinding } from './font-assets.ts';
import { workerPlatform } from './platform.ts';
import { validateQuotes } from '../cards/quotes.ts';
import { createRenderer } from '../cards/render.ts';
import { RENDER_VERSION } from '../cards/render-version.ts';

type Handler = (request: Request, ctx: WaitUntil) => Promise<Response>;

/**
 * The Worker's bindings: `ASSETS` (wrangler.toml's `[assets]`) holds the fonts;
 * `PUBLIC_BASE_URL` (a var in wrangler.toml or the dashboard) sets the origin of absolute URLs.
 */
export interface Env {
  ASSETS: AssetsBinding;
  PUBLIC_BASE_URL?: string;
}
let handler: Handler | undefined;

/**
 * The app with the edge cache around it, built on the first request rather
 * than at start-up: validating the quotes, like parsing fonts, is work the
 * Worker's one-second start-up budget should not pay for.
 */
function createHandler(env: Env): Handler {
  const quotes = validateQuotes(bundledQuotes, 'quotes.json');
  if (typeof env.ASSETS?.fetch !== 'function')
    throw new Error('The ASSETS binding is missing: wrangler.toml\'s [assets] must set binding = "ASSETS".');
  const renderer = createRenderer(workerPlatform(assetFontReader(env.ASSETS)));
  const app = createApp({ quotes, renderer, publicBaseUrl: env.PUBLIC_BASE_URL || undefined });
  const version = edgeCacheVersion(RENDER_VERSION, bundledQuotes);
  return withEdgeCache((request) => app.fetch(request), { cache: (caches as unknown as { default: Cache }).default, version });
}

/** The Worker entry (wrangler.toml's `main`): the same routes as on Node, cached at the edge. */
export default {
  async fetch(request: Request, env: Env, ctx: WaitUntil): Promise<Response> {
    try {
      handler ??= createHandler(env);
    } catch (error) {
      // A quotes file is served whole or not at all; the message names the entry and field.
      console.error(error);
      const unavailable = new ApiError(
        500,
        'internal_error',
        'The bundled quotes, PUBLIC_BASE_URL or the ASSETS binding failed validation; see the Worker logs.',
      );
      return Response.json(unavailable.toJSON(), { status: 500 });
    }
    return handler(request, ctx);
  },
};
