import { breakLines, fewestLines } from './breaker.ts';
import { CJK_PUNCTUATION, PAUSE_AND_STOP_MARKS, punctuationSqueeze, type KinsokuLevel } from './chars.ts';
import { prepare, type Measure, type SetLine } from './lines.ts';
import { drawnText, graphemes, layoutText } from './graphemes.ts';
import type { Metrics } from './metrics.ts';
import { verticalCells, verticalMeasure, type Cell } from './vertical.ts';

export type Direction = 'horizontal' | 'vertical';

/** Where a template sets the quote, and the type sizes it allows there. */
export interface TextBox {
  width: number;
  height: number;
  minFontSize: number;
  maxFontSize: number;
  /** Line height as a multiple of the font size. */
  lineHeight: number;
}

/** How a text is set in a box: what templates draw and `/cards/:id.json` reports. */
export interface Layout {
  direction: Direction;
  /** px */
  fontSize: number;
  /** px from one line (or column) to the next. */
  lineHeight: number;
  /** Lines top to bottom, or columns right to left. */
  lines: Line[];
  /** How many breaks between lines fall inside a word (by the word segmenter, words.ts). */
  breaksInsideWords: number;
}

export interface Line {
  text: string;
  /** px along the line (or down the column). */
  length: number;
  /** The pieces to draw: runs of text horizontally, cells vertically. */
  runs: Run[];
}

export interface Run {
  kind: 'text' | Cell['kind'];
  text: string;
  /** px to move the run from its place (a mark centred in its em box); absent for most runs. */
  shift?: { x: number; y: number };
  /** px along the line. */
  length: number;
  /** px to pull the next run closer (squeezed punctuation); 0 for most runs. */
  squeeze: number;
  /**
   * The run cut where the font that draws it changes, set by the renderer
   * when a character comes from a fallback font; absent when the template's
   * own family draws it all.
   */
  pieces?: FontPiece[];
}

/**
 * Text drawn in one font: `family` (a satori family name), or the template's
 * own when absent; or one emoji grapheme drawn as `image` (a data URL), 1em square.
 */
export interface FontPiece {
  text: string;
  family?: string;
  image?: string;
}

/** The text needs more lines than the box holds even at its smallest font size. */
export class TextDoesNotFitError extends Error {
  override name = 'TextDoesNotFitError';
  constructor(
    readonly fontSize: number,
    readonly linesNeeded: number,
    readonly linesAllowed: number,
  ) {
    super(`needs ${linesNeeded} lines at ${fontSize}px where the box holds ${linesAllowed}`);
  }
}

/** One step down a type scale of major seconds (9:8): how much smaller a quote may be set to keep its words whole. */
export const SIZE_STEP = 8 / 9;

/**
 * Sets `text` in `box`:
 * 1. the largest font size (whole px, from the box's maximum down to its
 *    minimum) at which the text fits the box, breaking between any atoms;
 * 2. at most one size step (SIZE_STEP) below it, the largest size at which it
 *    fits breaking only between words, if there is one;
 * 3. the lines at that size from the breaker (breaker.ts), which keeps words
 *    whole where it can, avoids widows and holes, and balances the lines.
 * Throws TextDoesNotFitError when the text does not fit even at the minimum.
 * Invisible characters follow layoutText (graphemes.ts): the lines and runs
 * hold only what is drawn.
 */
