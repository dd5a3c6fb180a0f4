import { Hono, type MiddlewareHandler } from 'hono';
import { TEMPLATES, TEMPLATE_NAMES } from '../../templates/index.ts';
import { localizeQuote } from '../cards/localize.ts';
import { ApiError } from '../cards/errors.ts';
import { MAX_CANVAS_PIXELS, allowedScales } from '../cards/limits.ts';
import { DEFAULTS, FORMATS, LANGS, SCALES, SIZES, THEMES, cardLangs, shownLang, type Lang } from '../cards/options.ts';
import { cardOptionsFor, templatesFor } from '../cards/identity.ts';
import { errorResponse } from './error-response.ts';
import { IMMUTABLE, responseHeaders } from './headers.ts';
import { cardQuery, checkId, echo, parseCardFile, parseCardOptions, parseLangQuery, parseNoQuery } from './params.ts';
import type { Quote } from '../cards/quotes.ts';
import type { CardOptions, CardRenderer } from '../cards/render.ts';
import { baseUrlOf, checkHost, usesRequestHost } from './base-url.ts';
import { parseSetting, type AllowedHost } from '../cards/config.ts';
import { cardETag, matchesETag } from './etag.ts';
import { errorPage } from './pages.ts';
import { isPagePath, shareRoutes } from './share-routes.ts';
import { sizesThatFit } from './fitting.ts';
import { mapInSlices } from '../cards/slices.ts';

export interface AppDependencies {
  quotes: readonly Quote[];
  renderer: CardRenderer;
  /** The public origin for absolute URLs (PUBLIC_BASE_URL); the request's origin when unset. */
  publicBaseUrl?: string;
  /** The hosts requests may name (ALLOWED_HOSTS); any host when unset. */
  allowedHosts?: readonly AllowedHost[];
  /** A card already drawn, when a memory cache holds it: lets HEAD send Content-Length without drawing. */
  cachedCard?(quote: Quote, options: CardOptions, format: 'png' | 'svg'): string | Uint8Array | undefined;
}

/** The methods every route answers: HEAD is answered as GET, without the body. */
const ROUTE_METHODS = ['GET', 'HEAD'];

const CARD_TYPES = { png: 'image/png', svg: 'image/svg+xml; charset=utf-8', json: 'application/json' } as const;

