import { CHINESE_LANGS } from '../src/cards/options.ts';
import type { Canvas } from '../src/cards/options.ts';
import type { CardData, Template } from '../src/cards/template.ts';
import { ATTRIBUTION_FLOOR, h, textColumns, unit } from './element.ts';

/**
 * 直排: columns right to left in kai, the attribution in its own column to
 * their left, ending where the quote ends, with a small seal below it.
 */
function geometry(canvas: Canvas) {
  const u = unit(canvas);
  const padX = u(64);
  const padY = u(64);
  const attribution = u(80); // up to two attribution columns
  const gap = u(36);
  return {
    u,
    padX,
    padY,
    attribution,
    gap,
    box: { width: canvas.width - 2 * padX - attribution - gap, height: canvas.height - 2 * padY },
  };
}

export const vertical: Template = {
  name: 'vertical',
  description: '直排: columns right to left in kai, the attribution in its own column',
  face: 'kai',
  weight: 400,
  direction: 'vertical',
  // Chinese and Japanese (縦書き, in Noto Sans CJK JP: LXGW WenKai's kanji take Chinese forms); Korean and English
  // are not set in columns.
  faces: { ja: 'sans' },
  langs: [...CHINESE_LANGS, 'ja'],
  textBox(canvas) {
    const { u, box } = geometry(canvas);
    return { ...box, minFontSize: u(18), maxFontSize: u(64), lineHeight: 1.75 };
  },
  attributionBox(canvas) {
    const { u, attribution, box } = geometry(canvas);
    return {
      width: attribution,
      height: Math.round(box.height * 0.75),
      minFontSize: u(ATTRIBUTION_FLOOR),
      maxFontSize: u(24),
      lineHeight: 1.6,
    };
  },
  render(card: CardData) {
    const { canvas, theme, fonts, layout, attribution } = card;
    const { u, padX, padY, gap, box } = geometry(canvas);
    const longest = Math.max(...layout.lines.map((line) => line.length));
    return h(
      'div',
      {
        width: canvas.width,
        height: canvas.height,
        display: 'flex',
        justifyContent: 'center',
        alignItems: 'center',
        padding: `${padY}px ${padX}px`,
        backgroundColor: theme.background,
        color: theme.text,
        fontFamily: fonts[card.face],
      },
      h(
        'div',
        { display: 'flex', flexDirection: 'row', alignItems: 'flex-end', height: Math.min(box.height, Math.max(longest, u(200))) },
        h(
          'div',
          { display: 'flex', flexDirection: 'column', alignItems: 'center', marginRight: gap },
          textColumns(attribution, { color: theme.muted }),
          h('div', { width: u(14), height: u(14), marginTop: u(14), backgroundColor: theme.accent, borderRadius: u(3) }),
        ),
        h(
          'div',
          { display: 'flex', height: '100%', paddingRight: u(18), borderRight: `${Math.max(1, u(2))}px solid ${theme.rule}` },
          textColumns(layout, { alignItems: 'flex-start' }),
        ),
      ),
    );
  },
};
