// @vercel/og's ImageResponse on the reference card, in a child process of the benchmark.
// `node bench/vercel-og.mjs once` renders one card and exits (a cold start);
// with an IPC channel it renders one card per 'render' message and reports the time.
// Run it with `--import ./bench/hide-sharp.mjs` to make @vercel/og use its own resvg-wasm.
import { readFileSync } from 'node:fs';
import { ImageResponse } from '@vercel/og';

const card = JSON.parse(readFileSync(new URL('card.tmp.json', import.meta.url), 'utf8'));
const fonts = card.fonts.map((font) => ({ name: font.name, weight: font.weight, style: 'normal', data: readFileSync(font.file) }));

async function render() {
  const response = new ImageResponse(card.element, { width: card.width, height: card.height, fonts });
  return new Uint8Array(await response.arrayBuffer());
}

if (process.argv[2] === 'once') {
  const png = await render();
  process.stdout.write(`${png.length}\n`);
} else {
  process.on('message', async () => {
    const start = performance.now();
    const cpu = process.cpuUsage();
    const png = await render();
    const ms = performance.now() - start;
    const used = process.cpuUsage(cpu);
    process.send({ ms, cpuMs: (used.user + used.system) / 1000, bytes: png.length, rss: process.resourceUsage().maxRSS * 1024 });
  });
  process.send({ ready: true });
}
