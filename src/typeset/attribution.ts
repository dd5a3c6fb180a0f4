import { TextDoesNotFitError, linesAtSmallest, typeset, type Direction, type Layout, type TextBox, type TypesetOptions } from './fit.ts';
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
  const kept = keptParts(parts);
  let error: TextDoesNotFitError | undefined;
  for (let fontSize = box.maxFontSize; fontSize >= box.minFontSize; fontSize--) {
    for (const text of settings(kept, separator)) {
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

/**
 * Whether setAttribution succeeds, without setting anything: if the
 * attribution fits at some size it fits at the smallest, which is all this tries.
 */
export function attributionFits(
  parts: readonly string[],
  separator: string,
  box: TextBox,
  metrics: Metrics,
  direction: Direction,
  options: TypesetOptions = {},
): boolean {
  return settings(keptParts(parts), separator).some(
    (text) => linesAtSmallest(text, box, metrics, direction, options) === text.split('\n').length,
  );
}

/** The non-empty parts, each without line breaks (a break inside a name is not one the attribution keeps). */
function keptParts(parts: readonly string[]): string[] {
  return parts.map((part) => layoutText(part).replace(/\n/g, ' ')).filter((part) => part.length > 0);
}

/** The two ways to set the parts: on one line, or one line each. A no-break space keeps each name whole. */
function settings(kept: readonly string[], separator: string): string[] {
  const whole = kept.map((part) => part.replace(/ /g, '\u00a0'));
  return [whole.join(separator), whole.join('\n')];
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
