import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { checkDrawable } from '../src/cards/characters.ts';
import { parseQuotes, QuotesFileError, type Quote } from '../src/cards/quotes.ts';
import { horizontalMeasure, typeset } from '../src/typeset/fit.ts';
import { emojiName, graphemes, layoutText } from '../src/typeset/graphemes.ts';
import { breakLines } from '../src/typeset/breaker.ts';
import { prepare } from '../src/typeset/lines.ts';
import { MONOSPACE_METRICS } from '../src/typeset/metrics.ts';
import { verticalCells } from '../src/typeset/vertical.ts';
import { decodePng, renderer } from './helpers.ts';

const measure = horizontalMeasure(MONOSPACE_METRICS);
/** Lines as [text, length in em] at most `width` em long (room for ten), ZWSP and WORD JOINER shown as drawn (not at all). */
const lines = (text: string, width: number) =>
  breakLines(prepare(layoutText(text), measure), width, 10).lines.map((line) => [line.text.replace(/[\u200b\u2060]/g, ''), line.length]);

const quote = (text: string): Quote => ({ id: 'characters', text, lang: 'zh-Hant', speaker: { name: '某人' }, source: { title: '某處' } });
const OG = { template: 'classic', size: 'og', lang: 'zh-Hant', theme: 'light', scale: 1 } as const;

describe('emoji', () => {
  it.each([
    ['👨‍👩‍👧', '1f468-200d-1f469-200d-1f467'],
    ['🫸🏽', '1faf8-1f3fd'],
    ['🇹🇼', '1f1f9-1f1fc'],
    ['1️⃣', '31-20e3'],
    ['☀️', '2600'],
    ['❤️', '2764'],
    ['❤️‍🔥', '2764-fe0f-200d-1f525'],
    ['🏴󠁧󠁢󠁥󠁮󠁧󠁿', '1f3f4-e0067-e0062-e0065-e006e-e0067-e007f'],
  ])('%s is one grapheme, drawn from Twemoji file %s.svg (FE0F dropped unless the sequence has a ZWJ)', (emoji, name) => {
    expect(graphemes(emoji)).toEqual([emoji]);
    expect(emojiName(emoji)).toBe(name);
  });

  it('are found the same way in a long text, segmented line by line, as in each line alone', () => {
    const line = '我們一家👨‍👩‍👧很幸福，é 1️⃣';
    const expected = ['我', '們', '一', '家', '👨‍👩‍👧', '很', '幸', '福', '，', 'é', ' ', '1️⃣'];
    const text = Array(400).fill(line).join('\r\n') + '\n🇹🇼';
    expect(text.length).toBeGreaterThan(2_000);
    expect(graphemes(text)).toEqual([
      ...Array(400)
        .fill(expected)
        .flatMap((g, i) => (i === 0 ? g : ['\r\n', ...g])),
      '\n',
      '🇹🇼',
    ]);
  });

  it('leaves text characters alone: digits, © and a bare ☀ are text, not emoji', () => {
    expect(['1', '#', '©', '☀', '龘', '，', 'A', '\ufe0f'].map(emojiName)).toEqual(Array(8).fill(undefined));
    // A selector with nothing to select (as at the start of a text) is dropped like any stray one.
    expect(layoutText('\ufe0f👨‍👩‍👧')).toBe('👨‍👩‍👧');
    expect(layoutText('👨‍👩‍👧\ufe0f')).toBe('👨‍👩‍👧');
  });

  it('measures each emoji at exactly 1 em and never breaks inside one', () => {
    expect(lines('好☀️☀️☀️，', 10)).toEqual([['好☀️☀️☀️，', 5]]);
    expect(lines('👨‍👩‍👧👨‍👩‍👧👨‍👩‍👧', 1)).toEqual([
      ['👨‍👩‍👧', 1],
      ['👨‍👩‍👧', 1],
      ['👨‍👩‍👧', 1],
    ]);
  });

  it('sets the sunny-day quote so that no line is longer than the box', () => {
    const box = { width: 300, height: 200, minFontSize: 20, maxFontSize: 30, lineHeight: 1.5 };
    const layout = typeset(
      '今天天氣真好☀️☀️☀️☀️☀️☀️，我們一起去海邊玩吧🌊🌊🌊🌊🌊🌊，晚上再一起吃飯🍜🍜🍜🍜🍜🍜。',
      box,
      MONOSPACE_METRICS,
    );
    expect(layout.fontSize).toBe(27);
    expect(layout.lines.map((line) => [line.text, line.length])).toEqual([
      ['今天天氣真好☀️☀️☀️☀️☀️', 297],
      ['☀️，我們一起去海邊玩吧', 297],
      ['🌊🌊🌊🌊🌊🌊，晚上再', 270],
      ['一起吃飯🍜🍜🍜🍜🍜🍜。', 297],
    ]);
  });

  it('are drawn as Twemoji images one em square, and the line is measured as drawn', async () => {
    const text = '我們一家👨‍👩‍👧很幸福🫸🏽。1️⃣2️⃣🇹🇼';
    const card = await renderer.compose(quote(text), OG);
    const svg = await renderer.svg(quote(text), OG);
    const images = [...svg.matchAll(/<image\b[^>]*>/g)].map(
      ([tag]) => new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(tag).image,
    );
    expect(images).toHaveLength(5);
    for (const image of images) {
      expect(Number(image.width)).toBe(card.layout.fontSize);
      expect(Number(image.height)).toBe(card.layout.fontSize);
      expect(image.href).toMatch(/^data:image\/svg\+xml;base64,/);
    }
    // 8 ideographs and marks and 5 emoji, each 1 em.
    expect(card.layout.lines.map((line) => line.length)).toEqual([13 * card.layout.fontSize]);
  });
});