/** Every route of the service, on Node and on Workers alike. */
export function createApp({ quotes, renderer, publicBaseUrl: configuredBaseUrl, allowedHosts, cachedCard }: AppDependencies) {
  const quotesById = new Map(quotes.map((quote) => [quote.id, quote]));
  const publicBaseUrl = parseSetting('PUBLIC_BASE_URL', configuredBaseUrl);
  const app = new Hono();
  // Outermost, so that it sees the final headers, errors' included.
  app.use(privateWhenHostDerived());
  app.use(responseHeaders());
  app.use(async (c, next) => {
    checkHost(c.req.url, allowedHosts);
    await next();
  });

  function findQuote(id: string): Quote {
    const quote = quotesById.get(checkId(id));
    if (!quote) throw new ApiError(404, 'unknown_quote', `No quote with id "${id}". GET /api/quotes lists them.`);
    return quote;
  }

  /** A quote in `lang`, with the sizes each template's card fits at, and the default card's URL at a size that fits. */
  async function describeQuote(quote: Quote, lang: Lang, origin: string) {
    const local = localizeQuote(quote, lang);
    const sizes = await sizesThatFit(renderer, quote, lang);
    const size = sizes[DEFAULTS.template][0] ?? DEFAULTS.size;
    return {
      id: quote.id,
      lang,
      /** Every language this quote's cards come in; the first is the default. */
      langs: cardLangs(quote.lang),
      /** The templates that set it in `lang`. */
      templates: templatesFor(lang),
      text: local.text,
      speaker: { ...quote.speaker, name: local.speaker },
      source: { ...quote.source, title: local.source },
      card: `${origin}/cards/${quote.id}.png${cardQuery({ lang, size }, quote.lang)}`,
      sizes,
    };
  }

  app.get('/healthz', (c) => {
    parseNoQuery(c.req.queries());
    return c.json({ status: 'ok', quotes: quotes.length });
  });

  app.get('/api/options', (c) => {
    parseNoQuery(c.req.queries());
    return c.json({
      // Each template with the languages it sets.
      templates: TEMPLATE_NAMES.map((name) => ({ name, description: TEMPLATES[name].description, langs: TEMPLATES[name].langs })),
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

  app.get('/api/quotes', async (c) => {
    const { lang } = parseLangQuery(c.req.queries());
    const origin = baseUrlOf(c.req.raw, publicBaseUrl);
    // Chinese quotes in the Chinese script asked for; the others as they are written.
    return c.json({ quotes: await mapInSlices(quotes, (quote) => describeQuote(quote, shownLang(quote.lang, lang), origin)) });
  });

  app.get('/api/quotes/:id', async (c) => {
    const { lang } = parseLangQuery(c.req.queries());
    const quote = findQuote(c.req.param('id'));
    return c.json(await describeQuote(quote, cardOptionsFor(quote, { lang }).lang, baseUrlOf(c.req.raw, publicBaseUrl)));
  });

  app.get('/cards/:file', async (c) => {
    const { id, format } = parseCardFile(c.req.param('file'), FORMATS);
    const request = parseCardOptions(c.req.queries());
    const quote = findQuote(id);
    const options = cardOptionsFor(quote, request);
    // A card's URL and ETag name exactly one image: revalidation is free.
    const etag = await cardETag(quote, options, format);
    c.header('ETag', etag);
    c.header('Cache-Control', IMMUTABLE);
    if (matchesETag(c.req.header('If-None-Match'), etag)) return c.body(null, 304);
    c.header('Content-Type', CARD_TYPES[format]);
    if (c.req.method === 'HEAD') {
      // Headers without drawing: the length only when the body is known
      // (a layout report, or a card the memory cache holds).
      const body = format === 'json' ? JSON.stringify(await renderer.report(quote, options)) : cachedCard?.(quote, options, format);
      if (body !== undefined) c.header('Content-Length', String(byteLength(body)));
      return c.body(null);
    }
    if (format === 'json') return c.body(JSON.stringify(await renderer.report(quote, options)));
    return c.body(format === 'svg' ? await renderer.svg(quote, options) : await renderer.png(quote, options));
  });

  app.route('/', shareRoutes({ quotes, findQuote, publicBaseUrl, sizesThatFit: (quote, lang) => sizesThatFit(renderer, quote, lang) }));

  // Another method on a known route: 405 with Allow (see errorResponse), never cached.
  for (const path of new Set(app.routes.filter((route) => route.method === 'GET').map((route) => route.path))) {
    app.all(path, (c) => {
      throw new ApiError(
        405,
        'method_not_allowed',
        `${echo(c.req.method)} is not allowed on ${echo(new URL(c.req.url).pathname)}; use GET or HEAD.`,
        ROUTE_METHODS,
      );
    });
  }

  app.notFound((c) => errorResponse(new ApiError(404, 'not_found', `No route for ${c.req.method} ${echo(new URL(c.req.url).pathname)}.`)));

  // The one error handler: an ApiError as its JSON, or as a page to a person
  // who followed a broken link to a page; anything else logged and answered
  // without its message, stack or paths (see errorResponse).
  app.onError((error, c) => {
    const person = c.req.method === 'GET' || c.req.method === 'HEAD';
    if (error instanceof ApiError && person && isPagePath(c.req.path)) return c.html(errorPage(error), error.status);
    return errorResponse(error);
  });

  return app;
}

/**
 * For a response with absolute URLs taken from the request's Host (no
 * PUBLIC_BASE_URL; see baseUrlOf): `Cache-Control` made `private` and `Vary:
 * Host`, so a shared cache never hands one client's forged host to another.
 */
function privateWhenHostDerived(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    if (!usesRequestHost(c.req.raw)) return;
    const headers = c.res.headers;
    const cacheControl = headers.get('Cache-Control');
    if (cacheControl !== 'no-store') headers.set('Cache-Control', (cacheControl ?? '').replace(/^public\b|^$/, 'private'));
    headers.append('Vary', 'Host');
  };
}

/** Bytes of a body in UTF-8 (a string) or as given. */
function byteLength(body: string | Uint8Array): number {
  return typeof body === 'string' ? new TextEncoder().encode(body).byteLength : body.byteLength;
}
