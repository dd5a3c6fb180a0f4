import { breaksWord, fitPieces, letterCount, type Measure, type Paragraph, type Piece, type Prepared, type SetLine } from './lines.ts';

/**
 * The line breaker for display type, in the spirit of Knuth and Plass
 * ("Breaking paragraphs into lines", 1981): every way of cutting a paragraph
 * into a given number of lines is weighed at once by dynamic programming, and
 * the cheapest is kept. Breaks fall only between atoms (kinsoku is already
 * glued into them, see segment.ts), so the costs are, from dearest to cheapest:
 *
 * 1. a last line of one letter (a widow, `WIDOW`; of one word where lines break only at spaces), then a line other than the
 *    last shorter than 60 % of the longest (a hole, `HOLE`);
 * 2. a break inside a word (`IN_WORD`), by the word segmenter (words.ts);
 * 3. a line more than the fewest the text needs (`EXTRA_LINE`);
 * 4. raggedness: 100 × ((length − mean) / mean)² per line, so a line 10 % off
 *    the mean costs 1 and lines come out balanced, the last one included
 *    (a last line longer than the mean costs half again);
 * 5. a break between words within a phrase (`IN_PHRASE`) rather than after a
 *    pause or stop mark or at a space, where a reader pauses anyway.
 */
const WIDOW = 1e10;
const HOLE = 1e8;
const IN_WORD = 1e6;
const EXTRA_LINE = 1e4;
const IN_PHRASE = 2;

/** A line other than the last shorter than this share of the longest is a hole. */
export const HOLE_RATIO = 0.6;

/** How many more lines than the fewest the breaker may try in order to avoid a fault or an in-word break. */
const MORE_LINES = 2;

const EPSILON = 1e-6;

/** Marks after which a reader pauses: a break there reads best. */
const PAUSES = new Set([...'，。、；：！？,.;:!?」』）》”']);

/** A text broken into lines, and how many of its breaks fell inside a word. */
export interface Broken {
  lines: SetLine[];
  breaksInsideWords: number;
}

/**
 * The fewest lines of at most `width` em the text can be broken into, breaking
 * inside words or not; Infinity when some unbreakable piece (or, with
 * `insideWords: false`, some word) is longer than the line.
 */
export function fewestLines(prepared: Prepared, width: number, { insideWords = true } = {}): number {
  return prepared.paragraphs.reduce((sum, paragraph) => sum + fewest(lineRuns(paragraph, width, prepared.measure), width, insideWords), 0);
}

/** First fit: each line as long as it can be, which gives the fewest lines. */
function fewest(runs: LineRuns, width: number, insideWords: boolean): number {
  let lines = 0;
  for (let start = 0; start < runs.count; lines++) {
    let next = -1;
    for (let end = start + 1; end <= runs.count && runs.length(start, end) <= width + EPSILON; end++) {
      if (end === runs.count || (runs.canStart[end] && (insideWords || !runs.inWord[end]))) next = end;
    }
    if (next < 0) return Infinity;
    start = next;
  }
  return lines;
}

/**
 * Breaks the text into lines of at most `width` em, at most `maxLines` in all
 * when it can (each paragraph is given the fewest it needs first), choosing
 * for each paragraph the cheapest breaks as described above.
 */
export function breakLines(prepared: Prepared, width: number, maxLines: number): Broken {
  const runs = prepared.paragraphs.map((paragraph) => lineRuns(paragraph, width, prepared.measure));
  const needed = runs.map((run) => fewest(run, width, true));
  let spare = maxLines - needed.reduce((sum, count) => sum + count, 0);
  const lines: SetLine[] = [];
  let breaksInsideWords = 0;
  prepared.paragraphs.forEach((paragraph, index) => {
    // This paragraph may take the lines it needs and whatever the others leave spare.
    const most = needed[index]! + Math.max(0, spare);
    let best = bestBreaks(runs[index]!, width, most);
    // A hole left by a line that cannot grow (a long word after it) goes when the others may not outgrow it.
    for (let tries = 0; tries < 3 && holes(best) > 0; tries++) {
      // Never narrower than a piece: that would cut an atom, kinsoku and all.
      const narrower = Math.max(Math.min(...lengths(best).slice(0, -1)) / HOLE_RATIO, longestPiece(paragraph));
      if (narrower >= width) break;
      const other = bestBreaks(lineRuns(paragraph, narrower, prepared.measure), narrower, most);
      if (other.lines > most || widowed(other) > widowed(best) || inWord(other) > inWord(best) || holes(other) >= holes(best)) break;
      best = other;
    }
    spare -= best.lines - needed[index]!;
    const ends = [...best.breaks, best.runs.count];
    ends.forEach((end, line) => {
      const start = line === 0 ? 0 : ends[line - 1]!;
      lines.push(best.runs.line(start, end));
    });
    breaksInsideWords += inWord(best);
  });
  return { lines, breaksInsideWords };
}

