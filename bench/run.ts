/**
 * `npm run bench`: every contender draws the same card in one run, interleaved
 * round by round, so a busy machine slows them alike and the ratios hold.
 * Prints medians and p95, the ratios against the issue's targets, and writes
 * bench/results.json. A section that cannot run says why and the rest go on.
 * BENCH_ROUNDS (warm, default 30), BENCH_COLD_ROUNDS (default 3) and
 * BENCH_LOAD_ROUNDS (HTTP and export, default 2) scale it; BENCH_SECTIONS
 * (default warm,cold,http,export,edge) picks sections.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
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
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../scripts/chromium.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 30);
const COLD_ROUNDS = Number(process.env.BENCH_COLD_ROUNDS ?? 3);
const LOAD_ROUNDS = Number(process.env.BENCH_LOAD_ROUNDS ?? 2);
const SECTIONS = new Set((process.env.BENCH_SECTIONS ?? 'warm,cold,http,export,edge').split(','));
/** The machine's load average (1, 5, 15 min) at each section's start: other work on a shared machine skews absolute numbers. */
const loads: Record<string, number[]> = {};
const markLoad = (section: string) => (loads[section] = loadavg().map((value) => Math.round(value * 100) / 100));

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
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
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
if (existsSync(CHROMIUM_PATH)) {
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
} else note(`headless Chromium: skipped — ${CHROMIUM_PATH} not found (apt-get install chromium)`);

