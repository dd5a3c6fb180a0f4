// resvg-wasm 2.4.1 alone rasterising the benchmark card's SVG (satori's output for
// it) at the card's width: compares resvg builds inside workerd (2.4.1 has no font option; the SVG has no text left).
import { Resvg, initWasm } from '@resvg/resvg-wasm-legacy';
import wasm from '@resvg/resvg-wasm-legacy/index_bg.wasm';
import card from '../card.tmp.json';

let ready: Promise<void> | undefined;

export default {
  async fetch(request: Request) {
    if (new URL(request.url).pathname === '/__ready') return new Response('ok');
    await (ready ??= initWasm(wasm));
    const resvg = new Resvg(card.svg, { fitTo: { mode: 'width', value: card.width } });
    const image = resvg.render();
    const png = image.asPng();
    image.free();
    resvg.free();
    return new Response(png as Uint8Array<ArrayBuffer>, { headers: { 'Content-Type': 'image/png' } });
  },
};