describe('invisible and format characters', () => {
  it('are dropped from layout, except ZWSP and WORD JOINER, which only the line breaker sees', () => {
    expect(layoutText('co\u00adop\u200cer\ufeffate\u200d！\ufe0f\u200e')).toBe('cooperate！');
    expect(layoutText('一\u200b二\u2060三')).toBe('一\u200b二\u2060三');
    expect(layoutText('一二\u2028三四\u2029五六')).toBe('一二\n三四\n五六');
    // Inside an emoji, the joiner and the selector belong to it.
    expect(layoutText('家👨‍👩‍👧人❤️')).toBe('家👨‍👩‍👧人❤️');
  });

  it('take no width', () => {
    expect(lines('人工\u200b智能\u200d是\ufeff未來的方向。', 20)).toEqual([['人工智能是未來的方向。', 11]]);
  });

  it('ZWSP is a break opportunity, WORD JOINER and NBSP forbid one, U+2028 and U+2029 force one', () => {
    expect(lines('abcdefgh', 2.5)).toEqual([
      ['abcd', 2],
      ['efgh', 2],
    ]);
    expect(lines('abc\u200bdefgh', 2.5)).toEqual([
      ['abc', 1.5],
      ['defgh', 2.5],
    ]);
    expect(lines('一二三四五六七', 4)).toEqual([
      ['一二三四', 4],
      ['五六七', 3],
    ]);
    expect(lines('一二三四\u2060五六七', 4)).toEqual([
      ['一二三', 3],
      ['四五六七', 4],
    ]);
    expect(lines('一二三四\u00a0五六七', 4.5)).toEqual([
      ['一二三', 3],
      ['四\u00a0五六七', 4.5],
    ]);
    expect(lines('一二\u2028三四\u2029五六', 10)).toEqual([
      ['一二', 2],
      ['三四', 2],
      ['五六', 2],
    ]);
  });

  it('make no cell in a column, where an emoji is one upright cell', () => {
    expect(verticalCells(layoutText('人\u200b工\u2060👨‍👩‍👧1️⃣\ufeff'), MONOSPACE_METRICS)).toEqual([
      { kind: 'upright', text: '人', length: 1, squeeze: 0 },
      { kind: 'upright', text: '工', length: 1, squeeze: 0 },
      { kind: 'upright', text: '👨‍👩‍👧', length: 1, squeeze: 0 },
      { kind: 'upright', text: '1️⃣', length: 1, squeeze: 0 },
    ]);
  });

  it.each(['classic', 'vertical'] as const)('never reach satori: the %s card is the same SVG as without them', async (template) => {
    const options = { ...OG, template };
    const plain = await renderer.svg(quote('人工智能是未來的方向。'), options);
    expect(await renderer.svg(quote('人工\u200b智能\u200d是\ufeff未來的\u2060方向\u00ad。'), options)).toBe(plain);
  });
});

