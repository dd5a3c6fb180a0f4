import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkFitOnce } from '../src/node/fit-verdicts.ts';
import { createNodeApp, readQuotesFile } from '../src/node/app.ts';
import type { Quote } from '../src/cards/quotes.ts';
import { TEMPLATE_NAMES } from '../templates/index.ts';
import { getJson, renderer } from './helpers.ts';

const ID = 'trust-is-the-key-skill';

describe('GET /cards/:id.json (the layout report)', () => {
  it.each(TEMPLATE_NAMES)('reports how the %s template set the card', async (template) => {
    const { res, body } = await getJson(`/cards/${ID}.json?template=${template}&size=story&lang=zh-Hans`);
    expect(res.status).toBe(200);
    expect(body).toMatchObject({
      id: ID,
      template,
      size: 'story',
      lang: 'zh-Hans',
      theme: 'light',
      scale: 1,
      canvas: { width: 1080, height: 1920 },
    });
    expect(body.direction).toBe(template === 'vertical' ? 'vertical' : 'horizontal');
    expect(body.fontSize).toBeGreaterThanOrEqual(body.fontSizeRange.min);
    expect(body.fontSize).toBeLessThanOrEqual(body.fontSizeRange.max);
    expect(body.lineHeight).toBeGreaterThan(body.fontSize);
    expect(body.lines.join('').replace(/\s/g, '')).toBe(body.text.replace(/\s/g, ''));
    // In Simplified script: 赢得, not 贏得.
    expect(body.text).toContain('赢得');
    expect(body.attribution.lines).toEqual(['李开复，财富创新论坛']);
    const along = template === 'vertical' ? body.box.height : body.box.width;
    for (const length of body.lineLengths) expect(length).toBeLessThanOrEqual(along);
  });

  it.each([
    ['zh-Hans', '我强调的重点是“可获得”，'],
    ['zh-HK', '我強調的重點是「可獲得」，'],
    ['zh-Hant', '我強調的重點是「可獲得」，'],
  ])('quotes with the marks of %s', async (lang, expected) => {
    const { body } = await getJson(`/cards/avoid-extreme-rich-poor-gap.json?lang=${lang}`);
    expect(body.text).toContain(expected);
  });

  it('says how many breaks fell inside a word, and breaks between words (not 人|工智能, 應|用, 一|旦, 思|考)', async () => {
    const { body } = await getJson('/cards/ai-to-understand-how-we-think.json');
    expect(body.lines).toEqual([
      '1983年，人工智能首次應用於計算機，',
      '我當時的想法是，一旦我們理解了如何構建',
      '人工智能，我們就能理解我們是如何思考的。',
    ]);
    expect(body.breaksInsideWords).toBe(0);
    const square = (await getJson('/cards/ai-to-understand-how-we-think.json?size=square')).body;
    expect(square.lines).toEqual([
      '1983年，人工智能首次',
      '應用於計算機，我當時的',
      '想法是，一旦我們理解了',
      '如何構建人工智能，我們就',
      '能理解我們是如何思考的。',
    ]);
    expect(square.breaksInsideWords).toBe(0);
  });

  it('sets the attribution at most 0.6 of the quote, and a short quote on a square card at its largest size', async () => {
    const { body } = await getJson('/cards/we-have-souls.json?size=square');
    expect(body.fontSizeRange).toEqual({ min: 35, max: 103 });
    expect(body.fontSize).toBe(103);
    expect(body.lines).toEqual(['我始終堅信我們', '是有靈魂的。']);
    expect(body.attribution.fontSize).toBe(45);
    // A long quote: the attribution follows the quote down, to 0.6 of its size.
    const long = (await getJson('/cards/debate-before-spending-gpus.json?size=square')).body;
    expect(long.attribution.fontSize).toBe(Math.floor(long.fontSize * 0.6));
  });

  it('sets a short quote large and a long one smaller', async () => {
    const short = (await getJson('/cards/we-have-souls.json')).body;
    const long = (await getJson('/cards/debate-before-spending-gpus.json')).body;
    expect(short.lines).toEqual(['我始終堅信我們是有靈魂的。']);
    expect(short.fontSize).toBeGreaterThan(long.fontSize);
    expect(long.lines.length).toBeGreaterThan(3);
  });
});

describe('a quote that cannot fit', () => {
  const long: Quote = {
    ...readQuotesFile()[0]!,
    id: 'far-too-long',
    text: '這是一段非常非常長的引文，'.repeat(80),
  };

  it('is a 422 naming the quote, template and size, never a clipped card or a 500', async () => {
    const { app } = createNodeApp([long]);
    for (const format of ['png', 'svg', 'json']) {
      const res = await app.request(`/cards/far-too-long.${format}?template=minimal&size=og`);
      expect(res.status).toBe(422);
      const body = await res.json();
      expect(body.error.code).toBe('text_does_not_fit');
      expect(body.error.message).toContain('"far-too-long"');
      expect(body.error.message).toContain('"minimal"');
      expect(body.error.message).toContain('"og"');
      expect(body.error.message).toMatch(/smallest font size, \d+px/);
    }
  });

  it('is found by the start-up check, which passes for every bundled quote', async () => {
    const problems = await renderer.checkFit([long]);
    expect(problems.length).toBe(TEMPLATE_NAMES.length * 3 * 3);
    expect(problems[0]).toMatch(/quote "far-too-long" in template "classic" at size "og" \(zh-Hant\) does not fit/);
    expect(await renderer.checkFit(readQuotesFile())).toEqual([]);
  });

  it('stops the server at start-up, naming the card that does not fit', () => {
    // Within the quotes file's 600-character limit, yet too long for an og card.
    const file = join(mkdtempSync(join(tmpdir(), 'quotes-')), 'long.json');
    writeFileSync(file, JSON.stringify([{ ...long, text: '這是一段非常非常長的引文，'.repeat(46) }]));
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/node/server.ts'], {
      env: { ...process.env, QUOTES_FILE: file, PORT: '0' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/quote "far-too-long" in template "classic" at size "og" \(zh-Hant\) does not fit/);
    expect(result.stdout).not.toContain('Serving');
  });

  it('remembers a passing check, never a failing one', async () => {
    let checks = 0;
    const counting = { ...renderer, checkFit: (quotes: Parameters<typeof renderer.checkFit>[0]) => (checks++, renderer.checkFit(quotes)) };
    const fitting = [{ ...long, id: `fits-${Date.now()}`, text: '我始終堅信我們是有靈魂的。' }];
    expect(await checkFitOnce(counting, fitting)).toEqual([]);
    expect(await checkFitOnce(counting, fitting)).toEqual([]);
    expect(checks).toBe(1);
    expect((await checkFitOnce(counting, [long])).length).toBeGreaterThan(0);
    expect((await checkFitOnce(counting, [long])).length).toBeGreaterThan(0);
    expect(checks).toBe(3);
  });
});
