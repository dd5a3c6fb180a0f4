import { readFileSync } from 'node:fs';
import opentype from 'opentype.js';
import { describe, expect, it } from 'vitest';
import { setAttribution } from '../src/typeset/attribution.ts';
import { TextDoesNotFitError, horizontalMeasure, typeset, type TypesetOptions } from '../src/typeset/fit.ts';
import { fewestLines } from '../src/typeset/breaker.ts';
import { lineLength, prepare } from '../src/typeset/lines.ts';
import { MONOSPACE_METRICS, fontMetrics } from '../src/typeset/metrics.ts';
import { segment } from '../src/typeset/segment.ts';
import { verticalCells, verticalMeasure, type Cell } from '../src/typeset/vertical.ts';
import { ruleViolations } from './typeset-rules.ts';

// Monospace metrics: CJK characters and full-width marks 1em, everything else 0.5em.
const measure = horizontalMeasure(MONOSPACE_METRICS);
/** Sets text at 1px in a box `width` px (em) wide and as tall as it needs. */
const setLines = (text: string, width: number, options: TypesetOptions = {}) =>
  typeset(text, { width, height: 1000, minFontSize: 1, maxFontSize: 1, lineHeight: 1 }, MONOSPACE_METRICS, 'horizontal', options).lines;
const set = (text: string, width: number, options: TypesetOptions = {}) => setLines(text, width, options).map((line) => line.text);

describe('line breaking (kinsoku, words, widows)', () => {
  it.each([
    [
      'closing punctuation never starts a line: the character before comes down',
      '一二三四五，六七八九十。',
      5,
      ['一二三四', '五，六七', '八九十。'],
    ],
    [
      'an opening bracket never ends a line: it goes down with what follows',
      '一二三四「五六七八九十」',
      5,
      ['一二三四', '「五六七', '八九十」'],
    ],
    ['lines are balanced, never a one-character last line', '一二三四五六七八九十。', 5, ['一二三四', '五六七八', '九十。']],
    ['a lone last character takes one from the line before', '一二三四五六七八九', 4, ['一二三四', '五六七', '八九']],
    ['marks in a row stay together', '他說：「好。」我說：「不！」', 5, ['他說：', '「好。」', '我說：', '「不！」']],
    ['…… is never split, and never starts a line (clreq strict)', '一二三四……五六七八九', 5, ['一二三', '四……五', '六七八九']],
    ['—— is never split, and never starts a line (clreq strict)', '一二三四——五六七八九', 5, ['一二三', '四——五', '六七八九']],
    ['GPT 4 stays whole', '即使在今天，GPT 4 仍然是黃金標準。', 8, ['即使在今天，', 'GPT 4 仍然是', '黃金標準。']],
    ['numbers with separators stay whole', '擁有一個由10,000個GPU組成', 6, ['擁有一個', '由10,000', '個GPU組成']],
    ['a percentage stays whole', '故障概率為63%。因此', 5, ['故障概率為', '63%。因此']],
    ['a two-word name stays whole', '在Hugging Face和其他網站上', 8, ['在Hugging Face', '和其他網站上']],
    ['a Latin word stays whole', '但OpenAI已經阻止了', 5, ['但OpenAI', '已經阻止了']],
    ['an explicit line break is kept', '第一行\n第二行很長很長很長', 5, ['第一行', '第二行很長', '很長很長']],
    ['a space at a break disappears', '使用 Word 或 Photoshop 作弊', 7, ['使用 Word 或', 'Photoshop 作弊']],
  ])('%s', (_, text, width, expected) => {
    expect(set(text, width)).toEqual(expected);
  });

  it('sets adversarial runs of punctuation without breaking a rule', () => {
    for (const text of [
      '「」、。！？……「」、。！？……',
      '？！？！？！「「「好」」」。。。',
      '（「『《〈【好】〉》』」）',
      '一、二、三、四、五、六、七、八、九、十。',
    ]) {
      const longest = Math.max(...segment(text).map((atom) => measure.length(atom.text)));
      for (const width of [longest, longest + 1, longest + 3, 2 * longest]) {
        const set = setLines(text, width);
        expect(set.map((line) => line.text).join('')).toBe(text);
        expect(ruleViolations(set, width), `${text} at ${width}em`).toEqual([]);
      }
    }
  });

  it('breaks a Latin phrase wider than the line at its spaces, and a word wider than it per letter', () => {
    expect(set('甲 Alpha Beta Gamma Delta 乙', 6)).toEqual(['甲 Alpha', 'Beta Gamma', 'Delta 乙']);
    expect(set('Supercalifragilistic', 4).join('')).toBe('Supercalifragilistic');
  });

  it('glues closing marks to the word before and opening brackets to the word after', () => {
    expect(segment('「可獲得」，因為').map((atom) => atom.text)).toEqual(['「可', '獲', '得」，', '因', '為']);
  });
});