markLoad('warm');
for (let round = SECTIONS.has('warm') ? -3 : ROUNDS; round < ROUNDS; round++) {
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
const floorChain = chains.reduce((best, name) => (median(warm[name])! < median(warm[best])! ? name : best), chains[0] ?? 'none');
const floor = median(warm[floorChain]) ?? NaN;
const floorCpu = Math.min(...chains.map((name) => median(warmCpu[name])!));
const floorSum =
  median(warm['floor: satori'])! +
  median(warm['floor: resvg parse + rasterise'])! +
  Math.min(...Object.keys(ENCODERS).map((name) => median(warm[name])!));
if (SECTIONS.has('warm'))
  console.log(`  floor = fastest chain (${floorChain}) = ${floor.toFixed(1)} ms; sum of the steps' medians = ${floorSum.toFixed(1)} ms`);

// 2. Cold: a fresh process to its first PNG.
console.log('\n[2/4] cold starts');
/** Runs a node process to its end; resolves with the CPU milliseconds it used, all its threads together. */
function spawnUntilExit(args: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', './bench/cpu-usage.mjs', ...args], {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr!.on('data', (chunk) => (stderr += chunk));
    child.once('exit', (code) =>
      code === 0
        ? resolve(Number(/cpu-ms (\S+)\s*$/.exec(stderr)?.[1]))
        : reject(new Error(`exit ${code}: ${stderr.trim().split('\n').at(-2)}`)),
    );
  });
}
/** Spawns the server and waits for its first PNG; returns the server's process (still running) and the time. */
async function serverToFirstPng(
  command: string,
  args: string[],
  port: number,
  env: Record<string, string> = {},
): Promise<{ child: ChildProcess; ms: number }> {
  const start = performance.now();
  const child = spawn(command, args, { cwd: ROOT, env: { ...process.env, ...env, PORT: String(port) }, stdio: 'ignore', detached: true });
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
  [floorCold, async () => void (await spawnUntilExit(['bench/floor-cold.mjs']))],
  ['@vercel/og 1.0.1 (sharp)', async () => void (await spawnUntilExit(['bench/vercel-og.mjs', 'once']))],
  [
    '@vercel/og 1.0.1 (resvg-wasm)',
    async () => void (await spawnUntilExit(['--import', './bench/hide-sharp.mjs', 'bench/vercel-og.mjs', 'once'])),
  ],
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
markLoad('cold');
for (let round = 0; round < (SECTIONS.has('cold') ? COLD_ROUNDS : 0); round++) {
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

// 3. The HTTP server under load: the default pool against one render thread, interleaved.
console.log('\n[3/4] HTTP server under load (autocannon, 127.0.0.1)');
/** CPU seconds a process has used (all its threads), from /proc. */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, in clock ticks of 1/100 s
}
const peakRss = (pid: number) => Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]) * 1024;
markLoad('http');
if (SECTIONS.has('http')) {
  try {
    const autocannon = (await import('autocannon')).default;
    const quoteIds = readQuotesFile().map((entry) => entry.id);
    // Every request a different card (quote × script × theme × template × size), as long as they last.
    const paths = quoteIds.flatMap((id) =>
      CHINESE_LANGS.flatMap((lang) =>
        Object.keys(THEMES).flatMap((theme) =>
          TEMPLATE_NAMES.flatMap((template) =>
            ['og', 'square'].map((size) => `/cards/${id}.png?template=${template}&lang=${lang}&theme=${theme}&size=${size}`),
          ),
        ),
      ),
    );
    let next = 0;
    const run = (port: number, options: object) =>
      new Promise<any>((resolve, reject) =>
        autocannon({ url: `http://127.0.0.1:${port}`, duration: 6, ...options }, (error: Error | null, result: any) =>
          error ? reject(error) : resolve(result),
        ),
      );
    const summary = (result: any) => ({
      requestsPerSecond: result.requests.average,
      latencyMs: { p50: result.latency.p50, p99: result.latency.p99 },
      requests: result.requests.total,
      non2xx: result.non2xx,
      errors: result.errors,
    });
    const uncached = (port: number) =>
      run(port, {
        connections: 2 * availableParallelism(),
        requests: [{ setupRequest: (request: object) => ({ ...request, path: paths[next++ % paths.length] }) }],
      });
    // The same server twice: the default pool (one thread per core) and RENDER_THREADS=1; no card cache, so every request renders.
    const servers: Record<string, { port: number; child: ChildProcess; rates: number[]; utilisation: number[]; cpuMsPerCard: number[] }> =
      {};
    for (const [name, env] of [
      ['default pool', { CARD_CACHE_MB: '0' }],
      ['RENDER_THREADS=1', { CARD_CACHE_MB: '0', RENDER_THREADS: '1' }],
    ] as const) {
      const port = await freePort();
      const { child } = await serverToFirstPng(process.execPath, ['scripts/start.mjs'], port, env);
      await uncached(port); // every thread started and warm
      servers[name] = { port, child, rates: [], utilisation: [], cpuMsPerCard: [] };
    }
    for (let round = 0; round < LOAD_ROUNDS; round++) {
      for (const [name, server] of Object.entries(servers)) {
        const cpuBefore = cpuSeconds(server.child.pid!);
        const began = performance.now();
        const result = summary(await uncached(server.port));
        const wall = (performance.now() - began) / 1000;
        server.rates.push(result.requestsPerSecond);
        const cpu = cpuSeconds(server.child.pid!) - cpuBefore;
        server.utilisation.push(cpu / wall / availableParallelism());
        server.cpuMsPerCard.push((1000 * cpu) / result.requests);
        console.log(
          `  uncached, ${name}: ${result.requestsPerSecond.toFixed(1)} cards/s, p99 ${result.latencyMs.p99} ms, CPU ${(100 * server.utilisation.at(-1)!).toFixed(0)}% of ${availableParallelism()} cores, ${server.cpuMsPerCard.at(-1)!.toFixed(1)} ms of CPU per card`,
        );
      }
    }
    http.uncached = Object.fromEntries(
      Object.entries(servers).map(([name, server]) => [
        name,
        {
          cardsPerSecond: median(server.rates),
          cpuUtilisation: median(server.utilisation),
          cpuMsPerCard: median(server.cpuMsPerCard),
          rounds: server.rates,
        },
      ]),
    );
    const pooled = servers['default pool']!;
    stopGroup(servers['RENDER_THREADS=1']!.child);
    // /healthz while far more uncached cards are asked for than the pool can render (most get 503
    // overloaded), the flood from another process so that it does not delay this one's timing.
    const pathsFile = join(tmpdir(), `quote-cards-bench-paths-${process.pid}.json`);
    writeFileSync(pathsFile, JSON.stringify(paths));
    const flood = new Promise<any>((resolve, reject) => {
      const child = spawn(process.execPath, ['bench/overload.mjs', String(pooled.port), '6', '200', pathsFile], {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      let out = '';
      child.stdout!.on('data', (chunk) => (out += chunk));
      child.once('exit', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`overload client exited with ${code}`))));
    });
    await new Promise((resolve) => setTimeout(resolve, 500)); // the flood under way
    const health = await run(pooled.port, { connections: 1, duration: 5, requests: [{ method: 'GET', path: '/healthz' }] });
    const overload = await flood;
    rmSync(pathsFile, { force: true });
    http.healthzUnderOverload = { healthz: summary(health), overload: summary(overload) };
    console.log(
      `  /healthz under overload (200 connections of uncached cards, ${overload.non2xx} of ${overload.requests.total} answered 503): p50 ${health.latency.p50} ms, p99 ${health.latency.p99} ms`,
    );
    // Peak RSS of the process with all its threads, after the heaviest load it saw.
    rss['this project: server, default pool'] = peakRss(pooled.child.pid!);
    stopGroup(pooled.child);
    // Cached cards, on a server with its cache on.
    const port = await freePort();
    const { child: server } = await serverToFirstPng(process.execPath, ['scripts/start.mjs'], port);
    http.cached = summary(await run(port, { connections: 32, requests: [{ method: 'GET', path: CARD_PATH }] }));
    console.log(`  cached (the same card): ${(http.cached as { requestsPerSecond: number }).requestsPerSecond.toFixed(0)} req/s`);
    http.cores = availableParallelism();
    stopGroup(server);
  } catch (error) {
    note(`HTTP load: skipped — ${(error as Error).message}`);
  }
}

