import { Hono } from 'hono';
import { TEMPLATES, TEMPLATE_NAMES } from '../../templates/index.ts';
import { localizeQuote } from '../cards/localize.ts';
import { ApiError } from '../cards/errors.ts';
import { MAX_CANVAS_PIXELS, allowedScales } from '../cards/limits.ts';
import { DEFAULTS, FORMATS, LANGS, SCALES, SIZES, THEMES, type Lang } from '../cards/options.ts';
import { errorResponse } from './error-response.ts';
import { IMMUTABLE, responseHeaders } from './headers.ts';
import { cardQuery, checkId, echo, parseCardFile, parseCardOptions, parseLangQuery, parseNoQuery } from './params.ts';
import type { Quote } from '../cards/quotes.ts';
import type { CardRenderer } from '../cards/render.ts';
import { baseUrlOf } from './base-url.ts';
import { parseSetting } from '../cards/config.ts';
import { cardETag, matchesETag } from './etag.ts';
import { shareRoutes } from './share-routes.ts';

export interface AppDependencies {
  quotes: readonly Quote[];
  renderer: CardRenderer;
  /** The public origin for absolute URLs (PUBLIC_BASE_URL); the request's origin when unset. */
  publicBaseUrl?: string;
}

/** Every route of the service, on Node and on Workers alike. */
export function createApp({ quotes, renderer, publicBaseUrl: configuredBaseUrl }: AppDependencies) {
  const quotesById = new Map(quotes.map((quote) => [quote.id, quote]));
  const publicBaseUrl = parseSetting('PUBLIC_BASE_URL', configuredBaseUrl);
  const app = new Hono();
  app.use(responseHeaders());

  function findQuote(id: string): Quote {
    const quote = quotesById.get(checkId(id));
    if (!quote) throw new ApiError(404, 'unknown_quote', `No quote with id "${id}". GET /api/quotes lists them.`);
    return quote;
  }

  function describeQuote(quote: Quote, lang: Lang, origin: string) {
    const local = localizeQuote(quote, lang);
    return {
      id: quote.id,
      lang,
      text: local.text,
      speaker: { ...quote.speaker, name: local.speaker },
      source: { ...quote.source, title: local.source },
      card: `${origin}/cards/${quote.id}.png${cardQuery({ lang })}`,
    };
  }

  app.get('/healthz', (c) => {
    parseNoQuery(c.req.queries());
    return c.json({ status: 'ok', quotes: quotes.length });
  });

  app.get('/api/options', (c) => {
    parseNoQuery(c.req.queries());
    return c.json({
      templates: TEMPLATE_NAMES.map((name) => ({ name, description: TEMPLATES[name].description })),
      // Each size with the scales it may be rendered at (size × scale² ≤ maxPixels).
      sizes: Object.entries(SIZES).map(([name, size]) => ({ name, ...size, scales: allowedScales(name as keyof typeof SIZES) })),
      langs: LANGS,
      themes: Object.keys(THEMES),
      scales: SCALES,
      formats: FORMATS,
      defaults: DEFAULTS,
      maxPixels: MAX_CANVAS_PIXELS,
    });
  });

  app.get('/api/quotes', (c) => {
    const { lang } = parseLangQuery(c.req.queries());
    const origin = baseUrlOf(c.req.url, publicBaseUrl);
    return c.json({ quotes: quotes.map((quote) => describeQuote(quote, lang, origin)) });
  });

  app.get('/api/quotes/:id', (c) => {
    const { lang } = parseLangQuery(c.req.queries());
    return c.json(describeQuote(findQuote(c.req.param('id')), lang, baseUrlOf(c.req.url, publicBaseUrl)));
  });

  app.get('/cards/:file', async (c) => {
    const { id, format } = parseCardFile(c.req.param('file'), FORMATS);
    const options = parseCardOptions(c.req.queries());
    const quote = findQuote(id);
    // A card's URL and ETag name exactly one image: revalidation is free.
    const etag = await cardETag(quote, options, format);
    c.header('ETag', etag);
    c.header('Cache-Control', IMMUTABLE);
    if (matchesETag(c.req.header('If-None-Match'), etag)) return c.body(null, 304);
    if (format === 'json') return c.json(await renderer.report(quote, options));
    if (format === 'svg') {
      c.header('Content-Type', 'image/svg+xml; charset=utf-8');
      return c.body(await renderer.svg(quote, options));
    }
    c.header('Content-Type', 'image/png');
    return c.body(await renderer.png(quote, options));
  });

  app.route('/', shareRoutes({ quotes, findQuote, publicBaseUrl }));

  app.notFound((c) => errorResponse(new ApiError(404, 'not_found', `No route for ${c.req.method} ${echo(new URL(c.req.url).pathname)}.`)));

  // The one error handler: an ApiError as its JSON; anything else logged and
  // answered without its message, stack or paths (see errorResponse).
  app.onError((error) => errorResponse(error));

  return app;
}
