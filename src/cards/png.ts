/**
 * Compresses bytes into a zlib stream (RFC 1950), as a PNG's IDAT holds. `runs`
 * says the data is one byte a pixel, mostly runs of one value (an indexed
 * image), where a run-length strategy is as small and faster. Each runtime
 * passes its own: Node's zlib, fflate on Workers.
 */
export type Deflate = (data: Uint8Array, hints: { runs: boolean }) => Uint8Array;

/**
 * Encodes resvg's raw pixels (RGBA, premultiplied) as a lossless PNG, several
 * times faster than resvg's own `asPng()` and a fraction of its size.
 *
 * Cards are flat colours with anti-aliased edges, so they rarely hold more
 * than a few dozen distinct colours: those become an indexed (palette) PNG,
 * one byte a pixel. Up to 256 colours stay exact; more fall back to RGBA.
 * Returns undefined when a pixel is not fully opaque: premultiplied colours
 * would need dividing back, which `asPng()` does (cards have a background).
 */
export function encodeOpaquePng(rgba: Uint8Array, width: number, height: number, deflate: Deflate): Uint8Array<ArrayBuffer> | undefined {
  const indexed = toPalette(rgba, width, height);
  if (indexed === 'translucent') return undefined;
  if (indexed) return png(width, height, COLOUR_INDEXED, indexed.rows, deflate, indexed.palette);
  for (let alpha = 3; alpha < rgba.length; alpha += 4) if (rgba[alpha] !== 255) return undefined;
  const stride = width * 4;
  const rows = new Uint8Array((stride + 1) * height); // each row: filter byte 0 (none), then the pixels
  for (let y = 0; y < height; y++) rows.set(rgba.subarray(y * stride, (y + 1) * stride), y * (stride + 1) + 1);
  return png(width, height, COLOUR_RGBA, rows, deflate);
}

const COLOUR_INDEXED = 3;
const COLOUR_RGBA = 6;
const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/**
 * Maps every pixel to a palette index, rows prefixed with filter byte 0; or
 * undefined past 256 colours. Cards are mostly runs of one colour and rows
 * equal to the row above, so the work goes per run and per changed row.
 */
function toPalette(rgba: Uint8Array, width: number, height: number) {
  // One 32-bit word a pixel, and one 64-bit word two pixels (a copy only if the bytes are not 8-aligned).
  const aligned = rgba.byteOffset % 8 === 0 ? rgba : rgba.slice();
  const pixels = new Uint32Array(aligned.buffer, aligned.byteOffset, width * height);
  const pairs = width % 2 === 0 ? new Float64Array(aligned.buffer, aligned.byteOffset, (width * height) / 2) : undefined;
  const indices = new Map<number, number>();
  const palette = new Uint8Array(256 * 3);
  const rows = new Uint8Array((width + 1) * height);
  for (let y = 0; y < height; y++) {
    const first = y * width;
    const out = y * (width + 1) + 1;
    if (y > 0 && (pairs ? samePairRow(pairs, first / 2, width / 2) : sameRow(pixels, first, width))) {
      rows.copyWithin(out, out - width - 1, out - 1);
      continue;
    }
    for (let x = 0; x < width;) {
      const pixel = pixels[first + x]!;
      let end = x + 1;
      while (end < width && pixels[first + end] === pixel) end++;
      let index = indices.get(pixel);
      if (index === undefined) {
        const at = (first + x) * 4;
        if (rgba[at + 3] !== 255) return 'translucent';
        if (indices.size === 256) return undefined;
        index = indices.size;
        indices.set(pixel, index);
        palette.set(rgba.subarray(at, at + 3), index * 3);
      }
      rows.fill(index, out + x, out + end);
      x = end;
    }
  }
  return { rows, palette: palette.subarray(0, indices.size * 3) };
}

/** Whether the row starting at pixel `first` equals the row above it. */
function sameRow(pixels: Uint32Array, first: number, width: number): boolean {
  for (let x = 0; x < width; x++) if (pixels[first + x] !== pixels[first - width + x]) return false;
  return true;
}

/**
 * sameRow two pixels at a time, read as 64-bit floats: twice as fast, as
 * close as plain JavaScript gets to memcmp. Float equality differs from bit
 * equality only for NaN (never equal: the row is then scanned, no harm) and
 * for +0 and -0, whose pixels include a fully transparent one (all bytes 0):
 * such a row above was scanned or copied from a scanned one, and scanning it
 * already gave up on the image as translucent.
 */
function samePairRow(pairs: Float64Array, first: number, width: number): boolean {
  for (let x = 0; x < width; x++) if (pairs[first + x] !== pairs[first - width + x]) return false;
  return true;
}

function png(
  width: number,
  height: number,
  colourType: number,
  rows: Uint8Array,
  deflate: Deflate,
  palette?: Uint8Array,
): Uint8Array<ArrayBuffer> {
  const header = new Uint8Array(13);
  const view = new DataView(header.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  header[8] = 8; // bits per sample (or per palette index)
  header[9] = colourType;
  const data = deflate(rows, { runs: colourType === COLOUR_INDEXED });
  const chunks = [
    chunk('IHDR', header),
    ...(palette ? [chunk('PLTE', palette)] : []),
    chunk('IDAT', data),
    chunk('IEND', new Uint8Array()),
  ];
  const file = new Uint8Array(SIGNATURE.length + chunks.reduce((sum, part) => sum + part.length, 0));
  file.set(SIGNATURE);
  let offset = SIGNATURE.length;
  for (const part of chunks) {
    file.set(part, offset);
    offset += part.length;
  }
  return file;
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const bytes = new Uint8Array(12 + data.length);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) bytes[4 + i] = type.charCodeAt(i);
  bytes.set(data, 8);
  view.setUint32(8 + data.length, crc32(bytes.subarray(4, 8 + data.length)));
  return bytes;
}

/** CRC-32 (ISO 3309, as PNG chunks use it: polynomial 0xEDB88320, reflected), one table lookup a byte. */
export function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) crc = CRC_TABLE[(crc ^ bytes[i]!) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

const CRC_TABLE = Uint32Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c;
});