/** The cheapest breaks of a paragraph in the fewest lines, or up to MORE_LINES more but at most `most`. */
function bestBreaks(runs: LineRuns, width: number, most: number): Choice {
  const least = Math.min(fewest(runs, width, true), runs.count);
  let best: Choice | undefined;
  // More lines only while the cheapest so far has a fault or cuts a word.
  for (let count = least; count <= Math.min(least + MORE_LINES, most) && !(best && best.cost < IN_WORD); count++) {
    const choice = cheapest(runs, count, width);
    if (choice && (!best || choice.cost + (count - least) * EXTRA_LINE < best.cost + (best.lines - least) * EXTRA_LINE)) best = choice;
  }
  // Lines too long to fit (a width below one piece) still come out, one piece a line, for the caller to refuse.
  return best ?? { runs, breaks: Array.from({ length: runs.count - 1 }, (_, piece) => piece + 1), cost: 0, lines: runs.count };
}

/** How far the last line is a widow: 1 for a single letter, 2 for a single character, else 0. */
function widowed({ runs, breaks }: Choice): number {
  const start = breaks.at(-1) ?? 0;
  return breaks.length > 0 ? Number(runs.letters(start, runs.count) < 2) + Number(runs.chars(start, runs.count) < 2) : 0;
}

function inWord({ runs, breaks }: Choice): number {
  return breaks.filter((start) => runs.inWord[start]).length;
}

interface Choice {
  runs: LineRuns;
  /** Indexes of the pieces that start the second, third… line. */
  breaks: number[];
  cost: number;
  lines: number;
}

/** The cheapest way to set the paragraph in exactly `count` lines, or undefined when none fits. */
function cheapest(runs: LineRuns, count: number, width: number): Choice | undefined {
  const mean = runs.length(0, runs.count) / count;
  const found = solve(runs, count, width, mean, HOLE_RATIO * mean);
  if (!found || holes(found) === 0) return found;
  // The hole rule speaks of the longest line, known only once the lines are chosen: solve again against it.
  const again = solve(runs, count, width, mean, HOLE_RATIO * Math.max(...lengths(found)));
  return again && holes(again) < holes(found) ? again : found;
}

function lengths({ runs, breaks }: Choice): number[] {
  const ends = [...breaks, runs.count];
  return ends.map((end, index) => runs.length(index === 0 ? 0 : ends[index - 1]!, end));
}

/** Lines other than the last shorter than HOLE_RATIO of the longest. */
function holes(choice: Choice): number {
  const all = lengths(choice);
  const longest = Math.max(...all);
  return all.slice(0, -1).filter((length) => length < HOLE_RATIO * longest - EPSILON).length;
}

function solve(runs: LineRuns, count: number, width: number, mean: number, hole: number): Choice | undefined {
  const n = runs.count;
  const cost = new Float64Array((count + 1) * (n + 1)).fill(Infinity);
  const from = new Int32Array((count + 1) * (n + 1)).fill(-1);
  const at = (line: number, piece: number) => line * (n + 1) + piece;
  cost[at(0, 0)] = 0;
  for (let line = 0; line < count; line++) {
    const last = line === count - 1;
    for (let start = 0; start < n; start++) {
      const before = cost[at(line, start)]!;
      if (before === Infinity) continue;
      for (let end = start + 1; end <= n; end++) {
        if (end < n && !runs.canStart[end]) continue;
        const length = runs.length(start, end);
        if (length > width + EPSILON) break;
        if ((end === n) !== last) continue;
        // A last line longer than the mean weighs half again: a block reads best narrowing, not widening, at its foot.
        const ragged = 100 * ((length - mean) / mean) ** 2 * (last && length > mean ? 1.5 : 1);
        let penalty = ragged;
        if (last && count > 1) penalty += WIDOW * (Number(runs.letters(start, end) < 2) + Number(runs.chars(start, end) < 2));
        if (!last && length < hole - EPSILON) penalty += HOLE;
        if (end < n) penalty += runs.inWord[end] ? IN_WORD : runs.afterPause[end] ? 0 : IN_PHRASE;
        if (before + penalty < cost[at(line + 1, end)]!) {
          cost[at(line + 1, end)] = before + penalty;
          from[at(line + 1, end)] = start;
        }
      }
    }
  }
  const total = cost[at(count, n)]!;
  if (total === Infinity) return undefined;
  const breaks: number[] = [];
  for (let line = count, piece = n; line > 1; line--) {
    piece = from[at(line, piece)]!;
    breaks.unshift(piece);
  }
  return { runs, breaks, cost: total, lines: count };
}