describe('clreq levels', () => {
  it('lets …… and —— start a line at the basic and GB levels, never at strict', () => {
    const text = '一二三四……五六七八九';
    for (const kinsoku of ['basic', 'gb'] as const) expect(set(text, 5, { kinsoku })).toEqual(['一二三四', '……五六', '七八九']);
    expect(set(text, 5, { kinsoku: 'strict' })).toEqual(['一二三', '四……五', '六七八九']);
  });

  it('keeps units with their number and currency signs with the number after them, but not a counter', () => {
    const atoms = (text: string) => segment(text).map((atom) => atom.text);
    expect(atoms('成長50％，')).toEqual(['成', '長', '50％，']);
    expect(atoms('氣溫20℃')).toEqual(['氣', '溫', '20℃']);
    expect(atoms('售價＄30元')).toEqual(['售', '價', '＄30', '元']);
    expect(atoms('過去20年')).toEqual(['過', '去', '20', '年']);
    expect(atoms('話題＃AI，')).toEqual(['話', '題', '＃AI，']);
  });

  it('keeps a solidus from ending a line from the GB level up', () => {
    expect(segment('甲乙／丙丁', { kinsoku: 'basic' }).map((atom) => atom.text)).toEqual(['甲', '乙', '／', '丙', '丁']);
    expect(segment('甲乙／丙丁', { kinsoku: 'gb' }).map((atom) => atom.text)).toEqual(['甲', '乙', '／丙', '丁']);
  });
});

