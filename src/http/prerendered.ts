import { TEMPLATES, TEMPLATE_NAMES } from '../../templates/index.ts';
import { normaliseOptions } from '../cards/identity.ts';
import { LANGS, SIZES, THEMES, cardLangs, type Format, type SizeName, type ThemeName } from '../cards/options.ts';
import type { Quote } from '../cards/quotes.ts';
import type { CardOptions } from '../cards/render.ts';
import { GALLERY_WIDTHS } from './pages.ts';
import { addressStem } from './urls.ts';

/**
 * Which cards the build writes into the Worker's static assets (see
 * src/export/prerender.ts), chosen with PRERENDER_CARDS:
 * - `all`: every template × size × script × theme at scale 1, as PNG and as
 *   layout report (json), and the gallery's thumbnail renditions (GALLERY_WIDTHS,
 *   at every size): 207 per Chinese quote (fewer for a ja, ko or en quote, which comes in one language);
 * - `og`: only the unfurl images: the og size of every template × script ×
 *   theme (PNG) and the gallery's thumbnails, for a quotes file too large for
 *   `all`: 57 per Chinese quote;
 * - `none`: no card (every card is rendered by the Worker).
 */
export const PRERENDER_SUBSETS = ['all', 'og', 'none'] as const;
export type PrerenderSubset = (typeof PRERENDER_SUBSETS)[number];

/** One prerendered card of a quote: its options (normalised, see normaliseOptions) and format. */
export interface PrerenderedCard {
  options: CardOptions;
  format: Format;
}

/**
 * The cards prerendered in every language, in a fixed order; a quote has
 * those of its own languages (prerenderedCardsOf). Pure: the Worker asks it
 * too (isPrerendered).
 */
export function prerenderedCards(subset: PrerenderSubset): PrerenderedCard[] {
  if (subset === 'none') return [];
  const cards: PrerenderedCard[] = [];
  const sizes = subset === 'og' ? (['og'] as const) : (Object.keys(SIZES) as SizeName[]);
  const formats: Format[] = subset === 'og' ? ['png'] : ['png', 'json'];
  for (const lang of LANGS)
    for (const template of TEMPLATE_NAMES)
      for (const size of sizes)
        for (const theme of Object.keys(THEMES) as ThemeName[])
          for (const format of formats) cards.push({ options: normaliseOptions({ template, size, lang, theme }), format });
  // The gallery's srcset (src/http/share-routes.ts): the classic light card of each script at each
  // width, at every size, as a quote the og card cannot hold is shown at a size that fits.
  for (const lang of LANGS)
    for (const size of Object.keys(SIZES) as SizeName[])
      for (const width of GALLERY_WIDTHS) cards.push({ options: normaliseOptions({ lang, size, width }), format: 'png' });
  return cards;
}

/** The prerendered cards a quote has: those of its own languages (cardLangs), in the templates that set them. */
export function prerenderedCardsOf(quote: Pick<Quote, 'lang'>, subset: PrerenderSubset): PrerenderedCard[] {
  const langs = cardLangs(quote.lang);
  return prerenderedCards(subset).filter(
    ({ options }) => langs.includes(options.lang) && TEMPLATES[options.template].langs.includes(options.lang),
  );
}

const ALL = new Set(prerenderedCards('all').map((card) => `${addressStem(card.options)}.${card.format}`));

/** True when `npm run build:worker` (PRERENDER_CARDS=all) prerenders this card of every quote. */
export function isPrerendered(options: Partial<CardOptions>, format: Format): boolean {
  return ALL.has(`${addressStem(normaliseOptions(options))}.${format}`);
}
