import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import opentype from 'opentype.js';
import { describe, expect, it } from 'vitest';
import { CHINESE_LANGS, SIZES, type SizeName } from '../src/cards/options.ts';
import { noLineEnd, noLineStart } from '../src/typeset/chars.ts';
import { horizontalMeasure, typeset } from '../src/typeset/fit.ts';
import { lineLength, paragraphs } from '../src/typeset/lines.ts';
import { fontMetrics } from '../src/typeset/metrics.ts';
import { segment } from '../src/typeset/segment.ts';
import { verticalMeasure } from '../src/typeset/vertical.ts';
import { TEMPLATES, TEMPLATE_NAMES } from '../templates/index.ts';
import { breaksInsideWords } from '../src/typeset/words.ts';
import { HOLE_RATIO } from '../src/typeset/breaker.ts';
import { ATTRIBUTION_SHARE, quoteBox } from '../templates/hierarchy.ts';
import { renderer } from './helpers.ts';
import { letterCount, ruleViolations, withoutSpaces } from './typeset-rules.ts';

const quotes = JSON.parse(readFileSync(new URL('../quotes.json', import.meta.url), 'utf8'));
const font = (file: string) => {
  const bytes = readFileSync(new URL(`../fonts/${file}`, import.meta.url));
  return fontMetrics(opentype.parse(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer));
};
const METRICS = { sans: font('sans-hant-400.otf'), kai: font('kai-hant-400.ttf'), serif: font('serif-hant-400.ttf') };

describe('every bundled quote in every template, size and language', () => {
  it('is set by the rules: no forbidden line start or end, no widow, every line inside the box, all lines fit', async () => {
    const problems: string[] = [];
    const figures = { cards: 0, breaks: 0, breaksInsideWords: 0, kinsokuFaults: 0, widows: 0, holes: 0, attributionNotSmaller: 0 };
    let cards = 0;
    for (const quote of quotes) {
      for (const template of TEMPLATE_NAMES) {
        for (const size of Object.keys(SIZES) as SizeName[]) {
          for (const lang of CHINESE_LANGS) {
            const card = await renderer.compose(quote, { template, size, lang, theme: 'light', scale: 1 });
            const box = quoteBox(TEMPLATES[template], card.canvas);
            const { layout } = card;
            const vertical = layout.direction === 'vertical';
            const along = vertical ? box.height : box.width;
            const across = vertical ? box.width : box.height;
            const where = `${quote.id} ${template} ${size} ${lang}`;
            // Measured again, whole lines at once, from the font's advances (Traditional metrics serve both scripts' widths).
            const metrics = METRICS[TEMPLATES[template].face];
            const options = { centreMarks: lang !== 'zh-Hans' };
            const measure = vertical ? verticalMeasure(metrics, options) : horizontalMeasure(metrics, options);
            const measured = layout.lines.map((line) => ({ text: line.text, length: lineLength(line.text, measure) * layout.fontSize }));
            const violations = lang !== 'zh-Hans' ? ruleViolations(measured, along + 0.5) : ruleViolations(layout.lines, along);
            problems.push(...violations.map((problem) => `${where}: ${problem}`));
            const texts = layout.lines.map((line) => line.text);
            // The figures of the closing note: breaks inside words (by the segmenter), strict kinsoku, widows, holes, hierarchy.
            const inside = breaksInsideWords(card.text, texts, lang);
            if (inside !== layout.breaksInsideWords)
              problems.push(`${where}: reports ${layout.breaksInsideWords} in-word breaks, has ${inside}`);
            const longest = Math.max(...layout.lines.map((line) => line.length));
            const holes = layout.lines.slice(0, -1).filter((line) => line.length < HOLE_RATIO * longest - 0.5);
            const widow = texts.length > 1 && letterCount(texts.at(-1)!) < 2;
            const smaller =
              card.attribution.fontSize <= ATTRIBUTION_SHARE * layout.fontSize &&
              (!card.attributionEn || card.attributionEn.fontSize < card.attribution.fontSize);
            if (holes.length > 0) problems.push(`${where}: holes ${holes.map((line) => line.text).join(' / ')}`);
            if (widow) problems.push(`${where}: widow ${texts.at(-1)}`);
            if (!smaller) problems.push(`${where}: attribution ${card.attribution.fontSize}px beside a quote of ${layout.fontSize}px`);
            figures.cards++;
            figures.breaks += texts.length - 1;
            figures.breaksInsideWords += inside;
            figures.kinsokuFaults += violations.filter((problem) => / (starts|ends) with /.test(problem)).length;
            figures.widows += Number(widow);
            figures.holes += holes.length;
            figures.attributionNotSmaller += Number(!smaller);
            if (layout.lines.length * layout.lineHeight > across + 0.01)
              problems.push(`${where}: ${layout.lines.length} lines overflow the box`);
            if (layout.fontSize < box.minFontSize || layout.fontSize > box.maxFontSize)
              problems.push(`${where}: font size ${layout.fontSize} out of range`);
            if (withoutSpaces(layout.lines.map((line) => line.text).join('')) !== withoutSpaces(card.text))
              problems.push(`${where}: text changed`);
            const attribution = card.attribution.lines.map((line) => line.text);
            const whole = [`${card.speaker}，${card.source}`];
            if (
              JSON.stringify(attribution) !== JSON.stringify(whole) &&
              JSON.stringify(attribution) !== JSON.stringify([card.speaker, card.source])
            ) {
              problems.push(`${where}: attribution broken inside a name: ${attribution.join(' / ')}`);
            }
            cards++;
          }
        }
      }
    }
    expect(cards).toBe(quotes.length * TEMPLATE_NAMES.length * 3 * CHINESE_LANGS.length);
    const share = figures.breaksInsideWords / figures.breaks;
    console.log(`Line breaking over every bundled card: ${JSON.stringify({ ...figures, shareInsideWords: share.toFixed(4) })}`);
    expect(share).toBeLessThanOrEqual(0.03);
    expect(problems).toEqual([]);
  });
});

