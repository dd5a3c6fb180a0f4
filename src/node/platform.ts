import { readFile } from 'node:fs/promises';
import { constants, deflateSync } from 'node:zlib';
import { Resvg } from '@resvg/resvg-js';
import satori from 'satori';
import type { Platform } from '../cards/render.ts';
import { findPackageFile } from './package-file.ts';
import { encodeOpaquePng, type Deflate } from '../cards/png.ts';

const fontsDirectory = new URL('../../fonts/', import.meta.url);

/**
 * Node's zlib at level 1. For an indexed image, Z_RLE finds runs of one byte
 * (of one colour, when a byte is a pixel): as small as level 3 and faster.
 */
export const nodeDeflate: Deflate = (data, { runs }) => deflateSync(data, runs ? { level: 1, strategy: constants.Z_RLE } : { level: 1 });

/** Node's platform pieces: fonts from disk, native resvg, the shared PNG encoder with Node's zlib. */
export function nodePlatform(): Platform {
  return {
    satori: (element, options) => satori(element as Parameters<typeof satori>[0], options),
    async svgToPng(svg, width) {
      const image = new Resvg(svg, { fitTo: { mode: 'width', value: width }, font: { loadSystemFonts: false } }).render();
      // Our encoder is several times faster than asPng() and smaller; asPng() covers translucent pixels.
      return encodeOpaquePng(image.pixels, image.width, image.height, nodeDeflate) ?? new Uint8Array(image.asPng());
    },
    readFont: async (file) => arrayBufferOf(await readFile(new URL(file, fontsDirectory))),
    async readFallbackFont(source) {
      const path = findPackageFile(source);
      // Undefined when the font packages are not installed (a production-only install).
      return path === undefined ? undefined : arrayBufferOf(await readFile(path));
    },
    async readEmoji(name) {
      // Names come from emojiName (hex code points joined by hyphens), never from a request.
      // Twemoji's SVGs (npm `@twemoji/svg`, graphics CC-BY 4.0), one file per emoji sequence.
      const path = /^[0-9a-f]+(?:-[0-9a-f]+)*$/.test(name) ? findPackageFile(`@twemoji/svg/${name}.svg`) : undefined;
      return path === undefined ? undefined : readFile(path, 'utf8');
    },
  };
}

function arrayBufferOf(bytes: Uint8Array): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}
