/**
 * `npm run bench`: every contender draws the same card in one run, interleaved
 * round by round, so a busy machine slows them alike and the ratios hold.
 * Prints medians and p95, the ratios against the issue's targets, and writes
 * bench/results.json. A section that cannot run says why and the rest go on.
 * BENCH_ROUNDS (warm, default 30) and BENCH_COLD_ROUNDS (default 3) scale it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';
import { Resvg } from '@resvg/resvg-js';
import { PNG } from 'pngjs';
import satori from 'satori';
import { CHINESE_LANGS, THEMES } from '../src/cards/options.ts';
import { readQuotesFile } from '../src/node/app.ts';
import { nodePlatform } from '../src/node/platform.ts';
import { createRenderer } from '../src/cards/render.ts';
import { encodeOpaquePng } from '../src/cards/png.ts';
import { nodeDeflate } from '../src/node/platform.ts';
import { TEMPLATE_NAMES } from '../templates/index.ts';
import { CARD_PATH, OPTIONS, QUOTE_ID, satoriFonts, toHtml, writeBenchCard } from './card.ts';
import { edgeReport, runEdgeBench, type EdgeResults } from './edge.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 30);
const COLD_ROUNDS = Number(process.env.BENCH_COLD_ROUNDS ?? 3);
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

type Stats = { median: number; p95: number; runs: number };
const warm: Record<string, number[]> = {};
/** Process CPU time per card (all its threads): steadier than wall time on a busy machine. */
const warmCpu: Record<string, number[]> = {};
const cold: Record<string, number[]> = {};
const bytes: Record<string, number> = {};
const rss: Record<string, number> = {};
const notes: string[] = [];
const http: Record<string, unknown> = {};
const exported: Record<string, unknown> = {};
const checks: Record<string, boolean> = {};

function note(message: string) {
  notes.push(message);
  console.log(`  note: ${message}`);
}
function stats(samples: number[] = []): Stats | undefined {
  if (samples.length === 0) return undefined;
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
  return { median: at(0.5), p95: at(0.95), runs: samples.length };
}
const median = (samples?: number[]) => stats(samples)?.median;
const tick = () => new Promise((resolve) => setImmediate(resolve)); // resvg frees memory after a GC and an event-loop turn
async function timed(samples: Record<string, number[]>, name: string, run: () => Promise<unknown> | unknown) {
  const start = performance.now();
  await run();
  (samples[name] ??= []).push(performance.now() - start);
}

// 0. The reference card, this project's renderer, and the pieces of the floor.
console.log(
  `quote-cards benchmark: ${QUOTE_ID}, ${OPTIONS.template}, ${OPTIONS.size}, ${OPTIONS.lang}, ${OPTIONS.theme}; ${ROUNDS} warm rounds, ${COLD_ROUNDS} cold`,
);
const renderer = createRenderer(nodePlatform()); // the render path itself, without the server's card cache
const quote = readQuotesFile().find((entry) => entry.id === QUOTE_ID)!;
const card = await writeBenchCard(renderer);
const fonts = satoriFonts(card);
const resvgOptions = { fitTo: { mode: 'width' as const, value: card.width }, font: { loadSystemFonts: false } };
const rendered = new Resvg(card.svg, resvgOptions).render();
const pixels = Buffer.from(rendered.pixels);
const ours = await renderer.png(quote, OPTIONS);
const resvgPng = rendered.asPng();
bytes['this project'] = ours.length;
bytes["resvg's own asPng()"] = resvgPng.length;
checks['pixel-identical to resvg'] = Buffer.compare(PNG.sync.read(Buffer.from(ours)).data, PNG.sync.read(resvgPng).data) === 0;

/** RGBA pixels as a PNG's IDAT data, filter 0, zlib level 1: the plain fast encoder (the chunks around it cost microseconds). */
function zlibRgba(rgba: Uint8Array, width: number, height: number): Uint8Array {
  const stride = width * 4;
  const rows = new Uint8Array((stride + 1) * height);
  for (let y = 0; y < height; y++) rows.set(rgba.subarray(y * stride, (y + 1) * stride), y * (stride + 1) + 1);
  return deflateSync(rows, { level: 1 });
}
const sharp = (await import('sharp')).default;
const ENCODERS: Record<string, () => unknown> = {
  'encode: this project (indexed, zlib)': () => encodeOpaquePng(pixels, card.width, card.height, nodeDeflate),
  "encode: resvg's asPng()": () => rendered.asPng(),
  'encode: zlib RGBA level 1': () => zlibRgba(pixels, card.width, card.height),
  'encode: sharp (libvips)': () =>
    sharp(pixels, { raw: { width: card.width, height: card.height, channels: 4 } })
      .png()
      .toBuffer(),
};

