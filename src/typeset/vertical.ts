import {
  CJK_PUNCTUATION,
  NO_LINE_END,
  PAUSE_AND_STOP_MARKS,
  VERTICAL_FORMS,
  isLatin,
  isLatinJoiner,
  isSpace,
  punctuationSqueeze,
} from './chars.ts';
import { graphemes, isZeroWidth } from './graphemes.ts';
import type { Measure } from './lines.ts';
import type { Metrics } from './metrics.ts';

/**
 * One cell of a column, top to bottom:
 * - `upright`: a CJK character or a punctuation mark, 1em: a mark in its
 *   vertical presentation form, or in its horizontal form moved by `shift`;
 * - `tcy` (縱中橫, tate-chu-yoko): a number of one or two digits, or one or two
 *   letters, set upright across the column, 1em;
 * - `rotated`: a longer Latin word (or a mark the font has no vertical form
 *   of) turned 90° clockwise, as long as its advance;
 * - `space`: the gap of a space between a Latin word and its neighbours.
 * `length` is in em along the column; `squeeze` is how much closer (em) the
 * next cell is set (two marks meeting); `shift` moves the glyph in its cell
 * (em, x rightwards, y downwards). An emoji is an upright cell; ZWSP and
 * WORD JOINER make no cell.
 */
export interface Cell {
  kind: 'upright' | 'tcy' | 'rotated' | 'space';
  text: string;
  length: number;
  squeeze: number;
  shift?: { x: number; y: number };
}

export interface VerticalOptions {
  /**
   * Set ，。、：；！？ in the middle of the cell, as Taiwan and Hong Kong do
   * (W3C clreq, "Punctuation marks in vertical writing"); otherwise ，。、 sit
   * in the top right quadrant, as in mainland China.
   */
  centreMarks?: boolean;
}

const TCY = /^[A-Za-z0-9]{1,2}$/;

/** How far (em) the ink of a top-right mark sits from the middle of the cell. */
const TOP_RIGHT = { x: 0.25, y: -0.25 };

/** Japanese small kana, which sit toward the top right of their cell in columns (W3C jlreq, "Positioning of small kana"). */
const SMALL_KANA = new Set([...'ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ']);

/** How far (em) a small kana's ink sits from the middle of its cell in a column. */
const SMALL_KANA_SHIFT = { x: 0.1, y: -0.1 };

/** Marks turned 90° in columns, as a font's `vert` feature would draw them (jlreq): the prolonged sound mark and wave dashes. */
const TURNED = new Set([...'ー〜～゠']);

/**
 * The cells of a column's text (with horizontal-form punctuation) in vertical
 * setting. A Latin phrase is cut at its spaces so that `GPT 4` turns `GPT`
 * and sets `4` upright.
 */
export function verticalCells(text: string, metrics: Metrics, options: VerticalOptions = {}): Cell[] {
  const chars = graphemes(text);
  const cells: Cell[] = [];
  const sources: string[] = [];
  const push = (cell: Omit<Cell, 'squeeze'>, source: string) => {
    cells.push({ ...cell, squeeze: 0 });
    sources.push(source);
  };
  for (let i = 0; i < chars.length; i++) {
    const char = chars[i]!;
    if (isZeroWidth(char)) continue;
    if (isSpace(char)) {
      push({ kind: 'space', text: ' ', length: metrics.advance(' ') }, char);
    } else if (isLatin(char)) {
      let end = i + 1;
      while (end < chars.length) {
        const next = chars[end]!;
        if (isLatin(next) || next === '%') end++;
        else if (isLatinJoiner(next) && chars[end + 1] !== undefined && isLatin(chars[end + 1]!)) end += 2;
        else break;
      }
      const word = chars.slice(i, end).join('');
      push(TCY.test(word) ? { kind: 'tcy', text: word, length: 1 } : { kind: 'rotated', text: word, length: metrics.advance(word) }, word);
      i = end - 1;
    } else {
      push(markCell(char, metrics, options), char);
    }
  }
  // A space between an upright number and CJK text only separates them in lines; columns need none.
  const kept = cells.filter((cell, i) => {
    if (cell.kind !== 'space') return true;
    const [before, after] = [cells[i - 1]?.kind, cells[i + 1]?.kind];
    return !((before === 'tcy' && after !== 'rotated') || (after === 'tcy' && before !== 'rotated'));
  });
  const keptSources = sources.filter((_, i) => kept.includes(cells[i]!));
  const squeeze = columnSqueeze(options);
  for (let i = 1; i < kept.length; i++) kept[i - 1]!.squeeze = squeeze(keptSources[i - 1]!, keptSources[i]!);
  return kept;
}

