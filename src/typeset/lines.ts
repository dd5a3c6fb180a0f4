import { CJK_PUNCTUATION, NO_LINE_START, isSpace } from './chars.ts';
import { segment, type Atom } from './segment.ts';

/** How long text is along a line, in em: horizontal advance, or the length of a column. */
export interface Measure {
  length(text: string): number;
  /** How much closer two adjacent characters are set than their advances (punctuation squeezing). */
  squeeze(before: string, after: string): number;
}

/**
 * Breaks text into lines no longer than `width` em. Each `\n` starts a new
 * paragraph; within one, lines break only between atoms (see segment), and
 * the last line is given at least two characters (no widow) where possible.
 */
export function breakText(text: string, width: number, measure: Measure): string[] {
  return paragraphs(text).flatMap((paragraph) => breakParagraph(paragraph, width, measure));
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

function breakParagraph(paragraph: string, width: number, measure: Measure): string[] {
  const atoms = fitAtoms(segment(paragraph), width, measure);
  // Lines keep the space they broke at (at their end); text() trims it.
  const lines: Atom[][] = [];
  let line: Atom[] = [];
  let length = 0;
  for (const atom of atoms) {
    const added = lengthAfter(line, length, atom, measure);
    if (line.length > 0 && !atom.space && added > width + EPSILON) {
      lines.push(line);
      line = [atom];
      length = lineLength(atom.text, measure);
    } else {
      line.push(atom);
      length = added;
    }
  }
  if (line.length > 0) lines.push(line);
  avoidWidow(lines, width, measure);
  return lines.map(text);
}

function text(atoms: Atom[]): string {
  return atoms.map((atom) => atom.text).join('').trim();
}

/** Tiny tolerance for floating-point sums of advances. */
const EPSILON = 1e-6;

function lengthAfter(line: Atom[], length: number, atom: Atom, measure: Measure): number {
  const previous = line.at(-1);
  const squeeze = previous ? measure.squeeze([...previous.text].at(-1)!, [...atom.text][0]!) : 0;
  return length + lineLength(atom.text, measure) - squeeze;
}

/** Splits atoms longer than a whole line: Latin phrases at spaces, then per character. */
function fitAtoms(atoms: Atom[], width: number, measure: Measure): Atom[] {
  return atoms.flatMap((atom) => {
    if (atom.space || lineLength(atom.text, measure) <= width + EPSILON) return [atom];
    const finer = segment(atom.text, { latinWords: false });
    if (finer.length > 1) return fitAtoms(finer, width, measure);
    return [...atom.text].map((char) => ({ text: char, space: isSpace(char) }));
  });
}

/** Characters that count towards a line's weight: neither spaces nor punctuation. */
export function letterCount(text: string): number {
  return [...text].filter((char) => !isSpace(char) && !NO_LINE_START.has(char) && !CJK_PUNCTUATION.has(char)).length;
}

/** Moves atoms down from the line before until the last line holds two letters. */
function avoidWidow(lines: Atom[][], width: number, measure: Measure): void {
  while (lines.length >= 2) {
    const last = lines.at(-1)!;
    const before = lines.at(-2)!;
    if (letterCount(text(last)) >= 2) return;
    let cut = before.length - 1;
    while (cut > 0 && before[cut]!.space) cut--;
    if (cut === 0) return;
    const candidate = [...before.slice(cut), ...last];
    if (lineLength(text(candidate), measure) > width + EPSILON) return;
    lines[lines.length - 2] = before.slice(0, cut);
    lines[lines.length - 1] = candidate;
  }
}