/** The two fastest encoders, for the floor chain. */
const FAST_ENCODERS = {
  'indexed (this project)': (rgba: Uint8Array, width: number, height: number) => encodeOpaquePng(rgba, width, height, nodeDeflate),
  'zlib RGBA level 1': zlibRgba,
};

// Child processes that render on request: @vercel/og with sharp and with its own resvg-wasm.
interface Worker {
  child: ChildProcess;
  render(): Promise<{ ms: number; cpuMs: number; bytes: number; rss: number }>;
}
function startVercelOg(hideSharp: boolean): Promise<Worker> {
  const args = [...(hideSharp ? ['--import', './bench/hide-sharp.mjs'] : []), 'bench/vercel-og.mjs'];
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`@vercel/og child exited with ${code}`)));
    child.once('message', () =>
      resolve({
        child,
        render: () =>
          new Promise((done) => {
            child.once('message', (reply) => done(reply as { ms: number; cpuMs: number; bytes: number; rss: number }));
            child.send('render');
          }),
      }),
    );
  });
}

// A local page for Chromium: the card as HTML, the same font files.
const pageServer = createServer((request, response) => {
  if (request.url === '/card.html') return response.end(toHtml(card, (file) => `/fonts/${file.split('/').pop()}`));
  const font = card.fonts.find((entry) => request.url === `/fonts/${entry.file.split('/').pop()}`);
  if (!font) return response.writeHead(404).end();
  response.writeHead(200, { 'content-type': 'font/otf', 'cache-control': 'max-age=3600' }).end(readFileSync(font.file));
});
await new Promise<void>((resolve) => pageServer.listen(0, '127.0.0.1', resolve));
const pageUrl = `http://127.0.0.1:${(pageServer.address() as { port: number }).port}/card.html`;
type Browser = Awaited<ReturnType<(typeof import('playwright-core'))['chromium']['launch']>>;
async function launchChromium(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}
async function screenshot(page: Awaited<ReturnType<Browser['newPage']>>): Promise<Buffer> {
  await page.goto(pageUrl, { waitUntil: 'load' });
  await page.evaluate(() => document.fonts.ready);
  return page.screenshot({ type: 'png' });
}

// 1. Warm: one card per contender per round, the order rotating each round.
console.log('\n[1/4] warm renders');
const contenders: [string, () => Promise<unknown>][] = [
  ['this project', () => renderer.png(quote, OPTIONS)],
  ['floor: satori', () => satori(card.element as Parameters<typeof satori>[0], { width: card.width, height: card.height, fonts })],
  ['floor: resvg parse + rasterise', async () => new Resvg(card.svg, resvgOptions).render()],
  ...Object.entries(ENCODERS).map(([name, run]): [string, () => Promise<unknown>] => [name, async () => run()]),
  // The floor as one chain, timed like this project's render (a sum of medians would flatter it).
  ...Object.entries(FAST_ENCODERS).map(([name, encode]): [string, () => Promise<unknown>] => [
    `floor chain: satori → resvg → ${name}`,
    async () => {
      const svg = await satori(card.element as Parameters<typeof satori>[0], { width: card.width, height: card.height, fonts });
      const image = new Resvg(svg, resvgOptions).render();
      return encode(image.pixels, image.width, image.height);
    },
  ]),
];
for (const [name, hideSharp] of [
  ['@vercel/og 1.0.1 (sharp)', false],
  ['@vercel/og 1.0.1 (resvg-wasm)', true],
] as const) {
  try {
    const worker = await startVercelOg(hideSharp);
    contenders.push([
      name,
      async () => {
        const reply = await worker.render();
        bytes[name] = reply.bytes;
        rss[name] = reply.rss;
        return reply; // the child's own times, without the message round trip
      },
    ]);
    process.on('exit', () => worker.child.kill());
  } catch (error) {
    note(`${name}: skipped — ${(error as Error).message}`);
  }
}
let browser: Browser | undefined;
if (existsSync(CHROMIUM)) {
  try {
    browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: card.width, height: card.height } });
    contenders.push([
      'headless Chromium (page reused)',
      async () => (bytes['headless Chromium (page reused)'] = (await screenshot(page)).length),
    ]);
  } catch (error) {
    note(`headless Chromium: skipped — ${(error as Error).message.split('\n')[0]}`);
  }
} else note(`headless Chromium: skipped — ${CHROMIUM} not found (apt-get install chromium)`);

