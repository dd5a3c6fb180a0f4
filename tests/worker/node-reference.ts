/**
 * Runs in Node before the Worker tests: renders the parity requests with the
 * Node app (native resvg-js, fonts from disk) and hands the answers to the
 * tests inside workerd, which compare the Worker's answers with them.
 */
import { readFile } from 'node:fs/promises';
import type { TestProject } from 'vitest/node';
import { convertText } from '../../src/cards/convert.ts';
import { FONT_FILES } from '../../src/cards/fonts.ts';
import { CHINESE_LANGS } from '../../src/cards/options.ts';
import { createNodeApp, readQuotesFile } from '../../src/node/app.ts';
import { words } from '../../src/typeset/words.ts';
import { CONVERSION_CASES } from '../conversion-cases.ts';
import { PARITY_ORIGIN, PARITY_REQUESTS, answerOf, sha256, type NodeAnswer } from './parity-requests.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    nodeAnswers: Record<string, NodeAnswer>;
    /** SHA-256 (hex) of each subset font in fonts/. */
    fontFileHashes: Record<string, string>;
    /** Every bundled quote in every language, cut into words by Node's Intl.Segmenter. */
    nodeWords: { lang: string; text: string; words: string[] }[];
    /** Node's conversion of each bundled quote text, name and title, by `${lang}\0${text}`. */
    nodeConversions: Record<string, string>;
    /** Each text of the conversion corpus with the language it is written in, cut into words by Node's Intl.Segmenter. */
    nodeCorpusWords: { lang: string; text: string; words: string[] }[];
  }
}

export default async function setup(project: TestProject) {
  const { app } = createNodeApp();
  const nodeAnswers: Record<string, NodeAnswer> = {};
  for (const path of PARITY_REQUESTS) nodeAnswers[path] = await answerOf(await app.request(PARITY_ORIGIN + path));
  project.provide('nodeAnswers', nodeAnswers);

  const fontFileHashes: Record<string, string> = {};
  for (const font of FONT_FILES)
    fontFileHashes[font.file] = await sha256(await readFile(new URL(`../../fonts/${font.file}`, import.meta.url)));
  project.provide('fontFileHashes', fontFileHashes);

  project.provide(
    'nodeWords',
    readQuotesFile().flatMap((quote) =>
      CHINESE_LANGS.map((lang) => {
        const text = convertText(quote.text, quote.lang, lang);
        return { lang, text, words: words(text, lang) };
      }),
    ),
  );

  const nodeConversions: Record<string, string> = {};
  for (const quote of readQuotesFile())
    for (const lang of CHINESE_LANGS)
      for (const text of [quote.text, quote.speaker.name, quote.source.title])
        nodeConversions[`${lang}\u0000${text}`] = convertText(text, quote.lang, lang);
  project.provide('nodeConversions', nodeConversions);
  project.provide(
    'nodeCorpusWords',
    CONVERSION_CASES.map(({ from, text }) => ({ lang: from, text, words: words(text, from) })),
  );
}
