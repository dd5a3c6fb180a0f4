import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import opentype from 'opentype.js';
import { load } from 'cheerio';
import { describe, expect, it } from 'vitest';
import { cardOptionsFor, templatesFor } from '../src/cards/identity.ts';
import { cardAlt, localizeQuote } from '../src/cards/localize.ts';
import { FONT_FILES } from '../src/cards/fonts.ts';
import { SIZES, cardLangs, scriptOf, type Lang, type SizeName } from '../src/cards/options.ts';
import { QuotesFileError, parseQuotes } from '../src/cards/quotes.ts';
import { createNodeApp, readQuotesFile } from '../src/node/app.ts';
import { planCards } from '../src/export/plan.ts';
import { noLineStart } from '../src/typeset/chars.ts';
import { typeset, type TypesetOptions } from '../src/typeset/fit.ts';
import { MONOSPACE_METRICS, fontMetrics } from '../src/typeset/metrics.ts';
import { verticalCells } from '../src/typeset/vertical.ts';
import { TEMPLATES, TEMPLATE_NAMES } from '../templates/index.ts';
import { faceOf } from '../src/cards/template.ts';
import { parseSvg, renderer } from './helpers.ts';
import { ruleViolations } from './typeset-rules.ts';

// A quotes file mixing every language: two Chinese quotes (Traditional and Simplified), Japanese, Korean and English.
const FIXTURE = new URL('./fixtures/quotes-languages.json', import.meta.url);
const quotes = readQuotesFile(FIXTURE);
const byId = (id: string) => quotes.find((quote) => quote.id === id)!;
// One render thread for the app; `renderer` (helpers.ts) renders in this thread for direct calls.
const { app } = createNodeApp(quotes, { threads: 1 });

/** Sets text at 1px in a box `width` px (em) wide; monospace: CJK characters 1em, everything else 0.5em. */
const set = (text: string, width: number, locale: Lang, options: TypesetOptions = {}) =>
  typeset(text, { width, height: 1000, minFontSize: 1, maxFontSize: 1, lineHeight: 1 }, MONOSPACE_METRICS, 'horizontal', {
    locale,
    ...options,
  }).lines;
const texts = (text: string, width: number, locale: Lang) => set(text, width, locale).map((line) => line.text);

describe('the quotes schema', () => {
  it('accepts ja, ko and en quotes beside zh ones, and gives each its card languages', () => {
    expect(quotes.map((quote) => [quote.id, quote.lang, cardLangs(quote.lang)])).toEqual([
      ['ai-to-understand-how-we-think', 'zh-Hant', ['zh-Hant', 'zh-HK', 'zh-Hans']],
      ['simplified-original', 'zh-Hans', ['zh-Hant', 'zh-HK', 'zh-Hans']],
      ['kusamakura', 'ja', ['ja']],
      ['matchbox', 'ja', ['ja']],
      ['prologue', 'ko', ['ko']],
      ['invent-the-future', 'en', ['en']],
      ['ask-forgiveness', 'en', ['en']],
    ]);
  });

  it('makes an English quote’s typewriter quotes typographic as it loads', () => {
    expect(byId('ask-forgiveness').text).toBe(
      'It’s easier to ask forgiveness than it is to get permission. As the saying goes, “a ship in port is safe, but that’s not what ships are built for.”',
    );
    const [quote] = parseQuotes(
      JSON.stringify([
        { id: 'q', text: `'Tis "quoted" and ('bracketed')`, lang: 'en', speaker: { name: `O'Neil` }, source: { title: 'T' } },
      ]),
    );
    expect([quote!.text, quote!.speaker.name]).toEqual(['‘Tis “quoted” and (‘bracketed’)', 'O’Neil']);
  });

  it('leaves a Japanese quote’s marks as written (no Chinese conversion)', () => {
    const quote = { ...byId('kusamakura'), text: '「吾輩は猫である」と“彼”は言った。' };
    expect(localizeQuote(quote, 'ja').text).toBe('「吾輩は猫である」と“彼”は言った。');
  });

  it('refuses a language it does not know, naming those it does', () => {
    const entry = { id: 'q', text: 'Bonjour', lang: 'fr', speaker: { name: 'S' }, source: { title: 'T' } };
    expect(() => parseQuotes(JSON.stringify([entry]))).toThrow(QuotesFileError);
    expect(() => parseQuotes(JSON.stringify([entry]))).toThrow(
      'field "lang" must be one of zh-Hant, zh-HK, zh-Hans, ja, ko, en (received "fr")',
    );
  });
});

