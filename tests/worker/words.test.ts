import { expect, inject, it } from 'vitest';
import { segment } from '../../src/typeset/segment.ts';
import { words } from '../../src/typeset/words.ts';

const nodeWords = inject('nodeWords');

/** Offsets where the words start, 0 first. */
function starts(parts: readonly string[]): number[] {
  let offset = 0;
  return parts.map((part) => ((offset += part.length), offset - part.length));
}

// Line breaks come from word boundaries, so a card breaks the same on the Worker
// only if workerd's ICU finds the same boundaries as Node's wherever a line may break.
it('finds the same word boundaries as Node at every place a line may break, in every bundled quote and language', () => {
  expect(nodeWords.length).toBeGreaterThan(100);
  const differing: string[] = [];
  for (const { lang, text, words: expected } of nodeWords) {
    const atoms = segment(text).map((atom) => atom.text);
    expect(atoms.join('')).toBe(text);
    const inNode = new Set(starts(expected));
    const inWorker = new Set(starts(words(text, lang)));
    for (const offset of starts(atoms)) {
      if (inNode.has(offset) !== inWorker.has(offset))
        differing.push(`${lang} at ${offset}: ${text.slice(offset - 4, offset)}|${text.slice(offset, offset + 4)}`);
    }
  }
  expect(differing).toEqual([]);
});

it('cuts the bundled quotes into the same words as Node but for one pinned difference inside an unbreakable Latin word', () => {
  const differing = nodeWords.flatMap(({ lang, text, words: expected }) => {
    const found = words(text, lang);
    const only = (parts: string[], other: string[]) => parts.filter((part) => !other.includes(part));
    return JSON.stringify(found) === JSON.stringify(expected)
      ? []
      : [`${lang}: Node ${only(expected, found).join(' ')}, workerd ${only(found, expected).join(' ')}`];
  });
  // workerd's ICU splits ZeroOne.ai at the full stop, Node 20's does not; segment.ts keeps the Latin word whole either way.
  expect(differing).toEqual([
    'zh-Hant: Node ZeroOne.ai, workerd ZeroOne . ai',
    'zh-HK: Node ZeroOne.ai, workerd ZeroOne . ai',
    'zh-Hans: Node ZeroOne.ai, workerd ZeroOne . ai',
  ]);
});

it('has Intl.Segmenter with Chinese words, not one segment per character', () => {
  expect(words('人工智能首次應用於計算機', 'zh-Hant')).toEqual(['人工', '智能', '首次', '應用於', '計算機']);
});
