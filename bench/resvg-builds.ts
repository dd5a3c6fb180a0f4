/**
 * `npm run bench:resvg`: which resvg-wasm builds draw our cards with exactly
 * the pixels of Node's resvg-js 2.6.2 (the reference every test compares with).
 * Rasterises the SVG of every template, size and script of the first
 * BENCH_RESVG_QUOTES quotes (default 8; `all` for every one) with resvg-js,
 * resvg-wasm 2.6.2 (ours) and resvg-wasm 2.4.1 (the build @cf-wasm/og and
 * @vercel/og ship), and counts the cards whose pixels differ, with the largest
 * difference of one channel. The wasm runs in Node's V8, as in workerd's.
 */
import { readFileSync } from 'node:fs';
import { Resvg as ResvgJs } from '@resvg/resvg-js';
import * as resvg262 from '@resvg/resvg-wasm';
import * as resvg241 from '@resvg/resvg-wasm-legacy';
import { CHINESE_LANGS, SIZES, type SizeName } from '../src/cards/options.ts';
import { createRenderer } from '../src/cards/render.ts';
import { readQuotesFile } from '../src/node/app.ts';
import { nodePlatform } from '../src/node/platform.ts';
import { TEMPLATE_NAMES } from '../templates/index.ts';

const wasmFile = (name: string) => readFileSync(new URL(`../node_modules/${name}/index_bg.wasm`, import.meta.url));
await resvg262.initWasm(wasmFile('@resvg/resvg-wasm'));
await resvg241.initWasm(wasmFile('@resvg/resvg-wasm-legacy'));
const BUILDS = { 'resvg-wasm 2.6.2': resvg262.Resvg, 'resvg-wasm 2.4.1': resvg241.Resvg };

const renderer = createRenderer(nodePlatform());
const count = process.env.BENCH_RESVG_QUOTES ?? '8';
const quotes = readQuotesFile().slice(0, count === 'all' ? undefined : Number(count));
const differing: Record<string, { cards: number; maxChannel: number; examples: string[] }> = {};
let cards = 0;
for (const quote of quotes)
  for (const lang of CHINESE_LANGS)
    for (const template of TEMPLATE_NAMES)
      for (const size of Object.keys(SIZES) as SizeName[]) {
        let svg: string;
        try {
          svg = await renderer.svg(quote, { template, size, lang, theme: 'light', scale: 1 });
        } catch {
          continue; // a quote that does not fit this card
        }
        cards++;
        const fitTo = { mode: 'width' as const, value: SIZES[size].width };
        const reference = new ResvgJs(svg, { fitTo, font: { loadSystemFonts: false } }).render().pixels;
        for (const [build, Resvg] of Object.entries(BUILDS)) {
          const resvg = new Resvg(svg, { fitTo });
          const image = resvg.render();
          const pixels = image.pixels;
          image.free();
          resvg.free();
          let maxChannel = 0;
          for (let i = 0; i < pixels.length; i++) maxChannel = Math.max(maxChannel, Math.abs(pixels[i]! - reference[i]!));
          const entry = (differing[build] ??= { cards: 0, maxChannel: 0, examples: [] });
          if (maxChannel > 0 || pixels.length !== reference.length) {
            entry.cards++;
            entry.maxChannel = Math.max(entry.maxChannel, maxChannel);
            if (entry.examples.length < 3) entry.examples.push(`${quote.id} ${lang} ${template} ${size}`);
          }
        }
      }

console.log(`${cards} cards (${quotes.length} quotes × every script, template and size), compared with resvg-js 2.6.2:`);
for (const [build, entry] of Object.entries(differing)) {
  console.log(
    `  ${build}: ${entry.cards === 0 ? 'identical on every card' : `${entry.cards} cards differ, up to ${entry.maxChannel}/255 on a channel (e.g. ${entry.examples.join('; ')})`}`,
  );
}