describe('card options are resolved once the quote is known', () => {
  it('defaults a ja, ko or en quote to its own language, a zh quote to zh-Hant', () => {
    expect(['kusamakura', 'prologue', 'invent-the-future', 'simplified-original'].map((id) => cardOptionsFor(byId(id), {}).lang)).toEqual([
      'ja',
      'ko',
      'en',
      'zh-Hant',
    ]);
  });

  it('refuses another language with a 400 naming what the quote allows', () => {
    expect(() => cardOptionsFor(byId('kusamakura'), { lang: 'zh-Hant' })).toThrow(
      'Invalid value for "lang": "zh-Hant". Quote "kusamakura" is written in ja; its cards come in: ja.',
    );
    expect(() => cardOptionsFor(byId('simplified-original'), { lang: 'en' })).toThrow('its cards come in: zh-Hant, zh-HK, zh-Hans.');
  });

  it('refuses a template that does not set the language, naming those that do', () => {
    expect(templatesFor('ja')).toEqual(['classic', 'minimal', 'vertical']);
    expect(templatesFor('ko')).toEqual(['classic', 'minimal']);
    expect(templatesFor('en')).toEqual(['classic', 'minimal', 'kai', 'ming']);
    expect(templatesFor('zh-HK')).toEqual(TEMPLATE_NAMES);
    for (const [id, template] of [
      ['prologue', 'vertical'],
      ['invent-the-future', 'vertical'],
      ['kusamakura', 'kai'],
      ['prologue', 'ming'],
    ] as const) {
      expect(() => cardOptionsFor(byId(id), { template })).toThrow(`Invalid value for "template": "${template}" does not set`);
    }
  });
});

describe('Japanese line breaking (W3C jlreq)', () => {
  it.each([
    ['a small kana never starts a line', 'あいうえおっかきくけこ', 5, ['あいうえ', 'おっか', 'きくけこ']],
    ['nor a small katakana', 'かきくけこャさしすせそ', 5, ['かきくけ', 'こャさし', 'すせそ']],
    ['nor the prolonged sound mark ー', 'アイウエオーカキクケコ', 5, ['アイウエ', 'オーカキ', 'クケコ']],
    ['nor the iteration mark 々', 'あいうえお々かきくけこ', 5, ['あいうえ', 'お々か', 'きくけこ']],
    ['nor the iteration mark ゝ', 'あいうえおゝかきくけこ', 5, ['あいうえ', 'おゝか', 'きくけこ']],
    ['nor the middle dot ・', 'あいうえお・かきくけこ', 5, ['あいうえ', 'お・か', 'きくけこ']],
    ['an opening bracket never ends a line', 'あいうえ「かきくけこ」', 5, ['あいうえ', '「かきく', 'けこ」']],
    [
      'lines break between phrases, a particle kept with its word',
      '私は学生です。毎日図書館で本を読みます。',
      8,
      ['私は学生です。', '毎日図書館で', '本を読みます。'],
    ],
    ['a particle or ending stays with its word', '人生は一箱のマッチに似ている。', 8, ['人生は一箱の', 'マッチに', '似ている。']],
  ])('%s', (_, text, width, lines) => {
    expect(texts(text, width, 'ja')).toEqual(lines);
  });
});

