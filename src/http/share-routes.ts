import { Hono } from 'hono';
import { localizeQuote, titleLine } from '../cards/localize.ts';
import { ApiError } from '../cards/errors.ts';
import { IMMUTABLE, SHORT_LIVED, SPELLING_REDIRECT, allowAnyOrigin } from './headers.ts';
import { allowedScales } from '../cards/limits.ts';
import { DEFAULTS, SIZES, THEMES, cardLangs, shownLang, widthsOf, type Lang, type SizeName, type ThemeName } from '../cards/options.ts';
import { echo, parseAssetQuery, parseLangQuery, parseOEmbedQuery, parsePageOptions } from './params.ts';
import type { Quote } from '../cards/quotes.ts';
import { TEMPLATES, TEMPLATE_NAMES, type TemplateName } from '../../templates/index.ts';
import { cardOptionsFor, normaliseOptions } from '../cards/identity.ts';
import { pngSize, type CardOptions } from '../cards/render.ts';
import type { Assets } from './assets.ts';
import { mapInSlices } from '../cards/slices.ts';
import { baseUrlOf } from './base-url.ts';
import { GALLERY_WIDTHS, SITE_NAME, galleryPage, sharePage, type Fits, type ShareLinks } from './pages.ts';
import { addressHash, addressStem, cardUrl, sharePath } from './urls.ts';
import { fittingCard } from './fitting.ts';

export interface ShareDependencies {
  quotes: readonly Quote[];
  /** Looks a quote up by id; throws the app's 400/404 ApiError. */
  findQuote(id: string): Quote;
  /** The public origin for absolute URLs; the request's origin when unset. */
  publicBaseUrl?: string;
  /** The pages' style, script, icon and web fonts (see createAssets). */
  assets: Assets;
  /** For each template, the sizes at which a quote's card in a script fits (see fitting.ts). */
  sizesThatFit(quote: Quote, lang: Lang): Promise<Record<TemplateName, SizeName[]>>;
}

/** Whether a path is a page people see (gallery or share page): its errors are pages too (see the app's onError). */
export function isPagePath(path: string): boolean {
  return path === '/' || path.startsWith('/q/');
}

/** The pages people see and link to: gallery, share pages, oEmbed, and the pages' assets. */
export function shareRoutes({ quotes, findQuote, publicBaseUrl, assets, sizesThatFit }: ShareDependencies) {
  const app = new Hono();
  const baseOf = (request: Request) => baseUrlOf(request, publicBaseUrl);

  // Pages ignore what the web adds to links (fbclid, gclid, utm_*, ref …);
  // their canonical links never carry it.
  app.get('/', async (c) => {
    const { lang } = parseLangQuery(c.req.queries(), { liberal: true });
    c.header('Cache-Control', SHORT_LIVED);
    const cards = await mapInSlices(quotes, async (quote) => {
      // Chinese quotes are converted to the script asked for; Japanese, Korean and English ones are shown as written.
      const shown = shownLang(quote.lang, lang);
      // A quote whose og card cannot hold it is shown at a size, or in a template, that fits.
      const card = fittingCard(cardOptionsFor(quote, { lang: shown }), await sizesThatFit(quote, shown));
      return {
        quote: localizeQuote(quote, shown),
        size: card.size,
        // Small renditions for the thumbnails (srcset), and the card itself for og:image.
        thumbnails: await Promise.all(GALLERY_WIDTHS.map(async (width) => ({ width, url: await cardUrl(quote, { ...card, width }) }))),
        og: await cardUrl(quote, card),
      };
    });
    return c.html(galleryPage({ assets, base: baseOf(c.req.raw), lang: lang ?? DEFAULTS.lang, cards }));
  });

  app.get('/q/:id', async (c) => {
    const quote = findQuote(c.req.param('id'));
    const options = cardOptionsFor(quote, parsePageOptions(c.req.queries()));
    // The picker offers, for each template and language of the quote, only the sizes whose card fits.
    const fits = Object.fromEntries(
      await Promise.all(cardLangs(quote.lang).map(async (lang) => [lang, await sizesThatFit(quote, lang)] as const)),
    ) as Fits;
    c.header('Cache-Control', SHORT_LIVED);
    const links = await shareLinks(quote, options, fits);
    return c.html(sharePage({ assets, base: baseOf(c.req.raw), quote: localizeQuote(quote, options.lang), options, links, fits }));
  });

  // A trailing slash is the same page: 301 to its canonical URL.
  app.get('/q/:id/', (c) => {
    const options = parsePageOptions(c.req.queries());
    const quote = findQuote(c.req.param('id'));
    c.header('Cache-Control', SPELLING_REDIRECT);
    return c.redirect(sharePath(quote.id, options, quote.lang), 301);
  });

  // oEmbed 1.0 (https://oembed.com): a share page URL → its card as a photo.
  // Parameters other than url, format, maxwidth and maxheight are ignored, as
  // consumers add their own (see parseOEmbedQuery).
  app.use('/oembed', allowAnyOrigin());
  app.get('/oembed', async (c) => {
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
    const page = cardOptionsFor(quote, parsePageOptions(queriesOf(url.searchParams)));
    // The page's card, or one that fits when it cannot hold the quote (a 422 is no photo).
    const options = fittingCard(page, await sizesThatFit(quote, page.lang));
    const photo = largestRendition(options, query.maxwidth ?? Number.POSITIVE_INFINITY, query.maxheight ?? Number.POSITIVE_INFINITY);
    if (photo === undefined) {
      const smallest = pngSize({ ...options, width: widthsOf(options.size)[0] });
      throw new ApiError(
        404,
        'not_found',
        `The ${options.size} card is ${smallest.width}×${smallest.height} pixels at its smallest, larger than maxwidth=${query.maxwidth ?? 'none'} / maxheight=${query.maxheight ?? 'none'}.`,
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
      url: base + (await cardUrl(quote, photo)),
      ...pngSize(photo),
      cache_age: 86400,
      web_page: base + sharePath(quote.id, page, quote.lang),
    });
  });

  app.get('/assets/:file', (c) => {
    const { v } = parseAssetQuery(c.req.queries());
    const name = c.req.param('file');
    const asset = Object.hasOwn(assets.files, name) ? assets.files[name] : undefined;
    if (!asset) throw new ApiError(404, 'not_found', `No asset named ${echo(name)}.`, Object.keys(assets.files));
    c.header('Content-Type', asset.type);
    c.header('Cache-Control', v === asset.version ? IMMUTABLE : SHORT_LIVED);
    return typeof asset.body === 'string' ? c.body(asset.body) : c.body(asset.body);
  });

  return app;
}

