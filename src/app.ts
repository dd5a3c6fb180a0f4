import { Hono } from 'hono';
import { TEMPLATES, TEMPLATE_NAMES } from '../templates/index.ts';
import { convertText } from './convert.ts';
import { ApiError } from './errors.ts';
import { DEFAULTS, FORMATS, LANGS, SCALES, SIZES, THEMES, type Lang } from './options.ts';
import { cardQuery, checkId, parseCardFile, parseCardOptions, parseLangQuery } from './params.ts';
import type { Quote } from './quotes.ts';
import type { Renderer } from './render.ts';

export interface AppDependencies {
  quotes: readonly Quote[];
  renderer: Renderer;
}

/** Every route of the service, on Node and on Workers alike. */
export function createApp({ quotes, renderer }: AppDependencies) {
  const quotesById = new Map(quotes.map((quote) => [quote.id, quote]));
  const app = new Hono();

  function findQuote(id: string): Quote {
    const quote = quotesById.get(checkId(id));
    if (!quote) throw new ApiError(404, 'unknown_quote', `No quote with id "${id}". GET /api/quotes lists them.`);
    return quote;
  }

  function describeQuote(quote: Quote, lang: Lang, origin: string) {
    const inLang = (text: string) => convertText(text, quote.lang, lang);
    return {
      id: quote.id,
      lang,
      text: inLang(quote.text),
      speaker: { ...quote.speaker, name: inLang(quote.speaker.name) },
      source: { ...quote.source, title: inLang(quote.source.title) },
      card: `${origin}/cards/${quote.id}.png${cardQuery({ lang })}`,
    };
  }

  app.get('/healthz', (c) => c.json({ status: 'ok', quotes: quotes.length }));

  app.get('/api/options', (c) =>
    c.json({
      templates: TEMPLATE_NAMES.map((name) => ({ name, description: TEMPLATES[name].description })),
      sizes: Object.entries(SIZES).map(([name, size]) => ({ name, ...size })),
      langs: LANGS,
      themes: Object.keys(THEMES),
      scales: SCALES,
      formats: FORMATS,
      defaults: DEFAULTS,
    }),
  );

  app.get('/api/quotes', (c) => {
    const { lang } = parseLangQuery(c.req.queries());
    const origin = new URL(c.req.url).origin;
    return c.json({ quotes: quotes.map((quote) => describeQuote(quote, lang, origin)) });
  });

  app.get('/api/quotes/:id', (c) => {
    const { lang } = parseLangQuery(c.req.queries());
    return c.json(describeQuote(findQuote(c.req.param('id')), lang, new URL(c.req.url).origin));
  });

  app.get('/cards/:file', async (c) => {
    const { id, format } = parseCardFile(c.req.param('file'), FORMATS);
    const options = parseCardOptions(c.req.queries());
    const quote = findQuote(id);
    c.header('Cache-Control', 'public, max-age=3600');
    if (format === 'json') return c.json(await renderer.report(quote, options));
    if (format === 'svg') {
      c.header('Content-Type', 'image/svg+xml; charset=utf-8');
      return c.body(await renderer.svg(quote, options));
    }
    c.header('Content-Type', 'image/png');
    return c.body(await renderer.png(quote, options));
  });

  app.notFound((c) => {
    const error = new ApiError(404, 'not_found', `No route for ${c.req.method} ${new URL(c.req.url).pathname}.`);
    return c.json(error.toJSON(), 404);
  });

  app.onError((error, c) => {
    if (error instanceof ApiError) return c.json(error.toJSON(), error.status);
    console.error(error);
    const internal = new ApiError(500, 'internal_error', 'The card could not be rendered.');
    return c.json(internal.toJSON(), 500);
  });

  return app;
}
