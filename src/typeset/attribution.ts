import { TextDoesNotFitError, typeset, type Direction, type Layout, type TextBox, type TypesetOptions } from './fit.ts';
import { layoutText } from './graphemes.ts';
import type { Metrics } from './metrics.ts';

/**
 * Sets an attribution such as 李開復，財富創新論壇: on one line at the largest
 * size that fits, else as one line per part (a break only at the separator,
 * never inside a name), else smaller, down to the box's minimum.
 */
export function setAttribution(
  parts: readonly string[],
  separator: string,
  box: TextBox,
  metrics: Metrics,
  direction: Direction,
  options: TypesetOptions = {},
): Layout {
  // A line break inside a name is not one the attribution keeps.
  const kept = parts.map((part) => layoutText(part).replace(/\n/g, ' ')).filter((part) => part.length > 0);
  // A no-break space keeps each name whole: the typesetter never breaks at one.
  const whole = kept.map((part) => part.replace(/ /g, '\u00a0'));
  let error: TextDoesNotFitError | undefined;
  for (let fontSize = box.maxFontSize; fontSize >= box.minFontSize; fontSize--) {
    for (const text of [whole.join(separator), whole.join('\n')]) {
      try {
        const layout = typeset(text, { ...box, maxFontSize: fontSize, minFontSize: fontSize }, metrics, direction, options);
        if (layout.lines.length === text.split('\n').length) return restoreSpaces(layout);
      } catch (caught) {
        if (!(caught instanceof TextDoesNotFitError)) throw caught;
        error = caught;
      }
    }
  }
  throw error ?? new TextDoesNotFitError(box.minFontSize, kept.length, 0);
}

function restoreSpaces(layout: Layout): Layout {
  const restore = (text: string) => text.replace(/\u00a0/g, ' ');
  return {
    ...layout,
    lines: layout.lines.map((line) => ({
      ...line,
      text: restore(line.text),
      runs: line.runs.map((run) => ({ ...run, text: restore(run.text) })),
    })),
  };
}
