import { CJK_PUNCTUATION, DEFAULT_KINSOKU, NO_LINE_START, isLatin, isSpace, type KinsokuLevel } from './chars.ts';
import { graphemes, isZeroWidth } from './graphemes.ts';
import { segment, type Atom } from './segment.ts';
import { breaksAtSpaces, urlParts, wordBoundaries } from './words.ts';

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

/** An atom with its length, its edge characters and where it starts in its paragraph, measured once. */
export interface Piece extends Atom {
  /** em along the line. */
  length: number;
  first: string;
  last: string;
  /** UTF-16 offset of the piece in its paragraph's text (the atoms' texts joined). */
  offset: number;
}

/** A paragraph cut into measured pieces, with the offsets where its words start and end. */
export interface Paragraph {
  pieces: Piece[];
  boundaries: Set<number>;
  /** Whether lines break only at spaces (see breaksAtSpaces): a widow is then a last line of one word. */
  atSpaces: boolean;
}

/** A text cut into measured pieces, ready to be broken at any width. */
export interface Prepared {
  paragraphs: Paragraph[];
  measure: Measure;
}

export interface PrepareOptions {
  /** BCP 47 locale of the word segmenter (default `zh`). */
  locale?: string;
  /** clreq level of line-start and line-end prohibition (default strict). */
  kinsoku?: KinsokuLevel;
}

/**
 * Segments and measures a text once; `\n` starts a new paragraph. The locale
 * decides the rules: Chinese and Japanese break between characters (kinsoku,
 * words and Japanese phrases preferred), Korean and English only at spaces.
 */
export function prepare(text: string, measure: Measure, { locale = 'zh', kinsoku = DEFAULT_KINSOKU }: PrepareOptions = {}): Prepared {
  const atSpaces = breaksAtSpaces(locale);
  return {
    paragraphs: paragraphs(text).map((paragraph) => {
      const atoms = segment(paragraph, { kinsoku, atSpaces });
      return {
        pieces: measureAtoms(atoms, measure),
        boundaries: wordBoundaries(atoms.map((atom) => atom.text).join(''), locale),
        atSpaces,
      };
    }),
    measure,
  };
}

/** Whether a line starting at `pieces[index]` would cut a word (a break after a space never does). */
export function breaksWord(paragraph: Paragraph, index: number): boolean {
  return index > 0 && !paragraph.pieces[index - 1]!.space && !paragraph.boundaries.has(paragraph.pieces[index]!.offset);
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

/** Measures atoms set one after the other from `offset` in their paragraph. */
function measureAtoms(atoms: Atom[], measure: Measure, offset = 0): Piece[] {
  return atoms.map(({ text, space }) => {
    const chars = Array.from(text);
    const piece = { text, space, length: lineLength(text, measure), first: chars[0]!, last: chars[chars.length - 1]!, offset };
    offset += text.length;
    return piece;
  });
}

/**
 * The pieces with each one longer than a whole line split: Latin phrases at
 * spaces, URLs after `/`, `.` or `-`, then per character. The pieces themselves when none is.
 */
export function fitPieces(pieces: Piece[], width: number, measure: Measure): Piece[] {
  if (!pieces.some((piece) => !piece.space && piece.length > width + EPSILON)) return pieces;
  return pieces.flatMap((piece) => {
    if (piece.space || piece.length <= width + EPSILON) return [piece];
    const words = splitAtSpaces(piece, measure);
    if (words.length > 1) return fitPieces(words, width, measure);
    const url = urlParts(piece.text).map((text) => ({ text, space: false }));
    if (url.length > 1) return fitPieces(measureAtoms(url, measure, piece.offset), width, measure);
    const finer = segment(piece.text, { latinWords: false });
    if (finer.length > 1) return fitPieces(measureAtoms(finer, measure, piece.offset), width, measure);
    return measureAtoms(
      graphemes(piece.text).map((char) => ({ text: char, space: isSpace(char) })),
      measure,
      piece.offset,
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
  return atoms.length > 1 ? measureAtoms(atoms, measure, piece.offset) : [piece];
}
