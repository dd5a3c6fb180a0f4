import { TEMPLATES, TEMPLATE_NAMES, type TemplateName } from '../../templates/index.ts';
import { LANGS, SIZES, cardLangs, type Lang, type SizeName } from './options.ts';
import type { Quote } from './quotes.ts';
import { mapInSlices } from './slices.ts';

/** What decides whether a quote fits a card: the template, the size and the script (theme and scale do not). */
export interface CardKind {
  template: TemplateName;
  size: SizeName;
  lang: Lang;
}

const SIZE_NAMES = Object.keys(SIZES) as SizeName[];

/** Every kind of card, in the order of TEMPLATE_NAMES, then SIZES, then LANGS. */
export const CARD_KINDS: readonly CardKind[] = TEMPLATE_NAMES.flatMap((template) =>
  SIZE_NAMES.flatMap((size) => LANGS.map((lang) => ({ template, size, lang }))),
);

function kindIndex({ template, size, lang }: CardKind): number {
  return (TEMPLATE_NAMES.indexOf(template) * SIZE_NAMES.length + SIZE_NAMES.indexOf(size)) * LANGS.length + LANGS.indexOf(lang);
}

/** Whether a quote has a card of this kind at all: in a language its cards come in, in a template that sets it. */
export function hasKind(quote: Pick<Quote, 'lang'>, { template, lang }: CardKind): boolean {
  return cardLangs(quote.lang).includes(lang) && TEMPLATES[template].langs.includes(lang);
}

/** A quote that some cards cannot hold, with those cards. */
export interface Misfit {
  quote: Quote;
  cards: CardKind[];
}

const UNKNOWN = 0;
const FITS = 1;
const DOES_NOT_FIT = 2;

/**
 * Remembers, per quote and kind of card, whether the card can be set
 * (`fits` decides, once). One byte per card kind per quote, so a file of
 * tens of thousands of quotes stays within a few MB; a quote object that is
 * no longer used is forgotten with it.
 */
export function createFitIndex(decide: (quote: Quote, kind: CardKind) => Promise<boolean>) {
  const verdicts = new WeakMap<Quote, Uint8Array>();

  async function fits(quote: Quote, kind: CardKind): Promise<boolean> {
    // A card the quote does not have (another language, or a template that does not set its language) holds nothing.
    if (!hasKind(quote, kind)) return false;
    let known = verdicts.get(quote);
    if (!known) verdicts.set(quote, (known = new Uint8Array(CARD_KINDS.length)));
    const index = kindIndex(kind);
    if (known[index] === UNKNOWN) known[index] = (await decide(quote, kind)) ? FITS : DOES_NOT_FIT;
    return known[index] === FITS;
  }

  return {
    fits,

    /** The sizes at which the quote's card fits, for a template and script, in the order of SIZES. */
    async sizesThatFit(quote: Quote, template: TemplateName, lang: Lang): Promise<SizeName[]> {
      const sizes: SizeName[] = [];
      for (const size of SIZE_NAMES) if (await fits(quote, { template, size, lang })) sizes.push(size);
      return sizes;
    },

    /**
     * Every quote that some card cannot hold, with those cards; empty when
     * all fit. Gives the event loop a turn every 20 ms, so a server keeps
     * answering while it checks a large file.
     */
    async check(quotes: readonly Quote[]): Promise<Misfit[]> {
      const checked = await mapInSlices(quotes, async (quote) => {
        const cards: CardKind[] = [];
        for (const kind of CARD_KINDS) if (hasKind(quote, kind) && !(await fits(quote, kind))) cards.push(kind);
        return { quote, cards };
      });
      return checked.filter((misfit) => misfit.cards.length > 0);
    },
  };
}

/**
 * One line per quote that some cards cannot hold, naming the cards that
 * answer 422 and the sizes that do fit, per template and script:
 * `quote "x" does not fit classic og (zh-Hant, zh-HK, zh-Hans); fits: classic square, story; …`.
 */
export function describeMisfits(misfits: readonly Misfit[]): string[] {
  return misfits.map(({ quote, cards }) => {
    const failing = new Set(cards.map(kindIndex));
    const group = (fitting: boolean) =>
      TEMPLATE_NAMES.flatMap((template) => {
        const byLangs = new Map<string, SizeName[]>();
        for (const size of SIZE_NAMES) {
          const langs = LANGS.filter(
            (lang) => hasKind(quote, { template, size, lang }) && failing.has(kindIndex({ template, size, lang })) !== fitting,
          );
          if (langs.length > 0) byLangs.set(langs.join(', '), [...(byLangs.get(langs.join(', ')) ?? []), size]);
        }
        return [...byLangs].map(([langs, sizes]) => `${template} ${sizes.join(', ')} (${langs})`);
      });
    const fits = group(true);
    return `quote "${quote.id}" does not fit ${group(false).join('; ')}; fits: ${fits.length > 0 ? fits.join('; ') : 'no card'}`;
  });
}