for (let round = -3; round < ROUNDS; round++) {
  for (let i = 0; i < contenders.length; i++) {
    const [name, run] = contenders[(i + Math.max(round, 0)) % contenders.length]!;
    const start = performance.now();
    const cpu = process.cpuUsage();
    const result = await run();
    const used = process.cpuUsage(cpu);
    const child = name.startsWith('@vercel/og') ? (result as { ms: number; cpuMs: number }) : undefined;
    if (round >= 0) {
      // Three warm-up rounds first. Chromium works in other processes: no CPU time for it.
      (warm[name] ??= []).push(child?.ms ?? performance.now() - start);
      if (!name.includes('Chromium')) (warmCpu[name] ??= []).push(child?.cpuMs ?? (used.user + used.system) / 1000);
    }
    await tick();
  }
  if (round >= 0 && (round + 1) % 10 === 0) console.log(`  round ${round + 1}/${ROUNDS}`);
}
const chains = Object.keys(warm).filter((name) => name.startsWith('floor chain'));
const floorChain = chains.reduce((best, name) => (median(warm[name])! < median(warm[best])! ? name : best));
const floor = median(warm[floorChain])!;
const floorCpu = Math.min(...chains.map((name) => median(warmCpu[name])!));
const floorSum =
  median(warm['floor: satori'])! +
  median(warm['floor: resvg parse + rasterise'])! +
  Math.min(...Object.keys(ENCODERS).map((name) => median(warm[name])!));
console.log(`  floor = fastest chain (${floorChain}) = ${floor.toFixed(1)} ms; sum of the steps' medians = ${floorSum.toFixed(1)} ms`);

