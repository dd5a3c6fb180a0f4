import { Resvg, initWasm as initResvg } from '@resvg/resvg-wasm';
import resvgWasm from '@resvg/resvg-wasm/index_bg.wasm';
import satori, { init as initSatori } from 'satori/standalone';
import yogaWasm from 'satori/yoga.wasm';
import { encodeOpaquePng } from '../cards/png.ts';
import type { Platform } from '../cards/render.ts';
import { workerDeflate } from './deflate.ts';
import kaiHans400 from '../../fonts/kai-hans-400.ttf';
import kaiHant400 from '../../fonts/kai-hant-400.ttf';
import sansHans400 from '../../fonts/sans-hans-400.otf';
import sansHant400Extra from '../../fonts/sans-hant-400-extra.otf';
import sansHant400 from '../../fonts/sans-hant-400.otf';
import bundledEmoji from '../../fonts/emoji.json';
import serifHans400 from '../../fonts/serif-hans-400.ttf';
import serifHant400 from '../../fonts/serif-hant-400.ttf';

/**
 * Every subset font in fonts/, bundled into the Worker as a Data module
 * (an ArrayBuffer). Each FONT_FILES entry needs a line here; a test fails
 * when one is missing.
 */
export const WORKER_FONTS: Readonly<Record<string, ArrayBuffer>> = {
  'sans-hant-400.otf': sansHant400,
  'sans-hant-400-extra.otf': sansHant400Extra,
  'sans-hans-400.otf': sansHans400,
  'kai-hant-400.ttf': kaiHant400,
  'kai-hans-400.ttf': kaiHans400,
  'serif-hant-400.ttf': serifHant400,
  'serif-hans-400.ttf': serifHans400,
};

let wasmReady: Promise<void> | undefined;

/**
 * Instantiates satori's yoga and resvg from their precompiled modules, once
 * per isolate and only when the first card is drawn, so start-up stays cheap.
 * A failed start is kept, not retried or hidden: every render reports it.
 */
function initWasm(): Promise<void> {
  wasmReady ??= Promise.all([initSatori(yogaWasm), initResvg(resvgWasm)]).then(() => undefined);
  return wasmReady;
}

/**
 * The Workers platform pieces: satori/standalone and resvg-wasm from imported
 * wasm modules, the shared PNG encoder with fflate, fonts and the bundled
 * quotes' emoji from bundled modules, no full-font fallback (the full fonts
 * would not fit the bundle).
 */
export function workerPlatform(): Platform {
  return {
    async satori(element, options) {
      await initWasm();
      return satori(element as Parameters<typeof satori>[0], options);
    },
    async svgToPng(svg, width) {
      await initWasm();
      // resvg-wasm's objects live in wasm memory, which no garbage collector
      // reclaims: free each one, or every card leaks a few megabytes.
      const resvg = new Resvg(svg, { fitTo: { mode: 'width', value: width }, font: { loadSystemFonts: false } });
      try {
        const image = resvg.render();
        try {
          // The same indexed PNG as Node writes; asPng() covers translucent pixels.
          return encodeOpaquePng(image.pixels, image.width, image.height, workerDeflate) ?? (image.asPng() as Uint8Array<ArrayBuffer>);
        } finally {
          image.free();
        }
      } finally {
        resvg.free();
      }
    },
    // Only the emoji the bundled quotes use are bundled (fonts/emoji.json, built by `npm run fonts`).
    readEmoji: async (name) => (Object.hasOwn(bundledEmoji, name) ? (bundledEmoji as Record<string, string>)[name] : undefined),
    async readFont(file) {
      const data = WORKER_FONTS[file];
      if (!data) throw new Error(`Font "${file}" is not bundled into the Worker: import it in src/worker/platform.ts.`);
      return data;
    },
  };
}
