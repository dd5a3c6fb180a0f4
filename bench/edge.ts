/**
 * The edge section of `npm run bench`, also runnable alone (`npm run bench:edge`):
 * the same card drawn inside workerd (`wrangler dev`, local) by this project's
 * Worker (rendering, and from the edge cache) and by the peers @cf-wasm/og and
 * workers-og, each with the same subset fonts from the same static assets; and
 * the card's SVG rasterised by resvg-wasm 2.6.2 (ours) and 2.4.1 (the build
 * @cf-wasm/og and @vercel/og ship) alone, to compare resvg builds. One request at
 * a time, round by round in a rotating order, so a busy machine slows all alike.
 *
 * Per request: wall time (fetch to last byte) and CPU time, the on-CPU time of
 * every thread of the Worker's workerd process (/proc/<pid>/task/<tid>/schedstat,
 * in ns; wrangler dev runs two, the Worker's and a proxy in front of it, and
 * both are counted for every contender) from before the request until 30 ms after its last byte (so work left
 * to waitUntil counts). Then fresh starts: the first card after `wrangler dev`
 * answers, and the upload each one would deploy (script and wasm, gzip).
 * BENCH_EDGE_ROUNDS (default 30) and BENCH_EDGE_COLD_ROUNDS (default 3) scale it.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { nodePlatform } from '../src/node/platform.ts';
import { createRenderer } from '../src/cards/render.ts';
import { startWranglerDev, type WranglerDev } from '../scripts/wrangler-dev.ts';
import { CARD_PATH, writeBenchCard } from './card.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const WRANGLER = fileURLToPath(new URL('../node_modules/wrangler/bin/wrangler.js', import.meta.url));
const SETTLE_MS = 30;

interface Server {
  /** wrangler.toml of the Worker, relative to the project. */
  config: string;
  /** The card's path on that Worker. */
  path: string;
  /** The upload is measured from this config (the deployable one, for this project). */
  uploadConfig?: string;
}
type ServerName = 'ours' | 'cf-wasm-og' | 'workers-og' | 'resvg-2.6.2' | 'resvg-2.4.1';
const SERVERS: Record<ServerName, Server> = {
  ours: { config: 'bench/edge/ours.toml', path: CARD_PATH, uploadConfig: 'wrangler.toml' },
  'cf-wasm-og': { config: 'bench/edge/cf-wasm-og.toml', path: '/card.png' },
  'workers-og': { config: 'bench/edge/workers-og.toml', path: '/card.png' },
  'resvg-2.6.2': { config: 'bench/edge/resvg-2.6.2.toml', path: '/card.png' },
  'resvg-2.4.1': { config: 'bench/edge/resvg-2.4.1.toml', path: '/card.png' },
};

/** What is timed: a server, and whether its card must come from the edge cache (HIT) or be rendered (MISS). */
const CONTENDERS: { name: string; server: ServerName; cache?: 'HIT' | 'MISS' }[] = [
  { name: 'this project, rendering', server: 'ours', cache: 'MISS' },
  { name: 'this project, from the edge cache', server: 'ours', cache: 'HIT' },
  { name: '@cf-wasm/og 0.4.1', server: 'cf-wasm-og' },
  { name: 'workers-og 0.0.27', server: 'workers-og' },
  { name: 'resvg-wasm 2.6.2 alone (ours): SVG → PNG', server: 'resvg-2.6.2' },
  { name: 'resvg-wasm 2.4.1 alone (@cf-wasm/og’s): SVG → PNG', server: 'resvg-2.4.1' },
];

export interface Stats {
  median: number;
  p95: number;
  min: number;
  max: number;
  runs: number;
}
export interface EdgeResults {
  date: string;
  loadAverage: number[];
  rounds: number;
  uncached: Record<string, { wallMs: Stats; cpuMs: Stats; pngBytes: number; unexpected: number }>;
  firstRequest: Record<string, { wallMs: Stats; cpuMs: Stats; startMs: Stats }>;
  uploadGzipBytes: Record<string, number>;
  goals: { goal: string; value: number; limit: number; result: 'PASS' | 'FAIL' }[];
}

export function stats(samples: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
  return { median: at(0.5), p95: at(0.95), min: sorted[0]!, max: sorted[sorted.length - 1]!, runs: sorted.length };
}

/** On-CPU time of every thread of the processes so far, in ms (the first field of schedstat is ns on CPU). */
async function processCpuMs(pids: number[]): Promise<number> {
  let ns = 0;
  for (const pid of pids)
    for (const task of await readdir(`/proc/${pid}/task`)) {
      try {
        ns += Number((await readFile(`/proc/${pid}/task/${task}/schedstat`, 'utf8')).split(' ')[0]);
      } catch {
        // A thread that ended between the listing and the read.
      }
    }
  return ns / 1e6;
}

