// resvg-wasm 2.6.2 alone rasterising the benchmark card's SVG (satori's output for
// it), with this project's options: compares resvg builds inside workerd.
import { Resvg, initWasm } from '@resvg/resvg-wasm';
import wasm from '@resvg/resvg-wasm/index_bg.wasm';
import card from '../card.tmp.json';

let ready: Promise<void> | undefined;

export default {
  async fetch(request: Request) {
    if (new URL(request.url).pathname === '/__ready') return new Response('ok');
    await (ready ??= initWasm(wasm));
    const resvg = new Resvg(card.svg, { fitTo: { mode: 'width', value: card.width }, font: { loadSystemFonts: false } });
    const image = resvg.render();
    const png = image.asPng();
    image.free();
    resvg.free();
    return new Response(png as Uint8Array<ArrayBuffer>, { headers: { 'Content-Type': 'image/png' } });
  },
};