describe('display breaking: between words, numbers and handles whole', () => {
  it.each([
    [
      'breaks between words, and after a pause where it can (not 人|工智能, 應|用, 一|旦, 思|考)',
      '1983年，人工智能首次應用於計算機，我當時的想法是，一旦我們理解了如何構建人工智能，我們就能理解我們是如何思考的。',
      20,
      ['1983年，人工智能首次應用於計算機，', '我當時的想法是，一旦我們理解了如何構建', '人工智能，我們就能理解我們是如何思考的。'],
    ],
    [
      'the same at a narrower measure',
      '1983年，人工智能首次應用於計算機，我當時的想法是，一旦我們理解了如何構建人工智能，我們就能理解我們是如何思考的。',
      12,
      ['1983年，人工智能首次', '應用於計算機，我當時的', '想法是，一旦我們理解了', '如何構建人工智能，我們就', '能理解我們是如何思考的。'],
    ],
    ['％ never starts a line', '去年我們的營收成長了50％，但是利潤下降了', 11, ['去年我們的營收成長了', '50％，但是利潤下降了']],
    [
      'a handle is never split after @',
      '歡迎追蹤我們的帳號@quotecards，每天一則語錄',
      9,
      ['歡迎追蹤我們的', '帳號@quotecards，', '每天一則語錄'],
    ],
    [
      'an e-mail address stays whole; a URL longer than the line breaks after / . or -',
      '請寫信到 hello@example.com 或造訪 https://example.com/cards/trust-is-the-key-skill 看看',
      12,
      ['請寫信到', 'hello@example.com', '或造訪 https://', 'example.com/', 'cards/trust-', 'is-the-key-', 'skill 看看'],
    ],
    ['a currency sign stays with its number', '一杯咖啡只要￥30，真的很便宜', 6, ['一杯咖啡', '只要￥30，', '真的很便宜']],
    ['a hashtag stays whole', '今天的話題是＃人工智能，歡迎討論', 6, ['今天的話題是', '＃人工智能，', '歡迎討論']],
    [
      'a CJK counter is a break opportunity like any other',
      '在過去的20年裡，我一直告訴年輕人',
      5,
      ['在過去的', '20年裡，', '我一直告訴', '年輕人'],
    ],
    ['…… never starts a line', '他沉默了很久……然後說出了真相', 7, ['他沉默了', '很久……然後', '說出了真相']],
  ])('%s', (_, text, width, expected) => {
    const layout = typeset(text, { width, height: 1000, minFontSize: 1, maxFontSize: 1, lineHeight: 1 }, MONOSPACE_METRICS);
    expect(layout.lines.map((line) => line.text)).toEqual(expected);
    expect(layout.breaksInsideWords).toBe(0);
  });

  it('breaks inside a word only when the words alone cannot fit, and counts it', () => {
    // 實際上 is one word to the segmenter; at 2em a line it has to be cut, and a hole beats a widow.
    const layout = typeset('實際上', { width: 2, height: 1000, minFontSize: 1, maxFontSize: 1, lineHeight: 1 }, MONOSPACE_METRICS);
    expect(layout.lines.map((line) => line.text)).toEqual(['實', '際上']);
    expect(layout.breaksInsideWords).toBe(1);
  });

  it('steps the size down once rather than cut a word', () => {
    // 他說|人工|智能|很有|用|呀. At 10px a line holds 5 characters and the box 2 lines: only 他說人工智|能很有用呀 fits.
    // At 9px a line holds 6.
    const box = { width: 55, height: 22, minFontSize: 8, maxFontSize: 10, lineHeight: 1 };
    const layout = typeset('他說人工智能很有用呀', box, MONOSPACE_METRICS);
    expect(layout.fontSize).toBe(9);
    expect(layout.lines.map((line) => line.text)).toEqual(['他說人工智能', '很有用呀']);
    expect(layout.breaksInsideWords).toBe(0);
  });

  it('takes a line more rather than cut a word when the box has room', () => {
    const text = '谷歌的策略是百花齊放，我們也一樣。';
    const prepared = prepare(text, horizontalMeasure(MONOSPACE_METRICS));
    expect(fewestLines(prepared, 9)).toBe(2);
    expect(fewestLines(prepared, 9, { insideWords: false })).toBe(3);
    expect(set(text, 9)).toEqual(['谷歌的策略', '是百花齊放，', '我們也一樣。']);
  });
});

describe('fitting and balancing', () => {
  const box = { width: 10, height: 3, minFontSize: 1, maxFontSize: 1, lineHeight: 1 };

  it('balances lines instead of full lines and a short tail', () => {
    const layout = typeset('一二三四五六七八九十一二三四五六七八九十一二', box, MONOSPACE_METRICS);
    expect(layout.lines.map((line) => line.text)).toEqual(['一二三四五六七', '八九十一二三四五', '六七八九十一二']);
  });

  it('picks the largest size at which the text fits', () => {
    const layout = typeset(
      '一二三四五六七八九十',
      { width: 100, height: 50, minFontSize: 10, maxFontSize: 40, lineHeight: 1.25 },
      MONOSPACE_METRICS,
    );
    // 40px: 2 chars a line, 5 lines of 50px; 20px: 5 chars a line, 2 lines of 25px.
    expect(layout.fontSize).toBe(20);
    expect(layout.lines.map((line) => line.text)).toEqual(['一二三四五', '六七八九十']);
  });

  it('throws TextDoesNotFitError when even the smallest size is too large', () => {
    expect(() => typeset('一二三四五六七八九十'.repeat(4), box, MONOSPACE_METRICS)).toThrow(TextDoesNotFitError);
  });

  it('squeezes the blank halves of adjacent punctuation marks', () => {
    const metrics = {
      ...MONOSPACE_METRICS,
      blanks: (char: string) => ('。」'.includes(char) ? { before: 0.05, after: 0.5 } : { before: 0.5, after: 0.05 }),
    };
    const squeezing = horizontalMeasure(metrics);
    expect(squeezing.squeeze('。', '」')).toBeCloseTo(0.3);
    expect(squeezing.squeeze('」', '「')).toBeCloseTo(0.5);
    expect(squeezing.squeeze('好', '「')).toBe(0);
  });
});

