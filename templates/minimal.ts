import { LANGS } from '../src/cards/options.ts';
import type { Canvas } from '../src/cards/options.ts';
import type { CardData, Template } from '../src/cards/template.ts';
import { ATTRIBUTION_FLOOR, h, largestFontSize, textLines, unit } from './element.ts';

/** The quote alone, centred, with a quiet attribution below. */
function geometry(canvas: Canvas) {
  const u = unit(canvas);
  const pad = u(84);
  const footer = u(64);
  const gap = u(28);
  return { u, pad, footer, gap, box: { width: canvas.width - 2 * pad, height: canvas.height - 2 * pad - footer - gap } };
}

export const minimal: Template = {
  name: 'minimal',
  description: 'The quote alone, centred, with a quiet attribution',
  face: 'sans',
  weight: 400,
  direction: 'horizontal',
  // Noto Sans CJK in each language's forms; Noto Sans for English.
  langs: LANGS,
  textBox(canvas) {
    const { u, box } = geometry(canvas);
    return { ...box, minFontSize: u(22), maxFontSize: largestFontSize(canvas, box.width, 56), lineHeight: 1.65 };
  },
  attributionBox(canvas) {
    const { u, box } = geometry(canvas);
    return { width: box.width, height: u(64), minFontSize: u(ATTRIBUTION_FLOOR), maxFontSize: u(22), lineHeight: 1.4 };
  },
  render(card: CardData) {
    const { canvas, theme, fonts } = card;
    const { u, pad, footer, gap, box } = geometry(canvas);
    return h(
      'div',
      {
        width: canvas.width,
        height: canvas.height,
        display: 'flex',
        flexDirection: 'column',
        padding: pad,
        backgroundColor: theme.background,
        color: theme.text,
        fontFamily: fonts.sans,
      },
      h(
        'div',
        { width: box.width, height: box.height, display: 'flex', alignItems: 'center', justifyContent: 'center' },
        // A centred block of left-aligned (balanced) lines: one centred line, or an even block.
        textLines(card.layout),
      ),
      h(
        'div',
        { height: footer, marginTop: gap, display: 'flex', flexDirection: 'column', justifyContent: 'flex-end', alignItems: 'center' },
        h('div', { width: u(32), height: Math.max(1, u(2)), backgroundColor: theme.accent, marginBottom: u(14) }),
        textLines(card.attribution, { alignItems: 'center', color: theme.muted }),
      ),
    );
  },
};
