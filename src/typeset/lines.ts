import { CJK_PUNCTUATION, NO_LINE_START, isLatin, isSpace } from './chars.ts';
import { graphemes, isZeroWidth } from './graphemes.ts';
import { segment, type Atom } from './segment.ts';

/** How long text is along a line, in em: horizontal advance, or the length of a column. */
export interface Measure {
  length(text: string): number;
  /** How much closer two adjacent characters are set than their advances (punctuation squeezing). */
  squeeze(before: string, after: string): number;
  /** px-free offset (em) at which a mark is drawn, when it is moved off its place in the font. */
  shift?(char: string): { x: number; y: number } | undefined;
}

/** A line as broken: its text and its length in em (squeezing included). */
export interface SetLine {
  text: string;
  length: number;
}

/** An atom with its length and its edge characters, measured once. */
interface Piece extends Atom {
  length: number;
  first: string;
  last: string;
}

/** A text cut into measured pieces, ready to be broken at any width. */
export interface Prepared {
  paragraphs: Piece[][];
  measure: Measure;
}

/** Segments and measures a text once; `\n` starts a new paragraph. */
export function prepare(text: string, measure: Measure): Prepared {
  return { paragraphs: paragraphs(text).map((paragraph) => measureAtoms(segment(paragraph), measure)), measure };
}

/**
 * Breaks prepared text (see prepare) into lines no longer than `width` em. Within a paragraph, lines
 * break only between atoms (see segment), and the last line is given at
 * least two letters (no widow) where possible.
 */
export function breakText(prepared: Prepared, width: number): SetLine[] {
  return prepared.paragraphs.flatMap((pieces) => breakParagraph(pieces, width, prepared.measure));
}

/** The length of the longest unbreakable piece: below it, lines would break inside words. */
export function longestPiece(prepared: Prepared): number {
  return Math.max(0, ...prepared.paragraphs.flat().map((piece) => (piece.space ? 0 : piece.length)));
}

/** The paragraphs of a text: split at `\n`, trimmed, empty ones dropped. */
export function paragraphs(text: string): string[] {
  return text
    .split('\n')
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph.length > 0);
}

/** The length of a line of text along the line, squeezing included. */
export function lineLength(text: string, measure: Measure): number {
  const chars = [...text];
  let length = measure.length(text);
  for (let i = 1; i < chars.length; i++) length -= measure.squeeze(chars[i - 1]!, chars[i]!);
  return length;
}

/** Graphemes that count towards a line's weight: neither spaces, zero-width characters nor punctuation. */
export function letterCount(text: string): number {
  return graphemes(text).filter((char) => !isSpace(char) && !isZeroWidth(char) && !NO_LINE_START.has(char) && !CJK_PUNCTUATION.has(char))
    .length;
}

/** Tiny tolerance for floating-point sums of advances. */
const EPSILON = 1e-6;

function measureAtoms(atoms: Atom[], measure: Measure): Piece[] {
  return atoms.map(({ text, space }) => {
    const chars = Array.from(text);
    return { text, space, length: lineLength(text, measure), first: chars[0]!, last: chars[chars.length - 1]! };
  });
}

function breakParagraph(pieces: Piece[], width: number, measure: Measure): SetLine[] {
  if (pieces.some((piece) => !piece.space && piece.length > width + EPSILON)) pieces = splitLong(pieces, width, measure);
  // Lines keep the space they broke at (at their end); it is trimmed on output.
  const lines: Piece[][] = [];
  let line: Piece[] = [];
  let length = 0;
  for (const piece of pieces) {
    const added = length + piece.length - (line.length > 0 ? measure.squeeze(line.at(-1)!.last, piece.first) : 0);
    if (line.length > 0 && !piece.space && added > width + EPSILON) {
      lines.push(line);
      line = [piece];
      length = piece.length;
    } else {
      line.push(piece);
      length = added;
    }
  }
  if (line.length > 0) lines.push(line);
  avoidWidow(lines, width, measure);
  return lines.map((pieces) => ({ text: textOf(pieces), length: lengthOf(pieces, measure) }));
}

/** Splits pieces longer than a whole line: Latin phrases at spaces, then per character. */
function splitLong(pieces: Piece[], width: number, measure: Measure): Piece[] {
  return pieces.flatMap((piece) => {
    if (piece.space || piece.length <= width + EPSILON) return [piece];
    const words = splitAtSpaces(piece, measure);
    if (words.length > 1) return splitLong(words, width, measure);
    const finer = segment(piece.text, { latinWords: false });
    if (finer.length > 1) return splitLong(measureAtoms(finer, measure), width, measure);
    return measureAtoms(
      graphemes(piece.text).map((char) => ({ text: char, space: isSpace(char) })),
      measure,
    );
  });
}

/** A Latin phrase's words and the spaces between them (the piece alone when it has no space between two words). */
function splitAtSpaces(piece: Piece, measure: Measure): Piece[] {
  const chars = [...piece.text];
  const atoms: Atom[] = [];
  let word = '';
  chars.forEach((char, index) => {
    if (char === ' ' && index > 0 && isLatin(chars[index - 1]!) && isLatin(chars[index + 1] ?? '')) {
      atoms.push({ text: word, space: false }, { text: ' ', space: true });
      word = '';
    } else {
      word += char;
    }
  });
  atoms.push({ text: word, space: false });
  return atoms.length > 1 ? measureAtoms(atoms, measure) : [piece];
}

function textOf(pieces: Piece[]): string {
  return pieces
    .map((piece) => piece.text)
    .join('')
    .trim();
}

/** Length of a line without its trailing space. */
function lengthOf(pieces: Piece[], measure: Measure): number {
  let end = pieces.length;
  while (end > 0 && pieces[end - 1]!.space) end--;
  let start = 0;
  while (start < end && pieces[start]!.space) start++;
  let length = 0;
  for (let i = start; i < end; i++) length += pieces[i]!.length - (i > start ? measure.squeeze(pieces[i - 1]!.last, pieces[i]!.first) : 0);
  return length;
}

/** Moves pieces down from the line before until the last line holds two letters. */
function avoidWidow(lines: Piece[][], width: number, measure: Measure): void {
  while (lines.length >= 2) {
    const last = lines.at(-1)!;
    const before = lines.at(-2)!;
    if (letterCount(textOf(last)) >= 2) return;
    let cut = before.length - 1;
    while (cut > 0 && before[cut]!.space) cut--;
    const candidate = [...before.slice(cut), ...last];
    if (cut === 0 || lengthOf(candidate, measure) > width + EPSILON) {
      // A phrase such as `GPT 4 Word` may give its last word rather than leave a widow.
      const words = splitAtSpaces(before[cut]!, measure);
      if (words.length < 2) return;
      lines[lines.length - 2] = [...before.slice(0, cut), ...words, ...before.slice(cut + 1)];
      continue;
    }
    lines[lines.length - 2] = before.slice(0, cut);
    lines[lines.length - 1] = candidate;
  }
}
