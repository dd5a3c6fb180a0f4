import { TEMPLATE_NAMES, type TemplateName } from '../../templates/index.ts';
import type { Lang, SizeName } from '../cards/options.ts';
import type { Quote } from '../cards/quotes.ts';
import type { CardRenderer } from '../cards/render.ts';

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
