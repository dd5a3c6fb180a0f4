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
  const sizes = {} as Record<TemplateName, SizeName[]>;
  for (const template of TEMPLATE_NAMES) sizes[template] = await renderer.sizesThatFit(quote, template, lang);
  return sizes;
}
