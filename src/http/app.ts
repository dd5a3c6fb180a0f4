import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { TEMPLATES, TEMPLATE_NAMES } from '../../templates/index.ts';
import { localizeQuote } from '../cards/localize.ts';
import { ApiError } from '../cards/errors.ts';
import { MAX_CANVAS_PIXELS, allowedScales } from '../cards/limits.ts';
import { DEFAULTS, FORMATS, LANGS, SCALES, SIZES, THEMES, cardLangs, shownLang, type Format, type Lang } from '../cards/options.ts';
import { cardOptionsFor, templatesFor } from '../cards/identity.ts';
import { errorResponse } from './error-response.ts';
import { IMMUTABLE, SHORT_LIVED, SPELLING_REDIRECT, STALE_REDIRECT, allowAnyOrigin, responseHeaders } from './headers.ts';
import { checkId, echo, parseCardAddress, parseCardFile, parseCardOptions, parseLangQuery, parseNoQuery } from './params.ts';
import { cardPath, cardUrl } from './urls.ts';
import { createAssets, type PageFontAssets } from './assets.ts';
import type { Quote } from '../cards/quotes.ts';
import type { CardOptions, CardRenderer } from '../cards/render.ts';
import { baseUrlOf, checkHost, usesRequestHost } from './base-url.ts';
import { parseSetting, type AllowedHost } from '../cards/config.ts';
import { cardETag, matchesETag } from './etag.ts';
import { errorPage } from './pages.ts';
import { isPagePath, shareRoutes } from './share-routes.ts';
import { fittingCard, sizesThatFit } from './fitting.ts';
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
  /** The pages' web fonts (see createAssets); none: the pages use system fonts only. */
  pageFonts?: PageFontAssets;
}

/** The methods every route answers: HEAD is answered as GET, without the body. */
const ROUTE_METHODS = ['GET', 'HEAD'];

const CARD_TYPES = { png: 'image/png', svg: 'image/svg+xml; charset=utf-8', json: 'application/json' } as const;

/** Every route of the service, on Node and on Workers alike. */
export function createApp({ quotes, renderer, publicBaseUrl: configuredBaseUrl, allowedHosts, cachedCard, pageFonts }: AppDependencies) {
  const quotesById = new Map(quotes.map((quote) => [quote.id, quote]));
  const assets = createAssets(pageFonts);
  const publicBaseUrl = parseSetting('PUBLIC_BASE_URL', configuredBaseUrl);
  const app = new Hono();
  // Outermost, so that it sees the final headers, errors' included.
  app.use(privateWhenHostDerived());
  app.use(responseHeaders());
  app.use(async (c, next) => {
    checkHost(c.req.url, allowedHosts);
    await next();
  });
  app.use('/cards/*', allowAnyOrigin());
  app.use('/api/*', allowAnyOrigin());

  function findQuote(id: string): Quote {
    const quote = quotesById.get(checkId(id));
    if (!quote) throw new ApiError(404, 'unknown_quote', `No quote with id "${id}". GET /api/quotes lists them.`);
    return quote;
  }

  /** A quote in `lang`, with the sizes each template's card fits at, and the default card's URL at a size that fits. */
  async function describeQuote(quote: Quote, lang: Lang, origin: string) {
    const local = localizeQuote(quote, lang);
    const sizes = await sizesThatFit(renderer, quote, lang);
    const card = fittingCard(cardOptionsFor(quote, { lang }), sizes);
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
      card: origin + (await cardUrl(quote, card)),
      sizes,
    };
  }

  /** A card with its ETag: 304 when If-None-Match matches; HEAD without drawing; else rendered (or from a cache). */
  async function serveCard(c: Context, quote: Quote, options: CardOptions, format: Format, cacheControl: string) {
    const etag = await cardETag(quote, options, format);
    c.header('ETag', etag);
    c.header('Cache-Control', cacheControl);
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
  }

  function redirect(c: Context, location: string, status: 301 | 302, cacheControl: string) {
    c.header('Cache-Control', cacheControl);
    return c.redirect(location, status);
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

  // The query-string form: the same card may change at the same URL (a new
  // render version, an edited quote), so it is cached briefly and revalidated
  // by its ETag. A language tag spelled otherwise (zh-hant, zh-TW) is a 301 to
  // the canonical spelling.
  app.get('/cards/:file', async (c) => {
    const { id, format } = parseCardFile(c.req.param('file'), FORMATS);
    const request = parseCardOptions(c.req.queries(), format);
    const quote = findQuote(id);
    const options = cardOptionsFor(quote, request);
    const lang = c.req.query('lang');
    if (lang !== undefined && lang !== options.lang) return redirect(c, cardPath(id, format, options, quote.lang), 301, SPELLING_REDIRECT);
    return serveCard(c, quote, options, format, SHORT_LIVED);
  });

  // The content-addressed form (see cardUrl): one path, one image, cached for
  // a year. A path whose hash is not the card's current one redirects (302,
  // briefly cached) to the current path; an option spelled otherwise is a 301.
  app.get('/cards/:id/:file', async (c) => {
    parseNoQuery(c.req.queries());
    const { options: request, format } = parseCardAddress(c.req.param('file'), FORMATS);
    const quote = findQuote(c.req.param('id'));
    const options = cardOptionsFor(quote, request);
    const current = await cardUrl(quote, options, format);
    const requested = new URL(c.req.url).pathname;
    if (requested !== current) {
      const withoutHash = (path: string) => path.replace(/\.[0-9a-f]+\.([a-z]+)$/, '.$1');
      return withoutHash(requested) !== withoutHash(current)
        ? redirect(c, current, 301, SPELLING_REDIRECT)
        : redirect(c, current, 302, STALE_REDIRECT);
    }
    return serveCard(c, quote, options, format, IMMUTABLE);
  });

  app.route(
    '/',
    shareRoutes({ quotes, findQuote, publicBaseUrl, assets, sizesThatFit: (quote, lang) => sizesThatFit(renderer, quote, lang) }),
  );

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
    if (error instanceof ApiError && person && isPagePath(c.req.path)) return c.html(errorPage(assets, error), error.status);
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
