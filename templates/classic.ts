import { LANGS } from '../src/cards/options.ts';
import type { Canvas } from '../src/cards/options.ts';
import type { CardData, Template } from '../src/cards/template.ts';
import { ATTRIBUTION_FLOOR, h, largestFontSize, textLines, unit } from './element.ts';

/** Large corner brackets, the quote, a rule and the attribution. */
function geometry(canvas: Canvas) {
  const u = unit(canvas);
  const padX = u(88);
  const padY = u(56);
  const mark = u(84); // height of the row holding the opening bracket
  const footer = u(88); // rule + attribution (one or two lines) + English
  const gap = u(18);
  return {
    u,
    padX,
    padY,
    mark,
    footer,
    gap,
    box: { width: canvas.width - 2 * padX, height: canvas.height - 2 * padY - mark - footer - 2 * gap },
  };
}

export const classic: Template = {
  name: 'classic',
  description: 'Corner brackets, the quote, a rule and the attribution',
  face: 'sans',
  weight: 400,
  direction: 'horizontal',
  // Noto Sans CJK in each language's forms; Noto Sans for English.
  langs: LANGS,
  textBox(canvas) {
    const { u, box } = geometry(canvas);
    return { ...box, minFontSize: u(20), maxFontSize: largestFontSize(canvas, box.width, 60), lineHeight: 1.6 };
  },
  attributionBox(canvas) {
    const { u, box } = geometry(canvas);
    return { width: box.width, height: u(26) * 1.35 * 2, minFontSize: u(ATTRIBUTION_FLOOR), maxFontSize: u(26), lineHeight: 1.35 };
  },
  render(card: CardData) {
    const { canvas, theme, fonts, attribution, attributionEn } = card;
    const { u, padX, padY, mark, footer, gap, box } = geometry(canvas);
    return h(
      'div',
      {
        width: canvas.width,
        height: canvas.height,
        display: 'flex',
        flexDirection: 'column',
        padding: `${padY}px ${padX}px`,
        backgroundColor: theme.background,
        color: theme.text,
        fontFamily: fonts.sans,
      },
      // The opening corner bracket, drawn rather than set, so no bold font is needed for one glyph;
      // it stays just above the text block, which is centred in the room left for both.
      h(
        'div',
        { height: mark + gap + box.height, display: 'flex', flexDirection: 'column', justifyContent: 'center' },
        h(
          'div',
          { height: mark, display: 'flex', alignItems: 'flex-start', marginBottom: gap },
          h('div', {
            width: u(34),
            height: u(60),
            borderTop: `${u(9)}px solid ${theme.accent}`,
            borderLeft: `${u(9)}px solid ${theme.accent}`,
          }),
        ),
        textLines(card.layout),
      ),
      h(
        'div',
        { height: footer, marginTop: gap, display: 'flex', flexDirection: 'column', justifyContent: 'flex-end' },
        h('div', { width: u(48), height: u(4), backgroundColor: theme.accent, marginBottom: u(12) }),
        textLines(attribution, { color: theme.muted }),
        attributionEn && attribution.lines.length === 1 ? textLines(attributionEn, { color: theme.muted, letterSpacing: 0.3 }) : null,
      ),
    );
  },
};
