import { describe, expect, it } from 'vitest';
import type { Lang } from '../src/cards/options.ts';
import type { Quote } from '../src/cards/quotes.ts';
import { createRenderer } from '../src/cards/render.ts';
import { nodePlatform } from '../src/node/platform.ts';
import { decodePng } from './helpers.ts';

// Where the vertical template draws punctuation, read from rendered pixels: a
// card with a mark between two characters is compared with the same card with
// a character in the mark's place, which has the same layout (every cell is
// 1em). Where the two differ is the mark's cell; the character drawn there in
// the second card gives the cell's middle.
const renderer = createRenderer(nodePlatform());
const quote = (text: string): Quote => ({
  id: 'vertical-marks',
  text,
  lang: 'zh-Hant',
  speaker: { name: '李開復' },
  source: { title: '財富創新論壇' },
});
const cardOf = (lang: Lang) => ({ template: 'vertical', size: 'og', lang, theme: 'light', scale: 1 }) as const;

interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** The bounding box of the pixels `keep` accepts, or undefined when there are none. */
function boxOf(width: number, height: number, keep: (index: number) => boolean): Box | undefined {
  let box: Box | undefined;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (!keep((y * width + x) * 4)) continue;
      box = box
        ? { left: Math.min(box.left, x), top: Math.min(box.top, y), right: Math.max(box.right, x), bottom: Math.max(box.bottom, y) }
        : { left: x, top: y, right: x, bottom: y };
    }
  }
  return box;
}

const centre = (box: Box) => ({ x: (box.left + box.right + 1) / 2, y: (box.top + box.bottom + 1) / 2 });

/** The ink of `mark` set between two 天, relative to the middle of its cell, in em (x rightwards, y downwards). */
async function markOffset(mark: string, lang: Lang): Promise<{ x: number; y: number; size: number }> {
  const options = cardOf(lang);
  const [withMark, withCharacter] = await Promise.all([
    renderer.png(quote(`天${mark}天`), options),
    renderer.png(quote('天天天'), options),
  ]);
  const { fontSize } = (await renderer.compose(quote(`天${mark}天`), options)).layout;
  expect((await renderer.compose(quote('天天天'), options)).layout.fontSize).toBe(fontSize);
  const a = decodePng(withMark);
  const b = decodePng(withCharacter);
  const differs = (i: number) => [0, 1, 2].some((channel) => Math.abs(a.data[i + channel]! - b.data[i + channel]!) > 40);
  const cell = boxOf(a.width, a.height, differs)!;
  expect(cell, 'the two cards differ in the mark’s cell').toBeDefined();
  // Dark pixels (the text is dark on a light page) inside the changed region.
  const inside = (i: number) => {
    const x = (i / 4) % a.width;
    const y = Math.floor(i / 4 / a.width);
    return x >= cell.left && x <= cell.right && y >= cell.top && y <= cell.bottom;
  };
  const ink = (png: typeof a) => (i: number) => inside(i) && png.data[i]! + png.data[i + 1]! + png.data[i + 2]! < 3 * 128;
  const markInk = boxOf(a.width, a.height, ink(a))!;
  const characterInk = boxOf(b.width, b.height, ink(b))!;
  const at = centre(markInk);
  const middle = centre(characterInk);
  return {
    x: (at.x - middle.x) / fontSize,
    y: (at.y - middle.y) / fontSize,
    size: Math.max(markInk.right - markInk.left, markInk.bottom - markInk.top) / fontSize,
  };
}

describe('punctuation in columns, from rendered pixels', () => {
  it.each([
    ['zh-Hant', '，'],
    ['zh-Hant', '。'],
    ['zh-Hant', '、'],
    ['zh-Hant', '？'],
    ['zh-HK', '，'],
    ['zh-HK', '。'],
  ] as const)('%s centres %s in its cell (Taiwan and Hong Kong)', async (lang, mark) => {
    const offset = await markOffset(mark, lang);
    expect(offset.size).toBeLessThan(0.8);
    expect(Math.abs(offset.x), JSON.stringify(offset)).toBeLessThan(0.1);
    expect(Math.abs(offset.y), JSON.stringify(offset)).toBeLessThan(0.1);
  });

  it.each(['，', '。', '、'])('zh-Hans sets %s in the top right of its cell (mainland China)', async (mark) => {
    const offset = await markOffset(mark, 'zh-Hans');
    expect(offset.size).toBeLessThan(0.5);
    expect(offset.x, JSON.stringify(offset)).toBeGreaterThan(0.15);
    expect(offset.y, JSON.stringify(offset)).toBeLessThan(-0.15);
  });
});

describe('the vertical card', () => {
  const cells = async (text: string, lang: Lang) =>
    (await renderer.compose(quote(text), cardOf(lang))).layout.lines.flatMap((line) => line.runs.map((run) => `${run.kind}:${run.text}`));

  it('sets GPT 4 with the 4 upright across the column and GPT turned, without spaces around the number', async () => {
    expect(await cells('即使在今天，GPT 4 仍然是黃金標準。', 'zh-Hant')).toEqual([
      ...[...'即使在今天，'].map((char) => `upright:${char}`),
      'rotated:GPT',
      'space: ',
      'tcy:4',
      ...[...'仍然是黃金標準。'].map((char) => `upright:${char}`),
    ]);
    expect(await cells('在過去的 20 年裡', 'zh-Hant')).toEqual([
      'upright:在',
      'upright:過',
      'upright:去',
      'upright:的',
      'tcy:20',
      'upright:年',
      'upright:裡',
    ]);
  });

  it('sets the attribution with the same forms as the quote: its comma centred for zh-Hant, in vertical form for zh-Hans', async () => {
    const attribution = async (lang: Lang) =>
      (await renderer.compose(quote('天天天'), cardOf(lang))).attribution.lines
        .flatMap((line) => line.runs.map((run) => run.text))
        .join('');
    expect(await attribution('zh-Hant')).toBe('李開復，財富創新論壇');
    expect(await attribution('zh-Hans')).toBe('李开复︐财富创新论坛');
  });

  it('squeezes a closing bracket and a comma that meet in a column', async () => {
    const { layout } = await renderer.compose(quote('「可獲得」，因為'), cardOf('zh-Hans'));
    const closing = layout.lines.flatMap((line) => line.runs).find((run) => run.text === '﹂')!;
    expect(closing.squeeze).toBeCloseTo(layout.fontSize * 0.25, 1);
  });
});
