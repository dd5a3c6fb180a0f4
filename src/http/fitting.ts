import { TEMPLATE_NAMES, type TemplateName } from '../../templates/index.ts';
import type { Lang, SizeName } from '../cards/options.ts';
import type { Quote } from '../cards/quotes.ts';
import type { CardOptions, CardRenderer } from '../cards/render.ts';

/** For each template, the sizes at which a quote's card in `lang` can be set (the others answer 422 text_does_not_fit). */
export async function sizesThatFit(
  renderer: Pick<CardRenderer, 'sizesThatFit'>,
  quote: Quote,
  lang: Lang,
): Promise<Record<TemplateName, SizeName[]>> {
  // Asked for at once: on the render pool they run side by side rather than one after another.
  const sizes = await Promise.all(TEMPLATE_NAMES.map((template) => renderer.sizesThatFit(quote, template, lang)));
  return Object.fromEntries(TEMPLATE_NAMES.map((template, index) => [template, sizes[index]!])) as Record<TemplateName, SizeName[]>;
}

/**
 * The card to show for `options` (a gallery thumbnail, the quotes API's link,
 * an oEmbed photo), given the sizes each template fits at (sizesThatFit): the
 * card itself when it fits; else the same template at its first size that
 * fits; else the first template (TEMPLATE_NAMES order) that fits at the same
 * size, or at any size; when nothing fits, `options` (which answers 422).
 */
export function fittingCard(options: CardOptions, sizes: Record<TemplateName, SizeName[]>): CardOptions {
  const own = sizes[options.template];
  if (own.includes(options.size)) return options;
  if (own.length > 0) return { ...options, size: own[0]! };
  const template =
    TEMPLATE_NAMES.find((name) => sizes[name].includes(options.size)) ?? TEMPLATE_NAMES.find((name) => sizes[name].length > 0);
  if (template === undefined) return options;
  return { ...options, template, size: sizes[template].includes(options.size) ? options.size : sizes[template][0]! };
}