/** One request, timed: wall and workerd CPU, the body's size and its X-Edge-Cache header. */
async function timedRequest(dev: WranglerDev, path: string) {
  const cpuBefore = await processCpuMs(dev.workerdPids);
  const start = performance.now();
  const res = await fetch(dev.origin + path);
  const body = new Uint8Array(await res.arrayBuffer());
  const wallMs = performance.now() - start;
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
  const cpuMs = (await processCpuMs(dev.workerdPids)) - cpuBefore;
  if (res.status !== 200 || res.headers.get('content-type') !== 'image/png') {
    throw new Error(
      `${dev.origin}${path}: ${res.status} ${res.headers.get('content-type')} ${new TextDecoder().decode(body.slice(0, 300))}`,
    );
  }
  return { wallMs, cpuMs, bytes: body.length, cache: res.headers.get('x-edge-cache') };
}

const purge = async (dev: WranglerDev, path: string) => (await fetch(`${dev.origin}/__purge?url=${encodeURIComponent(path)}`)).text();

/** The gzipped size of what `wrangler deploy` would upload: every module, no source maps, fonts excluded (they are assets). */
export async function uploadGzipBytes(config: string): Promise<number> {
  const outdir = await mkdtemp(join(tmpdir(), 'quote-cards-upload-'));
  try {
    await promisify(execFile)(process.execPath, [WRANGLER, 'deploy', '--dry-run', '--config', config, '--outdir', outdir], {
      cwd: ROOT,
      env: { ...process.env, WRANGLER_SEND_METRICS: 'false', NO_COLOR: '1' },
    });
    const files = (await readdir(outdir)).filter((file) => !file.endsWith('.map') && file !== 'README.md');
    let total = 0;
    for (const file of files) total += gzipSync(await readFile(join(outdir, file))).length;
    return total;
  } finally {
    await rm(outdir, { recursive: true, force: true });
  }
}

export async function runEdgeBench({ rounds = 30, coldRounds = 3, log = console.log } = {}): Promise<EdgeResults> {
  await writeBenchCard(createRenderer(nodePlatform()));
  const names = Object.keys(SERVERS) as ServerName[];

  // 1. Warm: every Worker running, one request at a time, rotating order.
  log(`edge: starting ${names.length} Workers under wrangler dev`);
  const devs = {} as Record<ServerName, WranglerDev>;
  let uncached: EdgeResults['uncached'];
  try {
    for (const name of names) devs[name] = await startWranglerDev(SERVERS[name].config, { readyPath: '/__ready' });
    for (const name of names) for (let i = 0; i < 3; i++) await timedRequest(devs[name], SERVERS[name].path);
    const wall: Record<string, number[]> = {};
    const cpu: Record<string, number[]> = {};
    const bytes: Record<string, number> = {};
    const unexpected: Record<string, number> = {};
    for (let round = 0; round < rounds; round++) {
      for (let i = 0; i < CONTENDERS.length; i++) {
        const contender = CONTENDERS[(round + i) % CONTENDERS.length]!;
        const dev = devs[contender.server];
        const path = SERVERS[contender.server].path;
        if (contender.cache === 'MISS') await purge(dev, path);
        const sample = await timedRequest(dev, path);
        (wall[contender.name] ??= []).push(sample.wallMs);
        (cpu[contender.name] ??= []).push(sample.cpuMs);
        bytes[contender.name] = sample.bytes;
        unexpected[contender.name] = (unexpected[contender.name] ?? 0) + (contender.cache && sample.cache !== contender.cache ? 1 : 0);
      }
      if ((round + 1) % 10 === 0) log(`edge: warm round ${round + 1}/${rounds}`);
    }
    uncached = Object.fromEntries(
      CONTENDERS.map(({ name }) => [
        name,
        { wallMs: stats(wall[name]!), cpuMs: stats(cpu[name]!), pngBytes: bytes[name]!, unexpected: unexpected[name]! },
      ]),
    );
  } finally {
    await Promise.all(Object.values(devs).map((dev) => dev.stop()));
  }

  // 2. Fresh starts: the first card after the Worker answers, rotating order.
  const first: Record<string, { wallMs: number[]; cpuMs: number[]; startMs: number[] }> = {};
  for (let round = 0; round < coldRounds; round++) {
    for (let i = 0; i < names.length; i++) {
      const name = names[(round + i) % names.length]!;
      const dev = await startWranglerDev(SERVERS[name].config, { readyPath: '/__ready' });
      try {
        const sample = await timedRequest(dev, SERVERS[name].path);
        const entry = (first[name] ??= { wallMs: [], cpuMs: [], startMs: [] });
        entry.wallMs.push(sample.wallMs);
        entry.cpuMs.push(sample.cpuMs);
        entry.startMs.push(dev.startMs);
      } finally {
        await dev.stop();
      }
    }
    log(`edge: fresh-start round ${round + 1}/${coldRounds}`);
  }
  const firstRequest = Object.fromEntries(
    names.map((name) => [
      name,
      { wallMs: stats(first[name]!.wallMs), cpuMs: stats(first[name]!.cpuMs), startMs: stats(first[name]!.startMs) },
    ]),
  );

  // 3. Upload sizes.
  const uploads: Record<string, number> = {};
  for (const name of names) uploads[name] = await uploadGzipBytes(SERVERS[name].uploadConfig ?? SERVERS[name].config);

  const ours = uncached['this project, rendering']!;
  const peer = uncached['@cf-wasm/og 0.4.1']!;
  const goals = [
    { goal: 'uncached card CPU ≤ @cf-wasm/og (median, ms)', value: ours.cpuMs.median, limit: peer.cpuMs.median },
    {
      goal: 'first request after a fresh start ≤ @cf-wasm/og (median wall, ms)',
      value: firstRequest.ours!.wallMs.median,
      limit: firstRequest['cf-wasm-og']!.wallMs.median,
    },
  ].map((goal) => ({ ...goal, result: goal.value <= goal.limit ? ('PASS' as const) : ('FAIL' as const) }));

  return { date: new Date().toISOString(), loadAverage: loadavg(), rounds, uncached, firstRequest, uploadGzipBytes: uploads, goals };
}

