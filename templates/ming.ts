import { CHINESE_LANGS } from '../src/cards/options.ts';
import type { Canvas } from '../src/cards/options.ts';
import type { CardData, Template } from '../src/cards/template.ts';
import { ATTRIBUTION_FLOOR, h, largestFontSize, textLines, unit } from './element.ts';

/**
 * 明體/宋体: the quote in a Ming (Song) serif inside a book page's double
 * frame (a heavy outer rule and a fine inner one), the attribution centred
 * below a short rule.
 */
function geometry(canvas: Canvas) {
  const u = unit(canvas);
  const inset = u(28); // canvas edge to the outer rule
  const frame = u(10); // outer rule to inner rule
  const padX = u(84); // inner rule to the text
  const padY = u(44);
  const footer = u(84); // rule + attribution (one or two lines) + English
  const gap = u(20);
  const edge = inset + frame;
  return {
    u,
    inset,
    frame,
    padX,
    padY,
    footer,
    gap,
    box: { width: canvas.width - 2 * (edge + padX), height: canvas.height - 2 * (edge + padY) - footer - gap },
  };
}

export const ming: Template = {
  name: 'ming',
  description: '明體: the quote in a Ming (Song) serif, Noto Serif CJK, inside a double frame',
  face: 'serif',
  weight: 400,
  direction: 'horizontal',
  // Noto Serif CJK TC and SC, and Noto Serif for English; no Japanese or Korean serif face is bundled yet.
  langs: [...CHINESE_LANGS, 'en'],
  textBox(canvas) {
    const { u, box } = geometry(canvas);
    return { ...box, minFontSize: u(20), maxFontSize: largestFontSize(canvas, box.width, 58), lineHeight: 1.7 };
  },
  attributionBox(canvas) {
    const { u, box } = geometry(canvas);
    return {
      width: Math.round(box.width * 0.85),
      height: u(24) * 1.4 * 2,
      minFontSize: u(ATTRIBUTION_FLOOR),
      maxFontSize: u(24),
      lineHeight: 1.4,
    };
  },
  render(card: CardData) {
    const { canvas, theme, fonts, attribution, attributionEn } = card;
    const { u, inset, frame, padX, padY, footer, gap, box } = geometry(canvas);
    return h(
      'div',
      {
        width: canvas.width,
        height: canvas.height,
        display: 'flex',
        padding: inset,
        backgroundColor: theme.background,
        color: theme.text,
        fontFamily: fonts.serif,
      },
      h(
        'div',
        { display: 'flex', flexGrow: 1, padding: frame - u(3), border: `${u(3)}px solid ${theme.rule}` },
        h(
          'div',
          {
            display: 'flex',
            flexGrow: 1,
            flexDirection: 'column',
            alignItems: 'center',
            padding: `${padY - 1}px ${padX - 1}px`,
            border: `1px solid ${theme.rule}`,
          },
          h(
            'div',
            { width: box.width, height: box.height, display: 'flex', alignItems: 'center', justifyContent: 'center' },
            textLines(card.layout),
          ),
          h(
            'div',
            { height: footer, marginTop: gap, display: 'flex', flexDirection: 'column', alignItems: 'center', justifyContent: 'flex-end' },
            h('div', { width: u(40), height: Math.max(1, u(2)), backgroundColor: theme.accent, marginBottom: u(14) }),
            textLines(attribution, { color: theme.muted, alignItems: 'center' }),
            attributionEn && attribution.lines.length === 1 ? textLines(attributionEn, { color: theme.muted, alignItems: 'center' }) : null,
          ),
        ),
      ),
    );
  },
};
