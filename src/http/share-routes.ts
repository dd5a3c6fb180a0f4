import { Hono } from 'hono';
import { localizeQuote, titleLine } from '../cards/localize.ts';
import { ApiError } from '../cards/errors.ts';
import { IMMUTABLE, SHORT_LIVED } from './headers.ts';
import { allowedScales } from '../cards/limits.ts';
import { DEFAULTS, SIZES, cardLangs, shownLang, type Lang, type SizeName } from '../cards/options.ts';
import { cardOptionsFor } from '../cards/identity.ts';
import type { TemplateName } from '../../templates/index.ts';
import { echo, parseAssetQuery, parseCardOptions, parseLangQuery, parseOEmbedQuery } from './params.ts';
import type { Quote } from '../cards/quotes.ts';
import { ASSETS } from './assets.ts';
import { mapInSlices } from '../cards/slices.ts';
import { baseUrlOf } from './base-url.ts';
import { SITE_NAME, galleryPage, sharePage, type Fits } from './pages.ts';
import { cardPath, sharePath } from './urls.ts';

export interface ShareDependencies {
  quotes: readonly Quote[];
  /** Looks a quote up by id; throws the app's 400/404 ApiError. */
  findQuote(id: string): Quote;
  /** The public origin for absolute URLs; the request's origin when unset. */
  publicBaseUrl?: string;
  /** For each template, the sizes at which a quote's card in a script fits (see fitting.ts). */
  sizesThatFit(quote: Quote, lang: Lang): Promise<Record<TemplateName, SizeName[]>>;
}

/** Whether a path is a page people see (gallery or share page): its errors are pages too (see the app's onError). */
export function isPagePath(path: string): boolean {
  return path === '/' || path.startsWith('/q/');
}

/** The pages people see and link to: gallery, share pages, oEmbed, and the pages' assets. */
export function shareRoutes({ quotes, findQuote, publicBaseUrl, sizesThatFit }: ShareDependencies) {
  const app = new Hono();
  const baseOf = (request: Request) => baseUrlOf(request, publicBaseUrl);

  app.get('/', async (c) => {
    const { lang } = parseLangQuery(c.req.queries());
    // A quote whose og card cannot hold it is shown at a size that fits.
    const sizes = new Map<string, SizeName>();
    await mapInSlices(quotes, async (quote) => {
      const fitting = (await sizesThatFit(quote, shownLang(quote.lang, lang))).classic;
      if (fitting.length > 0 && !fitting.includes('og')) sizes.set(quote.id, fitting[0]!);
    });
    c.header('Cache-Control', SHORT_LIVED);
    // Chinese quotes are converted to the script asked for; Japanese, Korean and English ones are shown as written.
    const view = quotes.map((quote) => localizeQuote(quote, shownLang(quote.lang, lang)));
    return c.html(galleryPage({ base: baseOf(c.req.raw), lang: lang ?? DEFAULTS.lang, quotes: view, sizes }));
  });

  app.get('/q/:id', async (c) => {
    const quote = findQuote(c.req.param('id'));
    const options = cardOptionsFor(quote, parseCardOptions(c.req.queries()));
    // The picker offers, for each template and language of the quote, only the sizes whose card fits.
    const fits = Object.fromEntries(
      await Promise.all(cardLangs(quote.lang).map(async (lang) => [lang, await sizesThatFit(quote, lang)] as const)),
    ) as Fits;
    c.header('Cache-Control', SHORT_LIVED);
    return c.html(sharePage({ base: baseOf(c.req.raw), quote: localizeQuote(quote, options.lang), options, fits }));
  });

  // oEmbed 1.0 (https://oembed.com): a share page URL → its card as a photo.
  // Parameters other than url, format, maxwidth and maxheight are ignored, as
  // consumers add their own (see parseOEmbedQuery).
  app.get('/oembed', (c) => {
    const base = baseOf(c.req.raw);
    const query = parseOEmbedQuery(c.req.queries());
    const format = query.format ?? 'json';
    // The spec's answer to a format it defines but we do not serve is 501; anything else is a bad request.
    if (format === 'xml') throw new ApiError(501, 'unsupported_format', 'oEmbed format "xml" is not supported; use format=json.', ['json']);
    if (format !== 'json')
      throw new ApiError(400, 'invalid_parameter', `Invalid value for "format": ${echo(format)}. Allowed: json.`, ['json']);
    const pageUrl = query.url;
    if (!pageUrl)
      throw new ApiError(400, 'missing_parameter', 'oEmbed needs a url parameter: the address of a share page, such as /q/<id>.');
    let url: URL;
    try {
      url = new URL(pageUrl);
    } catch {
      throw new ApiError(400, 'invalid_parameter', `Invalid value for "url": ${echo(pageUrl)} is not an absolute URL.`);
    }
    const id = /^\/q\/([^/]+)$/.exec(url.pathname)?.[1];
    if (url.origin !== base || id === undefined) {
      throw new ApiError(
        404,
        'not_found',
        `No oEmbed for ${echo(pageUrl)}: only share pages of this site have one, such as ${base}/q/<id>.`,
      );
    }
    const quote = findQuote(decodeURIComponentOr(id));
    const options = cardOptionsFor(quote, parseCardOptions(queriesOf(url.searchParams)));
    const maxWidth = query.maxwidth ?? Number.POSITIVE_INFINITY;
    const maxHeight = query.maxheight ?? Number.POSITIVE_INFINITY;
    const canvas = SIZES[options.size];
    // The largest allowed scale, up to the page's own, that fits the consumer's bounds.
    const scale = allowedScales(options.size)
      .reverse()
      .find((s) => s <= options.scale && canvas.width * s <= maxWidth && canvas.height * s <= maxHeight);
    if (scale === undefined) {
      throw new ApiError(
        404,
        'not_found',
        `The ${options.size} card is ${canvas.width}×${canvas.height} pixels at its smallest, larger than maxwidth=${query.maxwidth ?? 'none'} / maxheight=${query.maxheight ?? 'none'}.`,
      );
    }
    const view = localizeQuote(quote, options.lang);
    c.header('Cache-Control', SHORT_LIVED);
    return c.json({
      version: '1.0',
      type: 'photo',
      title: titleLine(view),
      author_name: view.speaker,
      provider_name: SITE_NAME,
      provider_url: `${base}/`,
      url: base + cardPath(quote.id, 'png', { ...options, scale }, quote.lang),
      width: canvas.width * scale,
      height: canvas.height * scale,
      cache_age: 86400,
      web_page: base + sharePath(quote.id, options, quote.lang),
    });
  });

  app.get('/assets/:file', (c) => {
    const { v } = parseAssetQuery(c.req.queries());
    const name = c.req.param('file');
    const asset = Object.hasOwn(ASSETS, name) ? ASSETS[name] : undefined;
    if (!asset) throw new ApiError(404, 'not_found', `No asset named ${echo(name)}.`, Object.keys(ASSETS));
    c.header('Content-Type', asset.type);
    c.header('Cache-Control', v === asset.version ? IMMUTABLE : SHORT_LIVED);
    return c.body(asset.body);
  });

  return app;
}

function queriesOf(params: URLSearchParams): Record<string, string[]> {
  const queries: Record<string, string[]> = {};
  for (const [name, value] of params) (queries[name] ??= []).push(value);
  return queries;
}

/** A path segment decoded, or as it is when it is not valid percent-encoding (checkId refuses it then). */
function decodeURIComponentOr(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
