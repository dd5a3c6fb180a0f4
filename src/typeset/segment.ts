import {
  DEFAULT_KINSOKU,
  DOUBLED_MARKS,
  isLatin,
  isGlue,
  isLatinJoiner,
  isSpace,
  noLineEnd,
  noLineStart,
  type KinsokuLevel,
} from './chars.ts';
import { unbreakableRuns } from './words.ts';
import { ZERO_WIDTH_SPACE, graphemes } from './graphemes.ts';

/**
 * An unbreakable piece of a paragraph: a CJK character with the punctuation
 * glued to it, a Latin word or number (`GPT 4`, `10,000`, `63%`), or a space
 * (a break opportunity that disappears at a line's start or end).
 */
export interface Atom {
  text: string;
  space: boolean;
}

/**
 * Cuts a paragraph (no `\n`) into atoms. Closing punctuation sticks to what
 * precedes it and opening brackets to what follows, so no line can start with
 * 」。 or end with 「 (at clreq's `kinsoku` level, strict by default: see
 * chars.ts); the second half of —— and …… sticks to the first. URLs, e-mail
 * addresses, handles and hashtags are atoms of their own. A WORD JOINER or
 * NO-BREAK SPACE glues what is on both sides of it; a ZWSP is a break
 * opportunity of no width. An emoji sequence is one token.
 * `latinWords: false` lets Latin runs break per character (used only when a
 * word is wider than the whole line). `atSpaces: true` (Korean, English; see
 * breaksAtSpaces) makes every run between spaces one atom.
 */
export function segment(
  paragraph: string,
  { latinWords = true, kinsoku = DEFAULT_KINSOKU as KinsokuLevel, atSpaces = false } = {},
): Atom[] {
  const atoms: Atom[] = [];
  let glueNext = false;
  for (const token of atSpaces ? spaceSeparated(paragraph) : tokenize(paragraph, latinWords)) {
    const last = lastWord(atoms);
    if (isSpace(token)) {
      if (glueNext && last !== undefined) atoms[last]!.text += token;
      else if (atoms.length > 0 && !atoms[atoms.length - 1]!.space) atoms.push({ text: token, space: true });
      continue;
    }
    const first = String.fromCodePoint(token.codePointAt(0)!);
    const closes = noLineStart(first, kinsoku);
    const doubles = DOUBLED_MARKS.has(first) && last !== undefined && atoms[last]!.text.endsWith(first);
    if (last !== undefined && (glueNext || closes || doubles || isGlue(token))) {
      // Everything after the last word (a space at most) joins it, with the token.
      const joined = atoms
        .splice(last)
        .map((atom) => atom.text)
        .join('');
      atoms.push({ text: joined + token, space: false });
    } else {
      atoms.push({ text: token, space: false });
    }
    glueNext = isGlue(token) || noLineEnd([...token].at(-1)!, kinsoku);
  }
  while (atoms.at(-1)?.space) atoms.pop();
  return atoms;
}

/**
 * For a language that breaks only at spaces (`atSpaces`: Korean, English):
 * each run between spaces (or ZWSPs) is one token, its punctuation with it.
 */
function spaceSeparated(text: string): string[] {
  const tokens: string[] = [];
  for (const char of text) {
    if (isSpace(char)) tokens.push(char === ZERO_WIDTH_SPACE ? char : ' ');
    else if (tokens.length === 0 || isSpace(tokens.at(-1)!)) tokens.push(char);
    else tokens[tokens.length - 1] += char;
  }
  return tokens;
}

/** Graphemes, Latin runs (letters, digits, joiners and single inner spaces), spaces, and URLs, addresses, handles and hashtags whole. */
function tokenize(text: string, latinWords: boolean): string[] {
  const tokens: string[] = [];
  let done = 0;
  for (const [start, end] of latinWords ? unbreakableRuns(text) : []) {
    tokens.push(...tokenizeRun(text.slice(done, start), latinWords), text.slice(start, end));
    done = end;
  }
  return [...tokens, ...tokenizeRun(text.slice(done), latinWords)];
}

function tokenizeRun(text: string, latinWords: boolean): string[] {
  const chars = graphemes(text);
  const tokens: string[] = [];
  for (let i = 0; i < chars.length; i++) {
    const char = chars[i]!;
    if (isSpace(char)) {
      tokens.push(char === ZERO_WIDTH_SPACE ? char : ' ');
      continue;
    }
    if (!latinWords || !isLatin(char)) {
      tokens.push(char);
      continue;
    }
    let end = i + 1;
    for (;;) {
      const next = chars[end];
      if (next === undefined) break;
      if (isLatin(next)) end++;
      else if (next === '%') end++;
      else if ((isLatinJoiner(next) || next === ' ') && chars[end + 1] !== undefined && isLatin(chars[end + 1]!)) end += 2;
      else break;
    }
    tokens.push(chars.slice(i, end).join(''));
    i = end - 1;
  }
  return tokens;
}

function lastWord(atoms: Atom[]): number | undefined {
  for (let i = atoms.length - 1; i >= 0; i--) if (!atoms[i]!.space) return i;
  return undefined;
}