describe('vertical Japanese (縦書き)', () => {
  const metrics = fontMetrics(subsetFonts('sans', 'jpan')[0]!);
  const cells = (text: string) => verticalCells(text, metrics).map(({ kind, text, shift }) => ({ kind, text, moved: shift !== undefined }));

  it('turns ー and 〜, moves small kana, and sets brackets in their vertical forms', () => {
    expect(cells('「ラーメンっ〜」')).toEqual([
      { kind: 'upright', text: '﹁', moved: false },
      { kind: 'upright', text: 'ラ', moved: false },
      { kind: 'rotated', text: 'ー', moved: false },
      { kind: 'upright', text: 'メ', moved: false },
      { kind: 'upright', text: 'ン', moved: false },
      { kind: 'upright', text: 'っ', moved: true },
      { kind: 'rotated', text: '〜', moved: false },
      { kind: 'upright', text: '﹂', moved: false },
    ]);
  });

  it('places a small kana’s ink in the top right quarter of its cell', () => {
    const [cell] = verticalCells('ッ', metrics);
    const { x, y } = metrics.centring('ッ');
    // centring moves the ink to the middle; the cell's shift goes a tenth of an em further right and up.
    expect(cell!.shift).toEqual({ x: x + 0.1, y: y - 0.1 });
  });

  it('breaks columns by the same jlreq rules', async () => {
    const report = await renderer.report(byId('matchbox'), cardOptionsFor(byId('matchbox'), { template: 'vertical' }));
    expect(report.lines).toEqual([
      '人生は一箱の',
      'マッチに似て',
      'いる。重大に',
      '扱うのはば',
      'かばかしい。',
      '重大に扱わねば',
      '危険である。',
    ]);
  });
});

describe('Korean line breaking: only at spaces', () => {
  it.each([
    ['between words, never between syllables', '죽는 날까지 하늘을 우러러', 7, ['죽는 날까지', '하늘을 우러러']],
    ['punctuation stays with its word', '나는 괴로워했다. 바람에도', 6, ['나는', '괴로워했다.', '바람에도']],
    ['a word longer than the line is the one exception', '가나다라마바사아자차카 타', 5, ['가나다라', '마바사아', '자차카 타']],
  ])('%s', (_, text, width, lines) => {
    expect(texts(text, width, 'ko')).toEqual(lines);
  });
});

describe('English line breaking: only at spaces, no widow', () => {
  it.each([
    [
      'at spaces, balanced',
      'The best way to predict the future is to invent it.',
      12,
      ['The best way to', 'predict the future', 'is to invent it.'],
    ],
    ['never one word alone on the last line', 'It is what it is.', 6, ['It is what', 'it is.']],
    ['quotation marks stay with their words', '“a ship in port is safe,” she said.', 9, ['“a ship in port is', 'safe,” she said.']],
    [
      'a word longer than the line is the one exception',
      'Antidisestablishmentarianism is long',
      6,
      ['Antidisestab', 'lishmentaria', 'nism is long'],
    ],
  ])('%s', (_, text, width, lines) => {
    expect(texts(text, width, 'en')).toEqual(lines);
  });
});

/**
 * The longest stretch of `text`, in characters, that must stay on one line: a
 * line may start only before a character that may start one (noLineStart)
 * and not after an opening bracket.
 */
function longestUnbreakable(text: string): number {
  const chars = [...text];
  let longest = 0;
  let run = 0;
  chars.forEach((char, index) => {
    run = index > 0 && !noLineStart(char) && !/[「『（]/.test(chars[index - 1]!) ? 1 : run + 1;
    longest = Math.max(longest, run);
  });
  return longest;
}

