import { unzlibSync } from 'fflate';

/**
 * Decodes a PNG (8-bit RGB, RGBA or palette, not interlaced: what resvg and
 * this project's encoder write) into RGBA pixels, in plain JavaScript that
 * runs in Node and in workerd. Two encoders may write the same pixels as
 * different bytes, so parity is checked on what the image shows.
 */
export function pngPixels(png: Uint8Array): Uint8Array {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  let [width, height, colourType] = [0, 0, 0];
  let palette: Uint8Array = new Uint8Array(0);
  const idat: Uint8Array[] = [];
  for (let at = 8; at < png.length;) {
    const length = view.getUint32(at);
    const type = String.fromCharCode(...png.subarray(at + 4, at + 8));
    const data = png.subarray(at + 8, at + 8 + length);
    if (type === 'IHDR') {
      [width, height, colourType] = [view.getUint32(at + 8), view.getUint32(at + 12), data[9]!];
      if (data[8] !== 8 || data[12] !== 0) throw new Error('only 8-bit, non-interlaced PNGs are decoded here');
    } else if (type === 'PLTE') palette = data;
    else if (type === 'IDAT') idat.push(data);
    at += 12 + length;
  }
  const channels = ({ 2: 3, 3: 1, 6: 4 } as Record<number, number>)[colourType];
  if (!channels) throw new Error(`PNG colour type ${colourType} is not decoded here`);
  const compressed = new Uint8Array(idat.reduce((sum, part) => sum + part.length, 0));
  idat.reduce((offset, part) => (compressed.set(part, offset), offset + part.length), 0);
  const raw = unzlibSync(compressed);
  const stride = width * channels;
  const rows = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1);
    const out = rows.subarray(y * stride);
    const above = y > 0 ? rows.subarray((y - 1) * stride) : new Uint8Array(stride);
    for (let i = 0; i < stride; i++) {
      const [a, b, c] = [i >= channels ? out[i - channels]! : 0, above[i]!, i >= channels ? above[i - channels]! : 0];
      const predicted = filter === 1 ? a : filter === 2 ? b : filter === 3 ? (a + b) >> 1 : filter === 4 ? paeth(a, b, c) : 0;
      out[i] = (line[i]! + predicted) & 255;
    }
  }
  const rgba = new Uint8Array(width * height * 4).fill(255);
  for (let p = 0; p < width * height; p++) {
    const colour = channels === 1 ? palette.subarray(rows[p]! * 3, rows[p]! * 3 + 3) : rows.subarray(p * channels, p * channels + channels);
    rgba.set(colour, p * 4);
  }
  return rgba;
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const [pa, pb, pc] = [Math.abs(p - a), Math.abs(p - b), Math.abs(p - c)];
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}