export function typeset(
  text: string,
  box: TextBox,
  metrics: Metrics,
  direction: Direction = 'horizontal',
  options: TypesetOptions = {},
): Layout {
  const { measure, prepared, along, allowed } = inBox(text, box, metrics, direction, options);
  const fits = (fontSize: number, insideWords: boolean) => fewestLines(prepared, along / fontSize, { insideWords }) <= allowed(fontSize);
  if (!fits(box.minFontSize, true)) {
    throw new TextDoesNotFitError(box.minFontSize, fewestLines(prepared, along / box.minFontSize), allowed(box.minFontSize));
  }
  // 1. Fewer lines fit as the size grows, so search for the largest size that fits.
  let largest = box.minFontSize;
  let low = box.minFontSize + 1;
  let high = box.maxFontSize;
  while (low <= high) {
    const middle = Math.floor((low + high) / 2);
    if (fits(middle, true)) {
      largest = middle;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  // 2. One step down, at most, to keep words whole.
  let fontSize = largest;
  for (let size = largest; size >= Math.max(box.minFontSize, Math.ceil(largest * SIZE_STEP)); size--) {
    if (fits(size, false)) {
      fontSize = size;
      break;
    }
  }
  // 3. The breaks themselves.
  const broken = breakLines(prepared, along / fontSize, allowed(fontSize));
  return {
    direction,
    fontSize,
    lineHeight: fontSize * box.lineHeight,
    lines: broken.lines.map((line) => toLine(line, fontSize, direction, measure, metrics, options)),
    breaksInsideWords: broken.breaksInsideWords,
  };
}

/**
 * How many lines `text` takes in `box` at the box's smallest font size, or
 * undefined when it does not fit there (and so at no size): typeset's test,
 * without setting the lines.
 */
export function linesAtSmallest(
  text: string,
  box: TextBox,
  metrics: Metrics,
  direction: Direction = 'horizontal',
  options: TypesetOptions = {},
): number | undefined {
  const { prepared, along, allowed } = inBox(text, box, metrics, direction, options);
  const lines = fewestLines(prepared, along / box.minFontSize);
  return lines <= allowed(box.minFontSize) ? lines : undefined;
}

/**
 * A text made ready for a box, for typeset and linesAtSmallest: its measure
 * in the direction, its pieces (layoutText, then prepare), the px along a
 * line (or down a column), and how many lines (or columns) fit across the box
 * at a font size in px.
 */
function inBox(text: string, box: TextBox, metrics: Metrics, direction: Direction, options: TypesetOptions) {
  const measure = direction === 'vertical' ? verticalMeasure(metrics, options) : horizontalMeasure(metrics, options);
  const along = direction === 'vertical' ? box.height : box.width;
  const across = direction === 'vertical' ? box.width : box.height;
  return {
    measure,
    prepared: prepare(layoutText(text), measure, options),
    along,
    allowed: (fontSize: number) => Math.floor(across / (fontSize * box.lineHeight) + 1e-9),
  };
}

export interface TypesetOptions {
  /** BCP 47 locale of the text, for its word segmenter (default `zh`). */
  locale?: string;
  /** clreq level of line-start and line-end prohibition (default `strict`). */
  kinsoku?: KinsokuLevel;
  /**
   * Draw ，。、；：！？ in the middle of their em box, as Traditional Chinese
   * (Taiwan, Hong Kong) sets them in lines and columns alike, even when the
   * font places them low left (in lines) or top right (in columns) as
   * Simplified Chinese does (W3C clreq).
   */
  centreMarks?: boolean;
}

/** A mark at least this wide (em) is set full width, with blank space to squeeze. */
const FULL_WIDTH = 0.9;

/** Horizontal setting: advances from the font; adjacent marks squeezed where the font sets both full width. */
export function horizontalMeasure(metrics: Metrics, { centreMarks = false }: TypesetOptions = {}): Measure {
  const shift = (char: string) => {
    if (!centreMarks || !PAUSE_AND_STOP_MARKS.has(char)) return undefined;
    const { x, y } = metrics.centring(char);
    // Fonts made for Traditional text already centre them; leave small offsets alone.
    return Math.abs(x) > 0.15 || Math.abs(y) > 0.15 ? { x, y } : undefined;
  };
  const blanks = (char: string) => {
    const found = metrics.blanks(char);
    if (!shift(char)) return found;
    const even = (found.before + found.after) / 2;
    return { before: even, after: even };
  };
  const fullWidthMark = (char: string) => CJK_PUNCTUATION.has(char) && metrics.advance(char) >= FULL_WIDTH;
  return {
    length: (text) => metrics.advance(text),
    shift,
    squeeze(before, after) {
      if (!fullWidthMark(before) || !fullWidthMark(after)) return 0;
      return punctuationSqueeze(before, after, blanks(before).after + blanks(after).before);
    },
  };
}

/** A run's length from its characters' advances (cached per character; kerning left out). */
function runLength(chars: string[], measure: Measure): number {
  let length = 0;
  chars.forEach((char, index) => (length += measure.length(char) - (index > 0 ? measure.squeeze(chars[index - 1]!, char) : 0)));
  return length;
}

function toLine(set: SetLine, fontSize: number, direction: Direction, measure: Measure, metrics: Metrics, options: TypesetOptions): Line {
  const px = (em: number) => Math.round(em * fontSize * 100) / 100;
  const text = drawnText(set.text);
  const length = set.length;
  if (direction === 'vertical') {
    const runs = verticalCells(text, metrics, options).map(({ shift, ...cell }) => ({
      ...cell,
      length: px(cell.length),
      squeeze: px(cell.squeeze),
      ...(shift ? { shift: { x: px(shift.x), y: px(shift.y) } } : {}),
    }));
    return { text, length: px(length), runs };
  }
  const runs: Run[] = [];
  let start = 0;
  const chars = graphemes(text);
  const shifted = (index: number) => index < chars.length && measure.shift?.(chars[index]!) !== undefined;
  for (let i = 1; i <= chars.length; i++) {
    const squeeze = i < chars.length ? measure.squeeze(chars[i - 1]!, chars[i]!) : 0;
    // A run ends where marks are squeezed and around a moved mark.
    if (i === chars.length || squeeze > 0 || shifted(i) || shifted(i - 1)) {
      const run = chars.slice(start, i).join('');
      const shift = i - start === 1 ? measure.shift?.(run) : undefined;
      runs.push({
        kind: 'text',
        text: run,
        length: px(runLength(chars.slice(start, i), measure)),
        squeeze: px(squeeze),
        ...(shift ? { shift: { x: px(shift.x), y: px(shift.y) } } : {}),
      });
      start = i;
    }
  }
  return { text, length: px(length), runs };
}
