import type { Canvas } from '../src/options.ts';
import type { CardData, Template } from '../src/template.ts';
import { h, unit } from './element.ts';

/** Large corner brackets, the quote, a rule and the attribution. */
function geometry(canvas: Canvas) {
  const u = unit(canvas);
  const padX = u(88);
  const padY = u(60);
  const mark = u(84); // height of the row holding the opening bracket
  const footer = u(76); // rule + attribution
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
  textBox(canvas) {
    const { u, box } = geometry(canvas);
    return { ...box, minFontSize: u(22), maxFontSize: u(60), lineHeight: 1.55 };
  },
  render(card: CardData) {
    const { canvas, theme, fonts } = card;
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
      h('div', { height: mark, display: 'flex', fontSize: u(96), lineHeight: 1, color: theme.accent, fontWeight: 700, marginBottom: gap }, '「'),
      h(
        'div',
        { width: box.width, height: box.height, display: 'flex', alignItems: 'center', fontSize: card.fontSize, lineHeight: 1.55 },
        h('div', { display: 'flex', width: box.width }, card.text),
      ),
      h(
        'div',
        { height: footer, marginTop: gap, display: 'flex', flexDirection: 'column', justifyContent: 'flex-end' },
        h('div', { width: u(48), height: u(4), backgroundColor: theme.accent, marginBottom: u(14) }),
        h(
          'div',
          { display: 'flex', alignItems: 'baseline', fontSize: u(26), color: theme.muted, whiteSpace: 'nowrap' },
          `— ${card.speaker}，${card.source}`,
          card.speakerEn
            ? h('span', { fontSize: u(18), marginLeft: u(16), letterSpacing: 0.5 }, [card.speakerEn, card.sourceEn].filter(Boolean).join(' · '))
            : null,
        ),
      ),
    );
  },
};
