import type { Canvas } from '../src/cards/options.ts';
import type { Child, Element, Style } from '../src/cards/template.ts';
import type { Layout, Run } from '../src/typeset/fit.ts';

/** Builds a satori element: `h('div', { display: 'flex' }, 'text', h(...))`. */
export function h(type: string, style: Style, ...children: Child[]): Element {
  const kept = children.filter((child) => child !== null && child !== undefined && child !== false);
  // satori asks for display: flex on any element whose children come as an array, even an empty one.
  return { type, props: { style, children: kept.length === 1 ? kept[0] : kept.length === 0 ? undefined : kept } };
}

/** Scales a length designed for a 1200×630 card to a canvas. */
export function unit(canvas: Canvas): (length: number) => number {
  const factor = Math.min(canvas.width, canvas.height) / 630;
  return (length) => Math.round(length * factor);
}

/**
 * The legibility floor of an attribution, px on a 1200×630 card (scale it with
 * `unit`): the smallest size an attribution is set at, which also sets the
 * smallest size of the quote (see hierarchy.ts).
 */
export const ATTRIBUTION_FLOOR = 12;

/**
 * The largest type size for a measure on a canvas (px): at most `cap` (px on a
 * 1200×630 card, scaled with the canvas, and by a third again on a portrait
 * one, which has the height to fill), and small enough that a line holds nine
 * characters on a landscape card, six on a square one and five on a portrait one.
 */
export function largestFontSize(canvas: Canvas, measure: number, cap: number): number {
  const portrait = canvas.height > canvas.width;
  const perLine = canvas.width > canvas.height ? 9 : portrait ? 5 : 6;
  return Math.min(Math.round(unit(canvas)(cap) * (portrait ? 4 / 3 : 1)), Math.floor(measure / perLine));
}

/**
 * A horizontal layout as one element per line, so satori never re-wraps the
 * typesetter's lines. A squeezed punctuation mark pulls the next run closer
 * with a negative margin; a centred mark is moved relative to its place.
 */
export function textLines(layout: Layout, style: Style = {}): Element {
  const { fontSize, lineHeight } = layout;
  return h(
    'div',
    { display: 'flex', flexDirection: 'column', fontSize, lineHeight: lineHeight / fontSize, ...style },
    ...layout.lines.map((line) =>
      h(
        'div',
        { display: 'flex', height: lineHeight, whiteSpace: 'pre' },
        ...line.runs.flatMap((run) =>
          run.squeeze > 0 || run.shift
            ? [
                h(
                  'span',
                  {
                    ...(run.pieces ? { display: 'flex' } : {}),
                    ...(run.squeeze > 0 ? { marginRight: -run.squeeze } : {}),
                    ...(run.shift ? { position: 'relative', left: run.shift.x, top: run.shift.y } : {}),
                  },
                  ...runText(run, fontSize),
                ),
              ]
            : runText(run, fontSize),
        ),
      ),
    ),
  );
}

/**
 * A vertical layout: columns right to left, each a column of cells, since
 * satori has no writing-mode. Upright cells hold a character (a mark in its
 * vertical form, or moved within the cell by its shift); one or two digits
 * sit upright across the column (縱中橫); longer Latin words are turned 90°
 * clockwise; a squeezed mark pulls the next cell up with a negative margin.
 */
export function textColumns(layout: Layout, style: Style = {}): Element {
  const { fontSize, lineHeight } = layout;
  return h(
    'div',
    { display: 'flex', flexDirection: 'row-reverse', fontSize, lineHeight: 1, ...style },
    ...layout.lines.map((column) =>
      h(
        'div',
        { display: 'flex', flexDirection: 'column', alignItems: 'center', width: lineHeight },
        ...column.runs.map((run) => cell(run, fontSize)),
      ),
    ),
  );
}

/**
 * A run's text as satori children: the text itself, or its pieces, each
 * drawn in the font the renderer chose for it, and each emoji as an image
 * one em square, centred on the line (see Run.pieces).
 */
export function runText(run: Run, fontSize: number): Child[] {
  if (!run.pieces) return [run.text];
  return run.pieces.map((piece) => {
    if (piece.image) return { type: 'img', props: { src: piece.image, width: fontSize, height: fontSize, style: { alignSelf: 'center' } } };
    return piece.family ? h('span', { fontFamily: piece.family }, piece.text) : piece.text;
  });
}

function cell(run: Run, fontSize: number): Element {
  const box = {
    display: 'flex',
    width: fontSize,
    height: run.length,
    alignItems: 'center',
    justifyContent: 'center',
    ...(run.squeeze > 0 ? { marginBottom: -run.squeeze } : {}),
  };
  switch (run.kind) {
    case 'tcy':
      return h('div', { ...box, fontSize: run.text.length > 1 ? Math.round(fontSize * 0.78) : fontSize }, ...runText(run, fontSize));
    case 'rotated':
      return h(
        'div',
        { ...box, position: 'relative' },
        h(
          'div',
          {
            position: 'absolute',
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'center',
            whiteSpace: 'pre',
            width: run.length,
            height: fontSize,
            left: (fontSize - run.length) / 2,
            top: (run.length - fontSize) / 2,
            transform: 'rotate(90deg)',
          },
          ...runText(run, fontSize),
        ),
      );
    case 'space':
      return h('div', box);
    default:
      return run.shift
        ? h('div', box, h('div', { display: 'flex', position: 'relative', left: run.shift.x, top: run.shift.y }, ...runText(run, fontSize)))
        : h('div', box, ...runText(run, fontSize));
  }
}
