import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import opentype from 'opentype.js';
import { describe, expect, it } from 'vitest';
import { LANGS, SIZES, type SizeName } from '../src/cards/options.ts';
import { NO_LINE_END, NO_LINE_START } from '../src/typeset/chars.ts';
import { horizontalMeasure, typeset } from '../src/typeset/fit.ts';
import { lineLength, paragraphs } from '../src/typeset/lines.ts';
import { fontMetrics } from '../src/typeset/metrics.ts';
import { segment } from '../src/typeset/segment.ts';
import { verticalMeasure } from '../src/typeset/vertical.ts';
import { TEMPLATES, TEMPLATE_NAMES } from '../templates/index.ts';
import { renderer } from './helpers.ts';
import { ruleViolations, withoutSpaces } from './typeset-rules.ts';

const quotes = JSON.parse(readFileSync(new URL('../quotes.json', import.meta.url), 'utf8'));
const font = (file: string) => {
  const bytes = readFileSync(new URL(`../fonts/${file}`, import.meta.url));
  return fontMetrics(opentype.parse(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer));
};
const METRICS = { sans: font('sans-hant-400.otf'), kai: font('kai-hant-400.ttf'), serif: font('serif-hant-400.ttf') };

describe('every bundled quote in every template, size and language', () => {
  it('is set by the rules: no forbidden line start or end, no widow, every line inside the box, all lines fit', async () => {
    const problems: string[] = [];
    let cards = 0;
    for (const quote of quotes) {
      for (const template of TEMPLATE_NAMES) {
        for (const size of Object.keys(SIZES) as SizeName[]) {
          for (const lang of LANGS) {
            const card = await renderer.compose(quote, { template, size, lang, theme: 'light', scale: 1 });
            const box = TEMPLATES[template].textBox(card.canvas);
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
            if (lang !== 'zh-Hans') problems.push(...ruleViolations(measured, along + 0.5).map((problem) => `${where}: ${problem}`));
            else problems.push(...ruleViolations(layout.lines, along).map((problem) => `${where}: ${problem}`));
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
    expect(cards).toBe(quotes.length * TEMPLATE_NAMES.length * 3 * LANGS.length);
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
        kept.every((paragraph) => !NO_LINE_START.has(paragraph[0]!) && !NO_LINE_END.has([...paragraph].at(-1)!))
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
        expect(ruleViolations(lines, width * 20)).toEqual([]);
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
        expect(ruleViolations(layout.lines, height * 20)).toEqual([]);
        expect(withoutSpaces(layout.lines.map((line) => line.text).join(''))).toBe(withoutSpaces(text));
      }),
      { numRuns: 200 },
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