// 2. Cold: a fresh process to its first PNG.
console.log('\n[2/4] cold starts');
function spawnUntilExit(args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (chunk) => (stderr += chunk));
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`exit ${code}: ${stderr.trim().split('\n').pop()}`))));
  });
}
/** Spawns the server and waits for its first PNG; returns the server's process (still running) and the time. */
async function serverToFirstPng(command: string, args: string[], port: number): Promise<{ child: ChildProcess; ms: number }> {
  const start = performance.now();
  const child = spawn(command, args, { cwd: ROOT, env: { ...process.env, PORT: String(port) }, stdio: 'ignore', detached: true });
  let exited = false;
  child.once('exit', () => (exited = true));
  for (;;) {
    if (exited) throw new Error(`${command} ${args.join(' ')} exited before serving`);
    if (performance.now() - start > 60_000) throw new Error('no card within 60 s');
    try {
      const response = await fetch(`http://127.0.0.1:${port}${CARD_PATH}`);
      const body = await response.arrayBuffer();
      if (response.status !== 200) throw new Error(`HTTP ${response.status}: ${Buffer.from(body).toString().slice(0, 200)}`);
      return { child, ms: performance.now() - start };
    } catch (error) {
      if ((error as Error).message.startsWith('HTTP')) throw error;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }
}
/** A port nobody listens on right now. */
function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}
function stopGroup(child: ChildProcess) {
  try {
    process.kill(-child.pid!, 'SIGTERM');
  } catch {}
}
const floorCold = 'floor: node + satori + resvg, one card';
const directStart = 'this project: node scripts/start.mjs → first PNG';
const coldContenders: [string, () => Promise<void>][] = [
  ['this project: npm start → first PNG', async () => stopGroup((await serverToFirstPng('npm', ['start'], await freePort())).child)],
  [directStart, async () => stopGroup((await serverToFirstPng(process.execPath, ['scripts/start.mjs'], await freePort())).child)],
  [floorCold, () => spawnUntilExit(['bench/floor-cold.mjs'])],
  ['@vercel/og 1.0.1 (sharp)', () => spawnUntilExit(['bench/vercel-og.mjs', 'once'])],
  ['@vercel/og 1.0.1 (resvg-wasm)', () => spawnUntilExit(['--import', './bench/hide-sharp.mjs', 'bench/vercel-og.mjs', 'once'])],
];
if (browser) {
  coldContenders.push([
    'headless Chromium: launch → PNG',
    async () => {
      const fresh = await launchChromium();
      const page = await fresh.newPage({ viewport: { width: card.width, height: card.height } });
      await screenshot(page);
      void fresh.close(); // closing is not part of the time to the PNG
    },
  ]);
}
const failedCold = new Set<string>();
for (let round = 0; round < COLD_ROUNDS; round++) {
  for (const [name, run] of coldContenders) {
    if (failedCold.has(name)) continue;
    try {
      await timed(cold, name, run);
    } catch (error) {
      failedCold.add(name);
      note(`cold ${name}: skipped — ${(error as Error).message}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200)); // let the last one exit
  }
  console.log(`  round ${round + 1}/${COLD_ROUNDS}`);
}
await browser?.close();
pageServer.close();

// 3. The HTTP server under load.
console.log('\n[3/4] HTTP server under load (autocannon, 127.0.0.1)');
try {
  const autocannon = (await import('autocannon')).default;
  const port = await freePort();
  const { child: server } = await serverToFirstPng(process.execPath, ['scripts/start.mjs'], port);
  const quoteIds = readQuotesFile().map((entry) => entry.id);
  // Every request a different card (quote × script × theme × template), as long as they last.
  const paths = quoteIds.flatMap((id) =>
    CHINESE_LANGS.flatMap((lang) =>
      Object.keys(THEMES).flatMap((theme) =>
        TEMPLATE_NAMES.map((template) => `/cards/${id}.png?template=${template}&lang=${lang}&theme=${theme}`),
      ),
    ),
  );
  let next = 0;
  const load = (title: string, options: object) =>
    new Promise<any>((resolve, reject) =>
      autocannon({ url: `http://127.0.0.1:${port}`, duration: 8, ...options }, (error: Error | null, result: any) =>
        error ? reject(error) : resolve(result),
      ),
    ).then((result) => {
      const summary = {
        requestsPerSecond: result.requests.average,
        latencyMs: { p50: result.latency.p50, p99: result.latency.p99 },
        requests: result.requests.total,
        non2xx: result.non2xx,
        errors: result.errors,
      };
      console.log(
        `  ${title}: ${summary.requestsPerSecond.toFixed(0)} req/s, p50 ${summary.latencyMs.p50} ms, p99 ${summary.latencyMs.p99} ms, ${summary.non2xx} non-2xx`,
      );
      return summary;
    });
  http.uncached = await load('uncached (a different card each request)', {
    connections: 2,
    requests: [{ setupRequest: (request: object) => ({ ...request, path: paths[next++ % paths.length] }) }],
  });
  if (next > paths.length) note(`uncached load repeated cards after ${paths.length} requests`);
  http.cached = await load('cached (the same card)', { connections: 32, requests: [{ method: 'GET', path: CARD_PATH }] });
  const status = readFileSync(`/proc/${server.pid}/status`, 'utf8');
  rss['this project: server'] = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1]) * 1024;
  http.cores = availableParallelism();
  stopGroup(server);
} catch (error) {
  note(`HTTP load: skipped — ${(error as Error).message}`);
}

// 4. The batch export, one worker thread and one per core.
console.log('\n[4/4] batch export');
const cli = existsSync(join(ROOT, 'bin/quote-cards.js'))
  ? ['bin/quote-cards.js']
  : existsSync(join(ROOT, 'src/cli/index.ts'))
    ? ['--import', 'tsx', 'src/cli/index.ts']
    : undefined;
