import { VERTICAL_FORMS, isLatin, isLatinJoiner, isSpace } from './chars.ts';
import { graphemes, isZeroWidth } from './graphemes.ts';
import type { Measure } from './lines.ts';
import type { Metrics } from './metrics.ts';

/**
 * One cell of a column, top to bottom:
 * - `upright`: a CJK character or a punctuation mark in its vertical form, 1em;
 * - `tcy` (tate-chu-yoko): one or two ASCII letters or digits set across the column, 1em;
 * - `rotated`: a longer Latin run turned 90° clockwise, as long as its advance;
 * - `space`: the gap of a space between a Latin run and CJK text.
 * An emoji is an upright cell; ZWSP and WORD JOINER make no cell.
 * `length` is in em along the column.
 */
export interface Cell {
  kind: 'upright' | 'tcy' | 'rotated' | 'space';
  text: string;
  length: number;
}

const TCY = /^[A-Za-z0-9]{1,2}$/;

/** The cells of a column's text (with horizontal-form punctuation) in vertical setting. */
export function verticalCells(text: string, metrics: Metrics): Cell[] {
  const chars = graphemes(text);
  const cells: Cell[] = [];
  for (let i = 0; i < chars.length; i++) {
    const char = chars[i]!;
    if (isZeroWidth(char)) continue;
    if (isSpace(char)) {
      cells.push({ kind: 'space', text: ' ', length: metrics.advance(' ') });
    } else if (isLatin(char)) {
      let end = i + 1;
      while (end < chars.length) {
        const next = chars[end]!;
        if (isLatin(next) || next === '%') end++;
        else if ((isLatinJoiner(next) || next === ' ') && chars[end + 1] !== undefined && isLatin(chars[end + 1]!)) end += 2;
        else break;
      }
      const run = chars.slice(i, end).join('');
      cells.push(TCY.test(run) ? { kind: 'tcy', text: run, length: 1 } : { kind: 'rotated', text: run, length: metrics.advance(run) });
      i = end - 1;
    } else {
      cells.push({ kind: 'upright', text: VERTICAL_FORMS[char] ?? char, length: 1 });
    }
  }
  return cells;
}

/** Column length of text set vertically; marks are not squeezed in columns. */
export function verticalMeasure(metrics: Metrics): Measure {
  const lengths = new Map<string, number>();
  return {
    length(text) {
      let length = lengths.get(text);
      if (length === undefined) {
        length = verticalCells(text, metrics).reduce((sum, cell) => sum + cell.length, 0);
        lengths.set(text, length);
      }
      return length;
    },
    squeeze: () => 0,
  };
}