// 4. The batch export of about 1,000 cards, one thread and one per core, interleaved.
console.log('\n[4/4] batch export');
markLoad('export');
const cli = ['bin/quote-cards.js'];
const exportRuns: Record<string, number[]> = {};
for (let round = 0; round < (SECTIONS.has('export') ? LOAD_ROUNDS : 0); round++) {
  for (const threads of [1, availableParallelism()]) {
    const name = `${threads} thread${threads > 1 ? 's' : ''}`;
    const out = mkdtempSync(join(tmpdir(), 'quote-cards-bench-'));
    try {
      const start = performance.now();
      // Every quote × template × theme × script: about 1,000 cards.
      const cpuMs = await spawnUntilExit([
        ...cli,
        'export',
        '--out',
        out,
        '--template',
        'all',
        '--theme',
        'all',
        '--lang',
        'all',
        '--concurrency',
        String(threads),
      ]);
      const seconds = (performance.now() - start) / 1000;
      const cards = readdirSync(out, { recursive: true }).filter((file) => String(file).endsWith('.png')).length;
      (exportRuns[name] ??= []).push(cards / seconds);
      exported[name] = { cards, seconds, cardsPerSecond: median(exportRuns[name]), cpuMsPerCard: cpuMs / cards };
      // CPU time per card shows the work; cards/s, on a shared machine, also how much CPU the run was given.
      console.log(
        `  ${name}: ${cards} cards in ${seconds.toFixed(1)} s = ${(cards / seconds).toFixed(1)} cards/s; ${(cpuMs / cards).toFixed(1)} ms of CPU per card, CPU ${((100 * cpuMs) / 1000 / seconds / availableParallelism()).toFixed(0)}% of ${availableParallelism()} cores`,
      );
    } catch (error) {
      note(`export with ${name} failed — ${(error as Error).message}`);
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
const uncachedRuns = http.uncached as Record<string, { cardsPerSecond?: number; cpuUtilisation?: number }> | undefined;
const healthz = http.healthzUnderOverload as { healthz: { latencyMs: { p99: number } } } | undefined;
const serverRss = rss['this project: server, default pool'];
const targets = [
  {
    target: 'uncached cards/s: default pool ≥ 1.6× RENDER_THREADS=1',
    value: ratio(uncachedRuns?.['default pool']?.cardsPerSecond, uncachedRuns?.['RENDER_THREADS=1']?.cardsPerSecond),
    limit: 1.6,
    atMost: false,
    unit: '×',
  },
  { target: '/healthz p99 under render overload ≤ 50 ms', value: healthz?.healthz.latencyMs.p99, limit: 50, atMost: true, unit: ' ms' },
  {
    target: 'peak RSS of the server with its threads ≤ 1.5 × 380 MiB',
    value: serverRss === undefined ? undefined : serverRss / 2 ** 20,
    limit: 570,
    atMost: true,
    unit: ' MiB',
  },
  {
    target: 'CPU utilisation, uncached load, default pool (of all cores)',
    value: uncachedRuns?.['default pool']?.cpuUtilisation === undefined ? undefined : 100 * uncachedRuns['default pool'].cpuUtilisation,
    limit: Infinity,
    atMost: true,
    unit: '%',
  },
  {
    target: 'CPU utilisation, uncached load, RENDER_THREADS=1 (of all cores)',
    value:
      uncachedRuns?.['RENDER_THREADS=1']?.cpuUtilisation === undefined ? undefined : 100 * uncachedRuns['RENDER_THREADS=1'].cpuUtilisation,
    limit: Infinity,
    atMost: true,
    unit: '%',
  },
  {
    target: 'cold: the server process (node scripts/start.mjs) → first PNG ≤ 1.3× the floor process',
    value: ratio(median(cold[directStart]), median(cold[floorCold])),
    limit: 1.3,
    atMost: true,
    unit: '×',
  },
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
    target: 'export of ~1,000 cards: one thread per core ≥ 1.6× one thread',
    value: exports.length === 2 ? exports[1]!.cardsPerSecond / exports[0]!.cardsPerSecond : undefined,
    limit: 1.6,
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
markLoad('edge');
if (SECTIONS.has('edge'))
  try {
    edge = await runEdgeBench({ rounds: ROUNDS, coldRounds: COLD_ROUNDS, log: (line) => console.log(`  ${line}`) });
    console.log(`\n${edgeReport(edge)}`);
  } catch (error) {
    note(`edge section not run: ${(error as Error).message.split('\n')[0]}`);
  }
const busiest = Math.max(...Object.values(loads).map((values) => values[0]!));
if (busiest > availableParallelism())
  note(
    `the machine was busy (load average up to ${busiest} on ${availableParallelism()} cores): Linux shares CPU between sessions (autogroup), so throughput ratios measure the share this run was given more than the code; the ms of CPU per card do not depend on it`,
  );
console.log(
  `\nLoad average (1, 5, 15 min) at each section's start: ${Object.entries(loads)
    .map(([section, values]) => `${section} ${values.join(' ')}`)
    .join('; ')}`,
);
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
  loadAverage: loads,
  targets,
  edge,
  notes,
};
writeFileSync(new URL('results.json', import.meta.url), `${JSON.stringify(results, null, 2)}\n`);
console.log('\nWrote bench/results.json');
process.exit(0);
