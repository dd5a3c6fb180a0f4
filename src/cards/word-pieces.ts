/**
 * Splitting a text into the pieces a dictionary converts one by one, without
 * letting a dictionary phrase straddle a word boundary.
 *
 * OpenCC splits text by greedy longest match over its phrase dictionary, so a
 * phrase can start inside one word and end inside the next: 前頭 + 發生 is read
 * as 前 + 頭髮 + 生. Here the words come first (Unicode word segmentation, UAX #29,
 * as ICU implements it for Chinese with its dictionary, through Intl.Segmenter),
 * and a phrase may match only where it lies inside one word or covers whole
 * words: 李|开|复 still matches the name 李开复, 前头|发生 no longer matches 头发.
 */

import { wordBoundaries } from '../typeset/words.ts';

/** The part of opencc-js's Trie used here: the longest dictionary entry starting at `offset`. */
export interface PhraseMatcher {
  matchPrefix(text: string, offset: number): { end: number } | null;
}

/**
 * Cuts `text` into phrases of `phrases` (two characters or more) and runs of
 * other characters; every piece lies inside one word or is a phrase made of
 * whole words. A single character is not a phrase: it stays in its run.
 * Words are those of wordBoundaries in `locale` (a BCP 47 tag). Offsets are
 * UTF-16 code units (as Intl.Segmenter and opencc-js count them).
 * Concatenated, the pieces give back `text`.
 */
export function wordPieces(text: string, phrases: PhraseMatcher, locale: string): string[] {
  const boundaries = wordBoundaries(text, locale);
  const ends = [...boundaries].sort((a, b) => a - b);
  let next = 0;
  const pieces: string[] = [];
  let run = -1;
  const endRun = (at: number) => {
    if (run >= 0) pieces.push(text.slice(run, at));
    run = -1;
  };
  for (let i = 0; i < text.length;) {
    while (ends[next]! <= i) next++;
    const end = ends[next]!;
    const match = longestPhrase(text, i, end, boundaries, phrases);
    if (match !== undefined && [...text.slice(i, match)].length > 1) {
      endRun(i);
      pieces.push(text.slice(i, match));
      i = match;
      continue;
    }
    if (run < 0) run = i;
    i += text.codePointAt(i)! > 0xffff ? 2 : 1;
    if (i >= end) endRun(i);
  }
  endRun(text.length);
  return pieces;
}

/**
 * The end of the longest phrase at `start` that stays inside the word ending
 * at `wordEnd` or, when `start` begins a word, ends on a word boundary.
 */
function longestPhrase(text: string, start: number, wordEnd: number, boundaries: Set<number>, phrases: PhraseMatcher) {
  let limit = boundaries.has(start) ? text.length : wordEnd;
  for (;;) {
    const match = phrases.matchPrefix(limit === text.length ? text : text.slice(0, limit), start);
    if (!match) return undefined;
    if (match.end <= wordEnd || boundaries.has(match.end)) return match.end;
    // The phrase ends inside a later word: look again, up to the last boundary before its end.
    limit = match.end - 1;
    while (!boundaries.has(limit)) limit--;
  }
}