/** A paragraph's pieces (those longer than a line split) with prefix sums, so any line's length is two subtractions. */
interface LineRuns {
  count: number;
  /** Whether a line may start at each piece (not at a space). */
  canStart: boolean[];
  /** Whether a line starting at each piece cuts a word. */
  inWord: boolean[];
  /** Whether a line starting at each piece follows a space or a pause or stop mark (，。、；：！？). */
  afterPause: boolean[];
  /** em of the line of pieces [start, end), spaces at its end left out. */
  length(start: number, end: number): number;
  /** Letters (neither spaces nor punctuation) in pieces [start, end). */
  letters(start: number, end: number): number;
  /** Characters (code points) in pieces [start, end). */
  chars(start: number, end: number): number;
  line(start: number, end: number): SetLine;
}

/** Each paragraph's runs at widths that split no piece, built once. */
const wholeRuns = new WeakMap<Paragraph, { runs: LineRuns; longest: number }>();

function lineRuns(paragraph: Paragraph, width: number, measure: Measure): LineRuns {
  let whole = wholeRuns.get(paragraph);
  if (!whole) {
    whole = { runs: runsOf(paragraph, paragraph.pieces, measure), longest: longestPiece(paragraph) };
    wholeRuns.set(paragraph, whole);
  }
  return width + EPSILON >= whole.longest ? whole.runs : runsOf(paragraph, fitPieces(paragraph.pieces, width, measure), measure);
}

/** em of the paragraph's longest piece: a line narrower than it must cut one. */
function longestPiece(paragraph: Paragraph): number {
  return Math.max(0, ...paragraph.pieces.map((piece) => (piece.space ? 0 : piece.length)));
}

function runsOf(paragraph: Paragraph, pieces: Piece[], measure: Measure): LineRuns {
  const split: Paragraph = { pieces, boundaries: paragraph.boundaries, atSpaces: paragraph.atSpaces };
  const n = pieces.length;
  const advance = new Float64Array(n + 1);
  const squeezed = new Float64Array(n + 1);
  const letters = new Int32Array(n + 1);
  const chars = new Int32Array(n + 1);
  const trimmed = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    const piece = pieces[i]!;
    advance[i + 1] = advance[i]! + piece.length;
    squeezed[i + 1] = squeezed[i]! + (i > 0 ? measure.squeeze(pieces[i - 1]!.last, piece.first) : 0);
    // Where lines break at spaces, a widow is a last line of one word: words count as the letters do elsewhere.
    letters[i + 1] = letters[i]! + (paragraph.atSpaces ? Number(!piece.space) : letterCount(piece.text));
    chars[i + 1] = chars[i]! + [...piece.text].length;
    trimmed[i + 1] = piece.space ? trimmed[i]! : i + 1;
  }
  const length = (start: number, end: number) => {
    const stop = Math.max(start, trimmed[end]!);
    return stop === start ? 0 : advance[stop]! - advance[start]! - (squeezed[stop]! - squeezed[start + 1]!);
  };
  return {
    count: n,
    canStart: pieces.map((piece) => !piece.space),
    inWord: pieces.map((_, index) => breaksWord(split, index)),
    afterPause: pieces.map((_, index) => index > 0 && (pieces[index - 1]!.space || PAUSES.has(pieces[index - 1]!.last))),
    length,
    letters: (start, end) => letters[end]! - letters[start]!,
    chars: (start, end) => chars[end]! - chars[start]!,
    line: (start, end) => ({ text: textOf(pieces.slice(start, end)), length: length(start, end) }),
  };
}

function textOf(pieces: Piece[]): string {
  return pieces
    .map((piece) => piece.text)
    .join('')
    .trim();
}
