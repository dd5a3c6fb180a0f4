import { DOUBLED_MARKS, noLineEnd, noLineStart } from '../src/typeset/chars.ts';
import { letterCount } from '../src/typeset/lines.ts';
import { segment } from '../src/typeset/segment.ts';

/**
 * Every way a set of lines breaks the typesetting rules, as readable strings
 * (empty when all hold): a line after the first starts with what clreq's strict
 * level forbids there (closing punctuation, a unit such as ％, —— or ……) or
 * ends with what it forbids there (an opening bracket, a currency sign, ＃ # @),
 * is longer than `width`, or the last line has fewer than two characters.
 * Given `forced` (the text that was set, and the length of a text along the line
 * in the unit of `width`), a one-character last line is allowed where it is
 * forced: when the unbreakable piece that ends the line before cannot share a
 * line with it.
 */
export function ruleViolations(
  lines: readonly { text: string; length: number }[],
  width: number,
  forced?: { text: string; lengthOf: (text: string) => number },
): string[] {
  const problems: string[] = [];
  lines.forEach((line, index) => {
    const chars = [...line.text];
    const first = chars[0] ?? '';
    const previous = index > 0 ? [...lines[index - 1]!.text].at(-1) : undefined; // an odd run of —/… before means a pair was split
    // The first line may start with anything: nothing precedes it to pull up.
    if (index > 0 && noLineStart(first, 'strict')) problems.push(`line ${index + 1} starts with ${first}: ${line.text}`);
    if (DOUBLED_MARKS.has(first) && previous === first && trailingRun(lines[index - 1]!.text, first) % 2 === 1) {
      problems.push(`line ${index + 1} splits ${first}${first}: ${line.text}`);
    }
    if (noLineEnd(chars.at(-1) ?? '', 'strict')) problems.push(`line ${index + 1} ends with ${chars.at(-1)}: ${line.text}`);
    if (line.length > width + 0.01) problems.push(`line ${index + 1} is ${line.length} long, over ${width}: ${line.text}`);
  });
  const last = lines.at(-1);
  if (lines.length > 1 && last && [...last.text].length < 2 && !(forced && widowIsForced(lines, width, forced))) {
    problems.push(`last line has one character: ${last.text}`);
  }
  return problems;
}

/** Whether the last unbreakable piece of the line before the last is too long to join the last line. */
function widowIsForced(
  lines: readonly { text: string }[],
  width: number,
  { text, lengthOf }: { text: string; lengthOf: (text: string) => number },
): boolean {
  const piece = segment(lines.at(-2)!.text)
    .filter((atom) => !atom.space)
    .at(-1)?.text;
  if (piece === undefined) return false;
  const last = lines.at(-1)!.text;
  // Set as in the source: with the space between them, if there was one.
  const joined = text.includes(`${piece} ${last}`) ? `${piece} ${last}` : piece + last;
  return lengthOf(joined) > width + 0.01;
}

/** How many times `mark` ends `text` in a row. */
function trailingRun(text: string, mark: string): number {
  const chars = [...text];
  let count = 0;
  while (chars.at(-1 - count) === mark) count++;
  return count;
}

/** The text with all whitespace removed, to compare what was set with what was given. */
export function withoutSpaces(text: string): string {
  return text.replace(/\s/g, '');
}

export { letterCount };