/** The results as Markdown tables, ratios against @cf-wasm/og. */
export function edgeReport(results: EdgeResults): string {
  const f = (value: number, digits = 1) => value.toFixed(digits);
  const peer = results.uncached['@cf-wasm/og 0.4.1']!;
  const serverOf = Object.fromEntries(CONTENDERS.map((contender) => [contender.name, contender.server]));
  const lines = [
    `Edge (workerd under wrangler dev), ${results.rounds} rounds; load average ${results.loadAverage.map((value) => f(value, 2)).join(' ')}`,
    '| Worker | uncached card wall, median (p95) | CPU, median (p95) | CPU ÷ @cf-wasm/og | first request after a fresh start, median (min–max) | its CPU | upload, gzip |',
    '|---|---:|---:|---:|---:|---:|---:|',
  ];
  for (const [name, entry] of Object.entries(results.uncached)) {
    const server = serverOf[name]!;
    const cached = name.includes('edge cache');
    const firstEntry = results.firstRequest[server];
    lines.push(
      `| ${name} | ${f(entry.wallMs.median)} (${f(entry.wallMs.p95)}) ms | ${f(entry.cpuMs.median)} (${f(entry.cpuMs.p95)}) ms | ${f(entry.cpuMs.median / peer.cpuMs.median, 2)}× | ${
        cached || !firstEntry ? '' : `${f(firstEntry.wallMs.median, 0)} (${f(firstEntry.wallMs.min, 0)}–${f(firstEntry.wallMs.max, 0)}) ms`
      } | ${cached || !firstEntry ? '' : `${f(firstEntry.cpuMs.median, 0)} ms`} | ${cached ? '' : `${f(results.uploadGzipBytes[server]! / 1024, 0)} KiB`} |`,
    );
  }
  const odd = Object.entries(results.uncached).filter(([, entry]) => entry.unexpected > 0);
  if (odd.length) lines.push(`Unexpected cache status: ${odd.map(([name, entry]) => `${name} ${entry.unexpected}×`).join(', ')}`);
  lines.push('', '| goal | ours | @cf-wasm/og | result |', '|---|---:|---:|---|');
  for (const goal of results.goals) lines.push(`| ${goal.goal} | ${f(goal.value)} | ${f(goal.limit)} | ${goal.result} |`);
  return lines.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const results = await runEdgeBench({
    rounds: Number(process.env.BENCH_EDGE_ROUNDS ?? 30),
    coldRounds: Number(process.env.BENCH_EDGE_COLD_ROUNDS ?? 3),
  });
  console.log(`\n${edgeReport(results)}`);
  await writeFile(new URL('edge-results.json', import.meta.url), `${JSON.stringify(results, null, 2)}\n`);
  console.log('\nWrote bench/edge-results.json');
}