/**
 * The largest rendition of a card within maxWidth × maxHeight px: its allowed
 * scales up to the page's own, then the smaller widths (widthsOf). Undefined
 * when even the smallest is too large.
 */
export function largestRendition(options: CardOptions, maxWidth: number, maxHeight: number): CardOptions | undefined {
  const candidates: CardOptions[] = [
    ...allowedScales(options.size)
      .filter((scale) => scale <= options.scale)
      .map((scale) => ({ ...options, scale, width: undefined })),
    ...widthsOf(options.size).map((width) => ({ ...options, scale: 1 as const, width })),
  ];
  const fitting = candidates.filter((candidate) => {
    const { width, height } = pngSize(candidate);
    return width <= maxWidth && height <= maxHeight;
  });
  // Largest first; at equal size the plain scale (no width), whose URL is the page's own card.
  fitting.sort((a, b) => pngSize(b).width - pngSize(a).width || Number(a.width !== undefined) - Number(b.width !== undefined));
  return fitting[0];
}

/**
 * Every image URL a share page shows: the preview (the chosen size at scale 1),
 * the download (at the chosen scale), the card for unfurls (unfurlCard), and, for the live preview, the hash of every card the
 * picker can choose, keyed by its address stem (see cardUrl).
 */
async function shareLinks(quote: Quote, options: CardOptions, fits: Fits): Promise<ShareLinks> {
  const hashes: Record<string, string> = {};
  for (const template of TEMPLATE_NAMES)
    for (const size of Object.keys(SIZES) as SizeName[])
      for (const lang of cardLangs(quote.lang).filter((lang) => TEMPLATES[template].langs.includes(lang)))
        for (const theme of Object.keys(THEMES) as ThemeName[])
          for (const scale of allowedScales(size)) {
            const card = normaliseOptions({ template, size, lang, theme, scale }, quote.lang);
            hashes[addressStem(card)] = await addressHash(quote, card, 'png');
          }
  const og = unfurlCard(options, fits);
  return {
    preview: await cardUrl(quote, { ...options, scale: 1 }),
    download: await cardUrl(quote, options),
    og: { url: await cardUrl(quote, og), ...pngSize(og) },
    hashes,
  };
}

/**
 * The card link previews show (og:image): the og card (1.91:1) of the chosen
 * template, script and theme whatever the chosen size. When the quote does
 * not fit that og card, the og card of the first template (TEMPLATE_NAMES
 * order) it fits; when it fits no og card, the chosen template's first size
 * that fits; when it fits nothing, the og card (which answers 422).
 */
export function unfurlCard(options: CardOptions, fits: Fits): CardOptions {
  const og = { ...options, size: 'og' as const, scale: 1 as const, width: undefined };
  // Fits holds every language of the quote, the chosen one among them (cardOptionsFor).
  const byTemplate = fits[options.lang]!;
  if (byTemplate[options.template].includes('og')) return og;
  const template = TEMPLATE_NAMES.find((name) => byTemplate[name].includes('og'));
  if (template !== undefined) return { ...og, template };
  const size = byTemplate[options.template][0];
  return size === undefined ? og : { ...og, size };
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
