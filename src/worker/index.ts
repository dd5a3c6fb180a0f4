import bundledQuotes from '../../quotes.json';
import { ConfigError, WORKER_SETTINGS, parseConfig } from '../cards/config.ts';
import { ApiError } from '../cards/errors.ts';
import { validateQuotes } from '../cards/quotes.ts';
import { canConvertFrom } from '../cards/convert.ts';
import { createRenderer } from '../cards/render.ts';
import { createApp } from '../http/app.ts';
import { errorResponse } from '../http/error-response.ts';
import { withEdgeCache, type WaitUntil } from './edge-cache.ts';
import { workerPlatform } from './platform.ts';

type Handler = (request: Request, ctx: WaitUntil) => Promise<Response>;

/** The Worker's bindings (vars in wrangler.toml or the dashboard), checked by the settings schema (src/cards/config.ts). */
export type Env = Readonly<Record<string, unknown>>;

/**
 * The app with the edge cache around it, built on the first request rather
 * than at start-up: validating the quotes, like parsing fonts, is work the
 * Worker's one-second start-up budget should not pay for.
 */
function createHandler(env: Env): Handler {
  const { PUBLIC_BASE_URL } = parseConfig(env, WORKER_SETTINGS);
  const quotes = validateQuotes(bundledQuotes, 'quotes.json');
  const unconvertible = quotes.filter((quote) => !canConvertFrom(quote.lang));
  if (unconvertible.length > 0) {
    throw new Error(
      `quotes.json has quotes written in ${unconvertible[0]!.lang} (${unconvertible.map((quote) => quote.id).join(', ')}), ` +
        'but this Worker is built without the dictionaries to convert them (see [alias] in wrangler.toml).',
    );
  }
  const app = createApp({ quotes, renderer: createRenderer(workerPlatform()), publicBaseUrl: PUBLIC_BASE_URL });
  return withEdgeCache((request) => app.fetch(request), { cache: (caches as unknown as { default: Cache }).default, quotes });
}

/**
 * A Worker: the same routes as on Node, cached at the edge. When the bundled
 * quotes or a binding fail validation, every request is a 500 in the app's
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
          new ApiError(500, 'internal_error', 'The bundled quotes or a setting (PUBLIC_BASE_URL) failed validation; see the Worker logs.'),
        );
      }
      return handler(request, ctx);
    },
  };
}

/** The Worker entry (wrangler.toml's `main`). */
export default createWorker();