describe('characters outside the template font', () => {
  it('are drawn from the first font that has them, and only they: the marks around keep the template font', async () => {
    const card = await renderer.compose(quote('龘，好。'), OG);
    expect(card.layout.lines.map((line) => line.runs.map((run) => [run.text, run.pieces]))).toEqual([
      [['龘，好。', [{ text: '龘', family: 'full-sans-hant' }, { text: '，好。' }]]],
    ]);
    // 𠮷 (CJK Extension B) is in no Noto Sans CJK; LXGW WenKai has it.
    const yoshi = await renderer.compose(quote('𠮷野家。'), OG);
    // 野 is not in the bundled quotes, so not in the subset either: the full Noto Sans TC draws it.
    expect(yoshi.layout.lines[0]!.runs[0]!.pieces).toEqual([
      { text: '𠮷', family: 'full-kai' },
      { text: '野', family: 'full-sans-hant' },
      { text: '家。' },
    ]);
  });

  it('leave the punctuation after them exactly as it is after a character of the template font', async () => {
    const rare = decodePng(await renderer.png(quote('龘，是的'), OG));
    const common = decodePng(await renderer.png(quote('好，是的'), OG));
    const { fontSize } = (await renderer.compose(quote('好，是的'), OG)).layout;
    // Every differing pixel lies in the first character's em box (the text starts at x = 88).
    let right = 0;
    for (let y = 0; y < rare.height; y++) {
      for (let x = 0; x < rare.width; x++) {
        const i = (y * rare.width + x) * 4;
        if (rare.data[i] !== common.data[i] || rare.data[i + 1] !== common.data[i + 1]) right = Math.max(right, x);
      }
    }
    expect(right).toBeGreaterThan(88);
    expect(right).toBeLessThan(88 + fontSize);
  });

  it('that no font has are named with their code point, entry and field', async () => {
    const quotes = [quote('好'), { ...quote('𪛖與\ue000與𪛖'), id: 'nothing-draws', source: { title: '\u{30000}' } }];
    const error = await checkDrawable(quotes, renderer.missingCharacters, 'mine.json').catch((caught) => caught);
    expect(error).toBeInstanceOf(QuotesFileError);
    expect(error.message).toBe(
      [
        'mine.json: 2 problem(s)',
        '  - entry 1 (id "nothing-draws"): field "text" has "𪛖" (U+2A6D6), "\ue000" (U+E000), which no font here can draw',
        '  - entry 1 (id "nothing-draws"): field "source.title" has "𰀀" (U+30000), which no font here can draw',
      ].join('\n'),
    );
    expect(await renderer.missingCharacters('我們一家👨‍👩‍👧很幸福🫸🏽。𠮷龘\u200b')).toEqual([]);
  });

  it('are looked up in one call for a whole file that has none, and field by field only when one is missing', async () => {
    const calls: string[] = [];
    const counting = (text: string) => (calls.push(text), renderer.missingCharacters(text));
    const fine = [quote('好'), { ...quote('是的'), id: 'second', source: { title: '訪談', titleEn: 'Interview' } }];
    await checkDrawable(fine, counting);
    expect(calls).toEqual(['好\n某人\n某處\n是的\n某人\n訪談\nInterview']);
    calls.length = 0;
    await expect(checkDrawable([...fine, { ...quote('𪛖'), id: 'tofu' }], counting)).rejects.toThrow('field "text" has "𪛖" (U+2A6D6)');
    expect(calls.length).toBeGreaterThan(1);
  });

  it('that no font has stop `serve`, which names them', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'quotes-')), 'tofu.json');
    writeFileSync(file, JSON.stringify([{ ...quote('這個字𪛖沒有字型。'), id: 'tofu' }]));
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/node/main.ts'], {
      env: { ...process.env, QUOTES_FILE: file, PORT: '0' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      `${file}: 1 problem(s)\n  - entry 0 (id "tofu"): field "text" has "𪛖" (U+2A6D6), which no font here can draw`,
    );
    expect(result.stdout).not.toContain('Serving');
  });
});

describe('scripts the renderer cannot lay out', () => {
  it.each([
    ['他說שלום', 'contains "ש" (U+05E9) at position 2, a right-to-left script, which the renderer cannot lay out'],
    ['مرحبا', 'contains "م" (U+0645) at position 0, a right-to-left script, which the renderer cannot lay out'],
    ['नमस्ते', 'contains "न" (U+0928) at position 0, a script that needs complex shaping, which the renderer cannot lay out'],
    ['สวัสดี', 'contains "ส" (U+0E2A) at position 0, a script that needs complex shaping, which the renderer cannot lay out'],
    ['வணக்கம்', 'contains "வ" (U+0BB5) at position 0, a script that needs complex shaping, which the renderer cannot lay out'],
  ])('%s is refused where it enters', (text, problem) => {
    expect(() => parseQuotes(JSON.stringify([quote(text)]), 'mine.json')).toThrow(`entry 0 (id "characters"): field "text" ${problem}`);
  });
});