describe('properties over random text', () => {
  const hiragana = [...'あいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほまみむめもやゆよらりるれろわをん'];
  const japanese = fc
    .array(
      fc.oneof(
        { weight: 10, arbitrary: fc.constantFrom(...hiragana, ...'日本語文章人生世界時間', ...'アイウエオカキクケコ') },
        { weight: 3, arbitrary: fc.constantFrom(...'ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶー々ゝゞヽヾ・') },
        { weight: 2, arbitrary: fc.constantFrom(...'、。」』）！？') },
        { weight: 1, arbitrary: fc.constantFrom(...'「『（') },
      ),
      { minLength: 2, maxLength: 120 },
    )
    .map((tokens) => tokens.join(''))
    .filter(
      (text) =>
        !noLineStart([...text][0]!) &&
        !/[「『（]$/.test(text) &&
        !/[「『（][、。」』）！？ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶー々ゝゞヽヾ・]*$/.test(text),
    );

  it('Japanese: no small kana, ー, iteration mark, ・ or closing mark starts a line; no opening bracket ends one; nothing lost', () => {
    fc.assert(
      fc.property(japanese, fc.integer({ min: 6, max: 20 }), (text, width) => {
        // Only texts that can be set without a fault: "あぁ、、ぁ、、" at 6 em has no place to break at all.
        fc.pre(longestUnbreakable(text) < width);
        const lines = set(text, width, 'ja');
        expect(ruleViolations(lines, width).filter((problem) => !problem.startsWith('last line'))).toEqual([]);
        expect(lines.map((line) => line.text).join('')).toBe(text);
      }),
      { numRuns: 300 },
    );
  });

  const word = (chars: string, punctuation: string) =>
    fc
      .tuple(fc.array(fc.constantFrom(...chars), { minLength: 1, maxLength: 6 }), fc.constantFrom('', '', '', ...punctuation.split(' ')))
      .map(([letters, mark]) => letters.join('') + mark);
  const sentence = (chars: string, punctuation: string) =>
    fc.array(word(chars, punctuation), { minLength: 2, maxLength: 30 }).map((words) => words.join(' '));

  it.each([
    ['ko', '가나다라마바사아자차카타파하한글', ', . ! ?'],
    ['en', 'abcdefghijklmnopqrstuvwxyz', ', . ; ! ” ’s'],
  ] as const)('%s: lines break only at spaces, and every word is whole and in order', (lang, chars, punctuation) => {
    fc.assert(
      fc.property(sentence(chars, punctuation), fc.integer({ min: 8, max: 30 }), (text, width) => {
        const lines = set(text, width, lang).map((line) => line.text);
        expect(lines.join(' ')).toBe(text);
        for (const line of lines) expect(line).toBe(line.trim());
      }),
      { numRuns: 300 },
    );
  });

  it('en: the last line is never one word when two fit on a line', () => {
    fc.assert(
      fc.property(sentence('abcdefghij', ', .'), (text) => {
        const longest = Math.max(...text.split(' ').map((w) => w.length));
        const lines = set(text, longest + 1 + longest, 'en').map((line) => line.text);
        if (lines.length > 1) expect(lines.at(-1)!.split(' ').length).toBeGreaterThanOrEqual(2);
      }),
      { numRuns: 300 },
    );
  });
});