/** A character's cell: pause marks placed by region, other marks in vertical form (or turned), the rest upright. */
function markCell(char: string, metrics: Metrics, { centreMarks = false }: VerticalOptions): Omit<Cell, 'squeeze'> {
  const form = VERTICAL_FORMS[char];
  if (TURNED.has(char)) return { kind: 'rotated', text: char, length: metrics.advance(char) };
  if (SMALL_KANA.has(char)) {
    // Its ink moved from where the font sets it for lines to the top right of the cell.
    const { x, y } = metrics.centring(char);
    return { kind: 'upright', text: char, length: 1, shift: { x: x + SMALL_KANA_SHIFT.x, y: y + SMALL_KANA_SHIFT.y } };
  }
  if (PAUSE_AND_STOP_MARKS.has(char) && (centreMarks || !metrics.covers(form ?? char))) {
    // The horizontal form, its ink moved to the middle of the cell, or to its top right.
    const { x, y } = metrics.centring(char);
    const target = centreMarks || !'，。、'.includes(char) ? { x: 0, y: 0 } : TOP_RIGHT;
    const shift = { x: x + target.x, y: y + target.y };
    // Fonts made for Traditional text already centre them; leave small offsets alone.
    return Math.abs(shift.x) > 0.15 || Math.abs(shift.y) > 0.15
      ? { kind: 'upright', text: char, length: 1, shift }
      : { kind: 'upright', text: char, length: 1 };
  }
  if (form === undefined) return { kind: 'upright', text: char, length: 1 };
  if (metrics.covers(form)) return { kind: 'upright', text: form, length: 1 };
  // A bracket, dash or ellipsis the font has no vertical form of: its horizontal form turned.
  return { kind: 'rotated', text: char, length: metrics.advance(char) };
}

/**
 * The blank (em) before and after a mark along a column: an opening bracket's
 * half em above it, a closing mark's below it, a centred mark's quarter em on
 * each side (W3C clreq, "Punctuation adjustment"); 0 for other characters.
 */
function columnBlanks(char: string, centreMarks: boolean): { before: number; after: number } {
  if (!CJK_PUNCTUATION.has(char)) return { before: 0, after: 0 };
  if (NO_LINE_END.has(char)) return { before: 0.5, after: 0 };
  if ('：；！？'.includes(char) || (centreMarks && '，。、'.includes(char))) return { before: 0.25, after: 0.25 };
  return { before: 0, after: 0.5 };
}

/** How much closer (em) two adjacent characters are set in a column: the rule of horizontal setting, blanks measured along the column. */
function columnSqueeze({ centreMarks = false }: VerticalOptions): (before: string, after: string) => number {
  return (before, after) =>
    punctuationSqueeze(before, after, columnBlanks(before, centreMarks).after + columnBlanks(after, centreMarks).before);
}

/** Column length of text set vertically (em), adjacent marks squeezed as in horizontal setting. */
export function verticalMeasure(metrics: Metrics, options: VerticalOptions = {}): Measure {
  const lengths = new Map<string, number>();
  return {
    length(text) {
      let length = lengths.get(text);
      if (length === undefined) {
        length = verticalCells(text, metrics, options).reduce((sum, cell) => sum + cell.length, 0);
        lengths.set(text, length);
      }
      return length;
    },
    squeeze: columnSqueeze(options),
  };
}