describe('quotation marks measured from the font', () => {
  const metricsOf = (file: string) => {
    const bytes = readFileSync(new URL(`../fonts/${file}`, import.meta.url));
    return fontMetrics(opentype.parse(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)));
  };

  it('squeezes “ ” where the font sets them full width (Noto Sans SC)', () => {
    const noto = horizontalMeasure(metricsOf('sans-hans-400.otf'));
    expect(noto.length('“')).toBe(1);
    // 。 keeps a quarter em of its 0.65 em blank; ” adds 0.04 em of its own.
    expect(noto.squeeze('。', '”')).toBeCloseTo(0.65 + 0.04 - 0.25, 1);
    expect(noto.squeeze('”', '“')).toBeCloseTo(0.5);
  });

  it('never squeezes proportional “ ” (LXGW WenKai sets them about 0.35 em wide)', () => {
    const kai = horizontalMeasure(metricsOf('kai-hans-400.ttf'));
    expect(kai.length('“')).toBeCloseTo(0.35, 2);
    expect(kai.squeeze('。', '”')).toBe(0);
    expect(kai.squeeze('”', '，')).toBe(0);
    // Its full-width corner brackets still are.
    expect(kai.squeeze('。', '」')).toBeGreaterThan(0);
  });

  it('sets “ ” ‘ ’ as vertical corner brackets in columns, as 「 」 『 』', () => {
    expect(verticalCells('他说“你听过‘好’吗”', MONOSPACE_METRICS).map((cell) => cell.text)).toEqual([...'他说﹁你听过﹃好﹄吗﹂']);
    expect(verticalCells('他說「好」', MONOSPACE_METRICS).map((cell) => cell.text)).toEqual([...'他說﹁好﹂']);
  });
});

describe('Traditional punctuation', () => {
  // A font that sets ， low left, as Simplified Chinese does.
  const lowLeft = { ...MONOSPACE_METRICS, centring: (char: string) => (char === '，' ? { x: 0.35, y: -0.4 } : { x: 0, y: 0 }) };
  const box = { width: 200, height: 10, minFontSize: 10, maxFontSize: 10, lineHeight: 1 };

  it('moves ，。、 into the middle of the em box for Traditional text', () => {
    const [line] = typeset('你好，世界', box, lowLeft, 'horizontal', { centreMarks: true }).lines;
    expect(line!.runs.map((run) => [run.text, run.shift])).toEqual([
      ['你好', undefined],
      ['，', { x: 3.5, y: -4 }],
      ['世界', undefined],
    ]);
    expect(line!.length).toBe(50);
  });

  it('leaves them where the font puts them for Simplified text', () => {
    const [line] = typeset('你好，世界', box, lowLeft).lines;
    expect(line!.runs.map((run) => run.text)).toEqual(['你好，世界']);
  });
});

