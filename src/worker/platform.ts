import { Resvg, initWasm as initResvg } from '@resvg/resvg-wasm';
import resvgWasm from '@resvg/resvg-wasm/index_bg.wasm';
import satori, { init as initSatori } from 'satori/standalone';
import yogaWasm from 'satori/yoga.wasm';
import { encodeOpaquePng } from '../cards/png.ts';
import type { Platform } from '../cards/render.ts';
import { workerDeflate } from './deflate.ts';
import bundledEmoji from '../../fonts/emoji.json';

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
 * wasm modules, the shared PNG encoder with fflate, fonts from `readFont` (the
 * static assets, see font-assets.ts), the bundled quotes' emoji from a bundled
 * module, no full-font fallback (the full fonts are far larger than the
 * subsets).
 */
export function workerPlatform(readFont: Platform['readFont']): Platform {
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
    readFont,
  };
}
