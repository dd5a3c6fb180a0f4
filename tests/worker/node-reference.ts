/**
 * Runs in Node before the Worker tests: renders the parity requests with the
 * Node app (native resvg-js, fonts from disk) and hands the answers to the
 * tests inside workerd, which compare the Worker's answers with them.
 */
import { readFile, stat } from 'node:fs/promises';
import type { TestProject } from 'vitest/node';
import { convertText } from '../../src/cards/convert.ts';
import { FONT_FILES } from '../../src/cards/fonts.ts';
import { LANGS } from '../../src/cards/options.ts';
import { parseQuotes } from '../../src/cards/quotes.ts';
import { CONVERSION_CASES, words } from '../conversion-cases.ts';
import { createNodeApp } from '../../src/node/app.ts';
import { PARITY_ORIGIN, PARITY_REQUESTS, answerOf, type NodeAnswer } from './parity-requests.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    nodeAnswers: Record<string, NodeAnswer>;
    fontFileSizes: Record<string, number>;
    /** Node's conversion of each bundled quote text, name and title, by `${lang}\0${text}`. */
    nodeConversions: Record<string, string>;
    /** Node's word boundaries (see words()) of each corpus text and bundled quote. */
    nodeWords: Record<string, string>;
  }
}

export default async function setup(project: TestProject) {
  const { app } = createNodeApp();
  const nodeAnswers: Record<string, NodeAnswer> = {};
  for (const path of PARITY_REQUESTS) nodeAnswers[path] = await answerOf(await app.request(PARITY_ORIGIN + path));
  project.provide('nodeAnswers', nodeAnswers);

  const fontFileSizes: Record<string, number> = {};
  for (const font of FONT_FILES) fontFileSizes[font.file] = (await stat(new URL(`../../fonts/${font.file}`, import.meta.url))).size;
  project.provide('fontFileSizes', fontFileSizes);

  const nodeConversions: Record<string, string> = {};
  const nodeWords: Record<string, string> = {};
  for (const quote of parseQuotes(await readFile(new URL('../../quotes.json', import.meta.url), 'utf8'))) {
    for (const lang of LANGS)
      for (const text of [quote.text, quote.speaker.name, quote.source.title])
        nodeConversions[`${lang}\u0000${text}`] = convertText(text, quote.lang, lang);
    nodeWords[quote.text] = words(quote.text, quote.lang);
  }
  for (const c of CONVERSION_CASES) nodeWords[c.text] = words(c.text, c.from);
  project.provide('nodeConversions', nodeConversions);
  project.provide('nodeWords', nodeWords);
}
