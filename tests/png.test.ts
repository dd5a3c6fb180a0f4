import { Resvg } from '@resvg/resvg-js';
import { describe, expect, it } from 'vitest';
import { encodeOpaquePng } from '../src/node/png.ts';
import { readQuotesFile } from '../src/node/app.ts';
import { decodePng, getBytes, renderer } from './helpers.ts';

const quotes = readQuotesFile();
const quoteById = (id: string) => quotes.find((quote) => quote.id === id)!;

/** The card every benchmark renders: dark classic og card of a 90-character quote. */
const REFERENCE_CARD = '/cards/ai-should-be-for-everyone.png?theme=dark';

function resvgOwnPng(svg: string, width: number) {
  return new Resvg(svg, { fitTo: { mode: 'width', value: width }, font: { loadSystemFonts: false } }).render().asPng();
}

describe('PNG encoding', () => {
  it('keeps the reference card within its byte budget', async () => {
    const { res, bytes } = await getBytes(REFERENCE_CARD);
    expect(res.status).toBe(200);
    expect(bytes.length).toBeLessThanOrEqual(90 * 1024);
  });

  it.each([
    ['ai-should-be-for-everyone', { template: 'classic', size: 'og', lang: 'zh-Hant', theme: 'dark', scale: 1 }],
    ['debate-before-spending-gpus', { template: 'minimal', size: 'square', lang: 'zh-Hans', theme: 'light', scale: 1 }],
  ] as const)('gives exactly the pixels of resvg’s own PNG (%s)', async (id, options) => {
    const quote = quoteById(id);
    const ours = decodePng(await renderer.png(quote, options));
    const theirs = decodePng(resvgOwnPng(await renderer.svg(quote, options), ours.width));
    expect([ours.width, ours.height]).toEqual([theirs.width, theirs.height]);
    expect(Buffer.compare(ours.data, theirs.data)).toBe(0);
  });

  it('falls back to RGBA past 256 colours, still exact', () => {
    const [width, height] = [300, 2]; // 600 distinct colours
    const rgba = new Uint8Array(width * height * 4).map((_, i) => [(i >> 2) & 255, i >> 10, 90, 255][i % 4]!);
    const png = encodeOpaquePng(rgba, width, height)!;
    expect(png[25]).toBe(6); // IHDR colour type: RGBA
    expect(Buffer.compare(decodePng(png).data, Buffer.from(rgba))).toBe(0);
  });

  it('leaves translucent pixels to resvg', () => {
    const rgba = new Uint8Array([10, 20, 30, 255, 5, 5, 5, 128]);
    expect(encodeOpaquePng(rgba, 2, 1)).toBeUndefined();
  });
});