/** The subset fonts of a face and script, parsed, to check what glyphs a card can draw. */
const parsed = new Map<string, opentype.Font>();
function subsetFonts(face: string, script: string): opentype.Font[] {
  return FONT_FILES.filter((font) => font.face === face && font.script === script).map((font) => {
    let found = parsed.get(font.file);
    if (!found) {
      const bytes = readFileSync(new URL(`../fonts/${font.file}`, import.meta.url));
      found = opentype.parse(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
      parsed.set(font.file, found);
    }
    return found;
  });
}

describe('every card of the mixed quotes file', () => {
  it('renders in every template that sets its language, at every size, with every glyph in its own fonts (no box)', async () => {
    let rendered = 0;
    for (const quote of quotes) {
      for (const lang of cardLangs(quote.lang)) {
        for (const template of templatesFor(lang)) {
          const fonts = subsetFonts(faceOf(TEMPLATES[template], lang), scriptOf(lang));
          const local = localizeQuote(quote, lang);
          const missing = [...(local.text + local.speaker + local.source)].filter(
            (char) => !/\s/.test(char) && fonts.every((font) => font.charToGlyphIndex(char) === 0),
          );
          expect(missing, `${quote.id} ${lang} ${template}`).toEqual([]);
          for (const size of Object.keys(SIZES) as SizeName[]) {
            const options = cardOptionsFor(quote, { template: template as keyof typeof TEMPLATES, size, lang });
            const svg = parseSvg(await renderer.svg(quote, options));
            expect(svg.viewBox).toBe(`0 0 ${SIZES[size].width} ${SIZES[size].height}`);
            rendered++;
          }
        }
      }
    }
    // 2 zh quotes × 3 scripts × 5 templates, 2 ja × 3, 1 ko × 2, 2 en × 4; each at 3 sizes.
    expect(rendered).toBe((2 * 3 * 5 + 2 * 3 + 1 * 2 + 2 * 4) * 3);
  });

  it('draws a kanji the Japanese subset lacks from Noto Sans CJK JP, not a Chinese font', async () => {
    const card = await renderer.compose({ ...byId('kusamakura'), text: '鬱。' }, cardOptionsFor(byId('kusamakura'), {}));
    // Pieces in the template's own font carry no family.
    expect(card.layout.lines[0]!.runs.flatMap((run) => run.pieces ?? [])).toEqual([
      { text: '鬱', family: 'full-sans-jpan' },
      { text: '。' },
    ]);
  });

  it('passes the start-up fit check', async () => {
    expect(await renderer.checkFit(quotes)).toEqual([]);
  });
});

describe('export of a mixed quotes file', () => {
  it('exports each quote in the selected languages it comes in, else its own, in the templates that set it', async () => {
    const selection = {
      templates: ['classic', 'vertical'],
      sizes: ['og'],
      langs: ['zh-Hant'],
      themes: ['light'],
      scales: [1],
      formats: ['png'],
    } as const;
    expect((await planCards(quotes, selection)).map((job) => job.file)).toEqual([
      'zh-Hant/classic/og/ai-to-understand-how-we-think.png',
      'zh-Hant/classic/og/simplified-original.png',
      'zh-Hant/vertical/og/ai-to-understand-how-we-think.png',
      'zh-Hant/vertical/og/simplified-original.png',
      'ja/classic/og/kusamakura.png',
      'ja/classic/og/matchbox.png',
      'ja/vertical/og/kusamakura.png',
      'ja/vertical/og/matchbox.png',
      'ko/classic/og/prologue.png',
      'en/classic/og/invent-the-future.png',
      'en/classic/og/ask-forgiveness.png',
    ]);
  });
});

describe('HTTP with a mixed quotes file', () => {
  const get = (path: string) => app.request(path);

  it('serves a ja card without lang, and reports its lines in Japanese', async () => {
    const png = await get('/cards/kusamakura.png');
    expect(png.status).toBe(200);
    expect(png.headers.get('Content-Type')).toBe('image/png');
    const report = await (await get('/cards/kusamakura.json')).json();
    expect([report.lang, report.lines]).toEqual([
      'ja',
      ['智に働けば角が立つ。情に棹させば', '流される。意地を通せば窮屈だ。', 'とかくに人の世は住みにくい。'],
    ]);
  });

  it('answers 400 for a language or template the quote does not come in, with what is allowed', async () => {
    const lang = await get('/cards/prologue.png?lang=zh-Hant');
    expect(lang.status).toBe(400);
    expect((await lang.json()).error).toMatchObject({ code: 'invalid_parameter', allowed: ['ko'] });
    const template = await get('/cards/kusamakura.png?template=kai');
    expect(template.status).toBe(400);
    expect((await template.json()).error).toMatchObject({ code: 'invalid_parameter', allowed: ['classic', 'minimal', 'vertical'] });
    expect((await get('/q/invent-the-future?lang=ja')).status).toBe(400);
    expect((await get('/api/quotes/kusamakura?lang=en')).status).toBe(400);
  });

  it('lists each quote’s languages and templates in the API', async () => {
    const body = await (await get('/api/quotes/invent-the-future')).json();
    expect([body.lang, body.langs, body.templates, body.text]).toEqual([
      'en',
      ['en'],
      ['classic', 'minimal', 'kai', 'ming'],
      'The best way to predict the future is to invent it.',
    ]);
    const all = await (await get('/api/quotes?lang=zh-Hans')).json();
    expect(all.quotes.map((quote: { lang: string }) => quote.lang)).toEqual(['zh-Hans', 'zh-Hans', 'ja', 'ja', 'ko', 'en', 'en']);
  });

  it.each([
    [
      'kusamakura',
      'ja',
      'ja_JP',
      '「智に働けば角が立つ。情に棹させば流される。意地を通せば窮屈だ。とかくに人の世は住みにくい。」— 夏目漱石、草枕',
    ],
    ['prologue', 'ko', 'ko_KR', '“죽는 날까지 하늘을 우러러 한 점 부끄럼이 없기를, 잎새에 이는 바람에도 나는 괴로워했다.” — 윤동주, 서시'],
    ['invent-the-future', 'en', 'en_US', '“The best way to predict the future is to invent it.” — Alan Kay, Xerox PARC meeting'],
  ])('gives the share page of %s html lang %s, og:locale %s and the alt text in its language', async (id, lang, locale, alt) => {
    const $ = load(await (await get(`/q/${id}`)).text());
    expect($('html').attr('lang')).toBe(lang);
    expect($('meta[property="og:locale"]').attr('content')).toBe(locale);
    expect(cardAlt(localizeQuote(byId(id), lang as Lang))).toBe(alt);
    expect($('meta[property="og:image:alt"]').attr('content') ?? $('img').first().attr('alt')).toBe(alt);
    // The picker offers the quote's languages only.
    expect(
      $('select[name="lang"] option')
        .map((_, option) => $(option).attr('value'))
        .get(),
    ).toEqual([lang]);
  });

  it('gives a ja quote’s card and page canonical URLs without lang, its default', async () => {
    const $ = load(await (await get('/q/kusamakura?lang=ja&size=square')).text());
    expect($('link[rel=canonical]').attr('href')).toBe('http://localhost/q/kusamakura?size=square');
    // Content-addressed card URLs spell every option out, the quote's own language included.
    expect($('meta[property="og:image"]').attr('content')).toMatch(
      /^http:\/\/localhost\/cards\/kusamakura\/classic\.og\.ja\.light\.[0-9a-f]{12}\.png$/,
    );
    expect($('select[name="lang"]').attr('data-default')).toBe('ja');
    const quote = await (await get('/api/quotes/kusamakura')).json();
    expect(quote.card).toMatch(/^http:\/\/localhost\/cards\/kusamakura\/classic\.og\.ja\.light\.[0-9a-f]{12}\.png$/);
    expect((await get(new URL(quote.card).pathname)).status).toBe(200);
  });

  it('titles an English embed in English marks', async () => {
    const res = await get(`/oembed?url=${encodeURIComponent('http://localhost/q/invent-the-future')}`);
    expect((await res.json()).title).toBe('Alan Kay: “The best way to predict the future is to invent it.”');
  });

  it('gallery: ?lang= converts the zh quotes and leaves the others as they are', async () => {
    const $ = load(await (await get('/?lang=zh-Hans')).text());
    const shown = $('main').text();
    expect(shown).toContain('1983年，人工智能首次应用于计算机');
    expect(shown).toContain('智に働けば角が立つ。');
    expect(shown).toContain('죽는 날까지');
    expect(shown).toContain('The best way to predict the future is to invent it.');
  });
});