if (!cli) note('export CLI not found: the export section is skipped');
else {
  for (const threads of [1, availableParallelism()]) {
    const out = mkdtempSync(join(tmpdir(), 'quote-cards-bench-'));
    try {
      const start = performance.now();
      await spawnUntilExit([
        ...cli,
        'export',
        '--out',
        out,
        '--template',
        'all',
        '--theme',
        'all',
        '--concurrency',
        String(threads),
        '--force',
      ]);
      const seconds = (performance.now() - start) / 1000;
      const cards = readdirSync(out, { recursive: true }).filter((file) => String(file).endsWith('.png')).length;
      exported[`${threads} thread${threads > 1 ? 's' : ''}`] = { cards, seconds, cardsPerSecond: cards / seconds };
      console.log(`  ${threads} thread(s): ${cards} cards in ${seconds.toFixed(1)} s = ${(cards / seconds).toFixed(1)} cards/s`);
    } catch (error) {
      note(`export with ${threads} thread(s) failed — ${(error as Error).message}`);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }
}
rss['bench process (this project, floor, encoders)'] = process.resourceUsage().maxRSS * 1024;

// Ratios and targets.
const ourWarm = median(warm['this project'])!;
const ourCpu = median(warmCpu['this project'])!;
const ourCold = median(cold['this project: npm start → first PNG']);
const ratio = (a?: number, b?: number) => (a !== undefined && b !== undefined ? a / b : undefined);
const exports = Object.values(exported) as { cardsPerSecond: number }[];
const targets = [
  { target: 'warm og card ≤ 1.1× the floor', value: ratio(ourWarm, floor), limit: 1.1, atMost: true, unit: '×' },
  { target: 'PNG of the reference card ≤ 90 KB', value: bytes['this project']! / 1024, limit: 90, atMost: true, unit: ' KB' },
  { target: 'pixel-identical to resvg', value: checks['pixel-identical to resvg'] ? 1 : 0, limit: 1, atMost: false, unit: '' },
  { target: '(same, in CPU time) warm og card ≤ 1.1× the floor', value: ratio(ourCpu, floorCpu), limit: 1.1, atMost: true, unit: '×' },
  {
    target: '≥ 1.2× faster than @vercel/og (sharp)',
    value: ratio(median(warm['@vercel/og 1.0.1 (sharp)']), ourWarm),
    limit: 1.2,
    atMost: false,
    unit: '×',
  },
  {
    target: '≥ 3× faster than @vercel/og (resvg-wasm)',
    value: ratio(median(warm['@vercel/og 1.0.1 (resvg-wasm)']), ourWarm),
    limit: 3,
    atMost: false,
    unit: '×',
  },
  {
    target: '(same, in CPU time) ≥ 1.2× faster than @vercel/og (sharp)',
    value: ratio(median(warmCpu['@vercel/og 1.0.1 (sharp)']), ourCpu),
    limit: 1.2,
    atMost: false,
    unit: '×',
  },
  {
    target: '(same, in CPU time) ≥ 3× faster than @vercel/og (resvg-wasm)',
    value: ratio(median(warmCpu['@vercel/og 1.0.1 (resvg-wasm)']), ourCpu),
    limit: 3,
    atMost: false,
    unit: '×',
  },
  {
    target: '≥ 5× faster than Chromium, warm',
    value: ratio(median(warm['headless Chromium (page reused)']), ourWarm),
    limit: 5,
    atMost: false,
    unit: '×',
  },
  // Chromium's cold time leaves out its driver's start (node + playwright-core are loaded already), so ours leaves out npm's.
  {
    target: '≥ 3× faster than Chromium, cold (node scripts/start.mjs)',
    value: ratio(median(cold['headless Chromium: launch → PNG']), median(cold[directStart])),
    limit: 3,
    atMost: false,
    unit: '×',
  },
  {
    target: 'cold: npm start ÷ the floor process (satori + resvg, one card)',
    value: ratio(ourCold, median(cold[floorCold])),
    limit: Infinity,
    atMost: true,
    unit: '×',
  },
  {
    target: 'cached cards ≥ 3,000 req/s',
    value: (http.cached as { requestsPerSecond: number } | undefined)?.requestsPerSecond,
    limit: 3000,
    atMost: false,
    unit: ' req/s',
  },
  { target: 'first card from a cold server (npm start) ≤ 600 ms', value: ourCold, limit: 600, atMost: true, unit: ' ms' },
  {
    target: 'export: one thread per core ≥ 1.8× one thread',
    value: exports.length === 2 ? exports[1]!.cardsPerSecond / exports[0]!.cardsPerSecond : undefined,
    limit: 1.8,
    atMost: false,
    unit: '×',
  },
].map((entry) => ({
  ...entry,
  result:
    entry.value === undefined || Number.isNaN(entry.value)
      ? 'NOT RUN'
      : entry.limit === Infinity
        ? 'info'
        : (entry.atMost ? entry.value <= entry.limit : entry.value >= entry.limit)
          ? 'PASS'
          : 'FAIL',
}));

// Report.
const cpu = cpus()[0]?.model ?? 'unknown CPU';
const machine = { cpu, cores: availableParallelism(), node: process.version, platform: `${process.platform} ${process.arch}` };
const fmt = (value: number | undefined, digits = 1) => (value === undefined ? '—' : value.toFixed(digits));
console.log(`\nResults (${machine.cpu}, ${machine.cores} cores, Node ${machine.node}); medians and p95 in ms`);
console.log('| contender | warm median | warm p95 | ÷ this project | CPU median | ÷ this project | cold median | PNG bytes |');
console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
const coldFor: Record<string, string> = {
  'this project': 'this project: npm start → first PNG',
  'headless Chromium (page reused)': 'headless Chromium: launch → PNG',
};
for (const [name, samples] of Object.entries(warm)) {
  const s = stats(samples)!;
  const cpu = median(warmCpu[name]);
  console.log(
    `| ${name} | ${fmt(s.median)} | ${fmt(s.p95)} | ${fmt(s.median / ourWarm, 2)}× | ${fmt(cpu)} | ${cpu === undefined ? '—' : `${fmt(cpu / ourCpu, 2)}×`} | ${fmt(median(cold[coldFor[name] ?? name]), 0)} | ${bytes[name]?.toLocaleString('en') ?? ''} |`,
  );
}
console.log(
  `| floor (sum of the steps' medians) | ${fmt(floorSum)} | | ${fmt(floorSum / ourWarm, 2)}× | | | ${fmt(median(cold[floorCold]), 0)} | |`,
);
console.log(
  '\nCold starts (ms): ' +
    Object.entries(cold)
      .map(([name, samples]) => `${name} ${fmt(median(samples), 0)}`)
      .join('; '),
);
console.log(
  'Peak RSS (MB): ' +
    Object.entries(rss)
      .map(([name, value]) => `${name} ${fmt(value / 2 ** 20, 0)}`)
      .join('; '),
);
console.log('\n| target | measured | result |');
console.log('|---|---:|---|');
for (const entry of targets)
  console.log(`| ${entry.target} | ${entry.value === undefined ? '—' : `${fmt(entry.value, 2)}${entry.unit}`} | ${entry.result} |`);

// The edge: the same card inside workerd, against the Workers peers (bench/edge.ts, also `npm run bench:edge`).
let edge: EdgeResults | undefined;
try {
  edge = await runEdgeBench({ rounds: ROUNDS, coldRounds: COLD_ROUNDS, log: (line) => console.log(`  ${line}`) });
  console.log(`\n${edgeReport(edge)}`);
} catch (error) {
  note(`edge section not run: ${(error as Error).message.split('\n')[0]}`);
}
if (notes.length) console.log(`\nNotes:\n${notes.map((line) => `- ${line}`).join('\n')}`);

const results = {
  date: new Date().toISOString(),
  machine,
  card: { quote: QUOTE_ID, ...OPTIONS },
  warm: Object.fromEntries(Object.entries(warm).map(([name, samples]) => [name, stats(samples)])),
  floor: { ms: floor, cpuMs: floorCpu, chain: floorChain, sumOfStepMedians: floorSum },
  cold: Object.fromEntries(Object.entries(cold).map(([name, samples]) => [name, stats(samples)])),
  bytes,
  peakRss: rss,
  http,
  export: exported,
  targets,
  edge,
  notes,
};
writeFileSync(new URL('results.json', import.meta.url), `${JSON.stringify(results, null, 2)}\n`);
console.log('\nWrote bench/results.json');
process.exit(0);
