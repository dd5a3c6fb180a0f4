import { CHINESE_LANGS } from '../src/cards/options.ts';
import type { Canvas } from '../src/cards/options.ts';
import type { CardData, Template } from '../src/cards/template.ts';
import { ATTRIBUTION_FLOOR, h, largestFontSize, textLines, unit } from './element.ts';

/** The quote in kai between large quotation marks, the attribution set right. */
function geometry(canvas: Canvas) {
  const u = unit(canvas);
  const padX = u(104);
  const padY = u(72);
  const footer = u(72);
  const gap = u(24);
  return { u, padX, padY, footer, gap, box: { width: canvas.width - 2 * padX, height: canvas.height - 2 * padY - footer - gap } };
}

export const kai: Template = {
  name: 'kai',
  description: 'The quote in kai (LXGW WenKai TC, or LXGW WenKai for Simplified) between large quotation marks',
  face: 'kai',
  weight: 400,
  direction: 'horizontal',
  // LXGW WenKai has kana, but its kanji take Chinese forms (直, 骨, 今 differ from Japan's), and it has no Hangul:
  // Chinese, and English in its own Latin letters.
  langs: [...CHINESE_LANGS, 'en'],
  textBox(canvas) {
    const { u, box } = geometry(canvas);
    return { ...box, minFontSize: u(22), maxFontSize: largestFontSize(canvas, box.width, 62), lineHeight: 1.65 };
  },
  attributionBox(canvas) {
    const { u, box } = geometry(canvas);
    return { width: Math.round(box.width * 0.8), height: u(72), minFontSize: u(ATTRIBUTION_FLOOR), maxFontSize: u(26), lineHeight: 1.35 };
  },
  render(card: CardData) {
    const { canvas, theme, fonts, attribution } = card;
    const { u, padX, padY, footer, gap, box } = geometry(canvas);
    const mark = { position: 'absolute', fontSize: u(120), lineHeight: 1, color: theme.accent, opacity: 0.16 } as const;
    return h(
      'div',
      {
        width: canvas.width,
        height: canvas.height,
        display: 'flex',
        flexDirection: 'column',
        position: 'relative',
        padding: `${padY}px ${padX}px`,
        backgroundColor: theme.background,
        color: theme.text,
        fontFamily: fonts.kai,
      },
      h(
        'div',
        { width: box.width, height: box.height, display: 'flex', alignItems: 'center', justifyContent: 'center' },
        // The marks hang off the corners of the text block, wherever it sits in the box.
        h(
          'div',
          { display: 'flex', position: 'relative' },
          h('div', { ...mark, left: -u(72), top: -u(52) }, '『'),
          textLines(card.layout),
          h('div', { ...mark, right: -u(72), bottom: -u(68) }, '』'),
        ),
      ),
      h(
        'div',
        { height: footer, marginTop: gap, display: 'flex', justifyContent: 'flex-end', alignItems: 'flex-end', color: theme.muted },
        h(
          'div',
          {
            display: 'flex',
            fontSize: attribution.fontSize,
            lineHeight: attribution.lineHeight / attribution.fontSize,
            marginRight: u(10),
          },
          '——',
        ),
        textLines(attribution),
      ),
    );
  },
};