describe('generated texts', () => {
  const han = [...'人工智能我們的是在一個中國世界未來技術問題時間工作學習信任靈魂創新需求數據'];
  const token = fc.oneof(
    { weight: 12, arbitrary: fc.constantFrom(...han) },
    { weight: 3, arbitrary: fc.constantFrom(...'，。、；：！？」』）》') },
    { weight: 2, arbitrary: fc.constantFrom(...'「『（《') },
    { weight: 1, arbitrary: fc.constantFrom('……', '——') },
    { weight: 2, arbitrary: fc.constantFrom('GPT 4', 'OpenAI', '10,000', '63%', 'Hugging Face', ' Word ', '2024') },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        '50％',
        '3‰',
        '20℃',
        '￥30',
        '$5',
        '@quotecards',
        '＃話題',
        ' https://example.com/a-b/c ',
        ' hi@example.com ',
      ),
    },
    { weight: 1, arbitrary: fc.constant('\n') },
  );
  const text = fc
    .array(token, { minLength: 1, maxLength: 160 })
    .map((tokens) => tokens.join(''))
    .filter((text) => {
      const kept = paragraphs(text);
      // A last paragraph of one character cannot avoid a one-character last line.
      // A space right after an opening bracket glues them to the next word, which can leave nothing to pull down.
      if (/[「『（《] /.test(text)) return false;
      return (
        kept.length > 0 &&
        [...withoutSpaces(kept.at(-1)!)].length >= 2 &&
        kept.every((paragraph) => !noLineStart(paragraph[0]!) && !noLineEnd([...paragraph].at(-1)!))
      );
    });

  it('keep the rules at any width wide enough for their longest unbreakable run', () => {
    const measure = horizontalMeasure(METRICS.sans);
    fc.assert(
      fc.property(text, fc.integer({ min: 1, max: 12 }), (text, extra) => {
        const longest = Math.max(
          ...paragraphs(text).flatMap((paragraph) => segment(paragraph).map((atom) => lineLength(atom.text, measure))),
        );
        const width = Math.ceil(longest) + extra;
        const layout = typeset(
          text,
          { width: width * 20, height: 100_000, minFontSize: 20, maxFontSize: 20, lineHeight: 1.5 },
          METRICS.sans,
        );
        const lines = layout.lines.map((line) => ({ text: line.text, length: line.length }));
        expect(ruleViolations(lines, width * 20, { text, lengthOf: (line) => lineLength(line, measure) * 20 })).toEqual([]);
        expect(withoutSpaces(lines.map((line) => line.text).join(''))).toBe(withoutSpaces(text));
        expect(layout.lines.length).toBeGreaterThanOrEqual(paragraphs(text).length);
      }),
      { numRuns: 300 },
    );
  });

  it('keep the rules in columns too', () => {
    const measure = verticalMeasure(METRICS.kai);
    fc.assert(
      fc.property(text, fc.integer({ min: 1, max: 12 }), (text, extra) => {
        const longest = Math.max(...paragraphs(text).flatMap((paragraph) => segment(paragraph).map((atom) => measure.length(atom.text))));
        const height = Math.ceil(longest) + extra;
        const layout = typeset(
          text,
          { width: 100_000, height: height * 20, minFontSize: 20, maxFontSize: 20, lineHeight: 1.5 },
          METRICS.kai,
          'vertical',
        );
        expect(ruleViolations(layout.lines, height * 20, { text, lengthOf: (line) => measure.length(line) * 20 })).toEqual([]);
        expect(withoutSpaces(layout.lines.map((line) => line.text).join(''))).toBe(withoutSpaces(text));
      }),
      // An e-mail address that cannot share a column with the last character: a forced one-character column.
      { numRuns: 200, examples: [[' hi@example.com 人', 1]] },
    );
  });

  it('fit the box or throw, never overflow it', () => {
    fc.assert(
      fc.property(text, fc.integer({ min: 200, max: 1200 }), fc.integer({ min: 60, max: 800 }), (text, width, height) => {
        const box = { width, height, minFontSize: 16, maxFontSize: 60, lineHeight: 1.6 };
        let layout;
        try {
          layout = typeset(text, box, METRICS.sans);
        } catch (error) {
          expect((error as Error).name).toBe('TextDoesNotFitError');
          return;
        }
        expect(layout.lines.length * layout.lineHeight).toBeLessThanOrEqual(height + 0.01);
        for (const line of layout.lines) expect(line.length).toBeLessThanOrEqual(width + 0.01);
      }),
      { numRuns: 200 },
    );
  });
});
