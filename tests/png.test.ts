import { Resvg } from '@resvg/resvg-js';
import { describe, expect, it } from 'vitest';
import { crc32, encodeOpaquePng } from '../src/cards/png.ts';
import { workerDeflate } from '../src/worker/deflate.ts';
import { nodeDeflate } from '../src/node/platform.ts';
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
    const png = encodeOpaquePng(rgba, width, height, nodeDeflate)!;
    expect(png[25]).toBe(6); // IHDR colour type: RGBA
    expect(Buffer.compare(decodePng(png).data, Buffer.from(rgba))).toBe(0);
  });

  it.each([3, 4])('copies repeated rows exactly, at an odd and an even width (%i)', (width) => {
    const colours = [
      [200, 10, 10, 255],
      [10, 200, 10, 255],
      [10, 10, 200, 255],
    ];
    // Rows 0 and 1 equal, row 2 differs in its last pixel, row 3 equals row 2.
    const rows = [0, 0, 1, 1].map((variant) => Array.from({ length: width }, (_, x) => colours[x === width - 1 ? variant + 1 : 0]!).flat());
    const rgba = new Uint8Array(rows.flat());
    const png = encodeOpaquePng(rgba, width, 4, nodeDeflate)!;
    expect(png[25]).toBe(3); // indexed
    expect(Buffer.compare(decodePng(png).data, Buffer.from(rgba))).toBe(0);
  });

  it('leaves a transparent pixel to resvg even in a row equal, as 64-bit words, to the one above', () => {
    // +0 and -0 are equal as floats: two transparent black pixels, then black and a 128-alpha black.
    const rgba = new Uint8Array([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 128]);
    expect(encodeOpaquePng(rgba, 2, 2, nodeDeflate)).toBeUndefined();
    expect(encodeOpaquePng(rgba.slice().reverse(), 2, 2, nodeDeflate)).toBeUndefined();
  });

  it('leaves translucent pixels to resvg', () => {
    const rgba = new Uint8Array([10, 20, 30, 255, 5, 5, 5, 128]);
    expect(encodeOpaquePng(rgba, 2, 1, nodeDeflate)).toBeUndefined();
  });

  it('writes the same pixels with Node’s zlib and with the Worker’s fflate, at about the same size', async () => {
    const options = { template: 'classic', size: 'og', lang: 'zh-Hant', theme: 'light', scale: 1 } as const;
    const svg = await renderer.svg(quoteById('ai-should-be-for-everyone'), options);
    const image = new Resvg(svg, { fitTo: { mode: 'width', value: 1200 }, font: { loadSystemFonts: false } }).render();
    const node = encodeOpaquePng(image.pixels, image.width, image.height, nodeDeflate)!;
    const worker = encodeOpaquePng(image.pixels, image.width, image.height, workerDeflate)!;
    expect(node[25]).toBe(3); // IHDR colour type: indexed
    expect(worker[25]).toBe(3);
    expect(Buffer.compare(decodePng(worker).data, decodePng(node).data)).toBe(0);
    expect(Buffer.compare(decodePng(node).data, decodePng(image.asPng()).data)).toBe(0);
    expect(worker.length).toBeLessThan(node.length * 1.2);
    expect(worker.length).toBeLessThan(image.asPng().length / 2);
  });

  it('checksums chunks with CRC-32 as PNG defines it', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    expect(crc32(new TextEncoder().encode('IEND'))).toBe(0xae426082);
    expect(crc32(new Uint8Array())).toBe(0);
  });
});