describe('attribution', () => {
  const box = { width: 12, height: 2, minFontSize: 1, maxFontSize: 1, lineHeight: 1 };

  it('stays on one line when it fits', () => {
    expect(setAttribution(['李開復', '財富創新論壇'], '，', box, MONOSPACE_METRICS, 'horizontal').lines.map((line) => line.text)).toEqual([
      '李開復，財富創新論壇',
    ]);
  });

  it('breaks only at the separator, never inside a name', () => {
    const layout = setAttribution(
      ['李開復', '世界人工智能大會開幕式主題演講'],
      '，',
      { ...box, width: 16 },
      MONOSPACE_METRICS,
      'horizontal',
    );
    expect(layout.lines.map((line) => line.text)).toEqual(['李開復', '世界人工智能大會開幕式主題演講']);
  });

  it('keeps an English name whole', () => {
    const layout = setAttribution(
      ['Kai-Fu Lee', 'Fortune Innovation Forum'],
      ' · ',
      { ...box, width: 13 },
      MONOSPACE_METRICS,
      'horizontal',
    );
    expect(layout.lines.map((line) => line.text)).toEqual(['Kai-Fu Lee', 'Fortune Innovation Forum']);
  });
});

describe('vertical cells', () => {
  const show = (cells: Cell[]) => cells.map((cell) => `${cell.kind}:${cell.text}`);

  it('uses vertical forms, sets numbers of one or two digits upright and turns longer Latin words', () => {
    const cells = verticalCells('「在 20 年裡，GPT 4」。', MONOSPACE_METRICS);
    expect(show(cells)).toEqual([
      'upright:﹁',
      'upright:在',
      'tcy:20',
      'upright:年',
      'upright:裡',
      'upright:︐',
      'rotated:GPT',
      'space: ',
      'tcy:4',
      'upright:﹂',
      'upright:︒',
    ]);
    expect(cells.find((cell) => cell.kind === 'rotated')!.length).toBe(1.5);
  });

  it('turns numbers of three digits and more', () => {
    expect(show(verticalCells('第 100 名', MONOSPACE_METRICS))).toEqual(['upright:第', 'space: ', 'rotated:100', 'space: ', 'upright:名']);
  });

  it('keeps the horizontal forms of ，。、：；！？ for Traditional text, to be centred in the cell', () => {
    expect(show(verticalCells('是，的。嗎？', MONOSPACE_METRICS, { centreMarks: true }))).toEqual([
      'upright:是',
      'upright:，',
      'upright:的',
      'upright:。',
      'upright:嗎',
      'upright:？',
    ]);
    // A font that draws the comma low left (as Simplified fonts do) has it moved to the middle.
    const lowLeft = { ...MONOSPACE_METRICS, centring: (char: string) => (char === '，' ? { x: 0.35, y: -0.4 } : { x: 0, y: 0 }) };
    expect(verticalCells('是，', lowLeft, { centreMarks: true })[1]!.shift).toEqual({ x: 0.35, y: -0.4 });
  });

  it('puts ，。、 top right for Simplified text when the font has no vertical forms, and turns brackets and ellipses', () => {
    const noVerticalForms = { ...MONOSPACE_METRICS, covers: (char: string) => !/[\ufe10-\ufe4f]/u.test(char) };
    const cells = verticalCells('是，「好」……', noVerticalForms);
    expect(show(cells)).toEqual(['upright:是', 'upright:，', 'rotated:「', 'upright:好', 'rotated:」', 'rotated:…', 'rotated:…']);
    expect(cells[1]!.shift).toEqual({ x: 0.25, y: -0.25 });
  });

  it('squeezes marks that meet in a column as in lines: a closing bracket and a comma', () => {
    const squeezes = (options: { centreMarks?: boolean }) =>
      verticalCells('得」，因', MONOSPACE_METRICS, options).map((cell) => cell.squeeze);
    // Simplified: 」 has half an em blank below, ︐ none above; a quarter em is kept.
    expect(squeezes({})).toEqual([0, 0.25, 0, 0]);
    // Traditional: the centred comma adds a quarter em above it.
    expect(squeezes({ centreMarks: true })).toEqual([0, 0.5, 0, 0]);
    expect(lineLength('得」，因', verticalMeasure(MONOSPACE_METRICS, { centreMarks: true }))).toBe(3.5);
  });
});
