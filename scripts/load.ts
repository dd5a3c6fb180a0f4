/**
 * Load and soak tests of the Node server: starts it as `npm start` runs it
 * (scripts/start.mjs: the built server and its render threads) on 127.0.0.1
 * (a free port) and drives it with autocannon.
 *
 *   npm run load            mixed workload, then an overload run (about 20 s)
 *   npm run soak            20,000 uncached renders, resident memory sampled
 *   LOAD_SECONDS, SOAK_RENDERS and LOAD_CONNECTIONS change the amounts.
 *
 * Each request knows the status it should get; anything else is an
 * unexpected error. Exit status 1 when there is one, or when memory grew
 * more than 10 % after warm-up.
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import autocannon from 'autocannon';
import { TEMPLATE_NAMES } from '../templates/index.ts';
import { CHINESE_LANGS, THEMES } from '../src/cards/options.ts';
import { readQuotesFile } from '../src/node/app.ts';
import { spawnServer } from './spawn-server.ts';

/** The server as `npm start` runs it. */
const START = [new URL('./start.mjs', import.meta.url).pathname];

/** Resident memory of a process in MiB, from /proc (Linux). */
export function residentMiB(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) / 1024 : Number.NaN;
}

/** A request of the workload and the status it must get. */
interface Planned {
  path: string;
  expect: number;
}

/** Every card a quote can be, at scale 1 on the og canvas: enough distinct cards that few repeat. */
function uncachedCards(): string[] {
  const ids = readQuotesFile().map((quote) => quote.id);
  const paths: string[] = [];
  for (const id of ids) {
    for (const template of TEMPLATE_NAMES) {
      for (const lang of CHINESE_LANGS) {
        for (const theme of Object.keys(THEMES)) paths.push(`/cards/${id}.png?template=${template}&lang=${lang}&theme=${theme}`);
      }
    }
  }
  // A fixed shuffle, so runs are comparable.
  let seed = 42;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  for (let i = paths.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [paths[i], paths[j]] = [paths[j]!, paths[i]!];
  }
  return paths;
}

const CACHED = ['/cards/trust-is-the-key-skill.png', '/cards/trust-is-the-key-skill.svg', '/cards/trust-is-the-key-skill.png?theme=dark'];

/** The mixed workload: a request generator cycling through kinds in fixed proportions. */
export function mixedWorkload(): () => Planned {
  const uncached = uncachedCards();
  const ids = readQuotesFile().map((quote) => quote.id);
  const kinds: (() => Planned)[] = [];
  const add = (weight: number, next: () => Planned) => kinds.push(...Array.from({ length: weight }, () => next));
  let n = 0;
  const pick = <T>(items: readonly T[]) => items[n % items.length]!;
  add(8, () => ({ path: pick(CACHED), expect: 200 }));
  add(3, () => ({ path: uncached[n % uncached.length]!, expect: 200 }));
  add(1, () => ({ path: '/api/quotes', expect: 200 }));
  add(1, () => ({ path: `/api/quotes/${pick(ids)}?lang=zh-Hans`, expect: 200 }));
  add(1, () => ({ path: '/api/options', expect: 200 }));
  add(1, () => ({ path: '/?lang=zh-HK', expect: 200 }));
  add(2, () => ({ path: `/q/${pick(ids)}`, expect: 200 }));
  add(1, () => ({ path: '/cards/no-such-quote.png', expect: 404 }));
  add(1, () => ({ path: '/no/such/route', expect: 404 }));
  add(1, () => ({ path: '/cards/trust-is-the-key-skill.png?colour=red', expect: 400 }));
  add(1, () => ({ path: '/cards/trust-is-the-key-skill.png?size=story&scale=2', expect: 400 }));
  return () => kinds[n++ % kinds.length]!();
}

/** Only uncached renders. */
export function uncachedWorkload(): () => Planned {
  const uncached = uncachedCards();
  let n = 0;
  return () => ({ path: uncached[n++ % uncached.length]!, expect: 200 });
}

export interface RunResult {
  requests: number;
  statuses: Record<string, number>;
  /** Responses whose status was neither the planned one nor an allowed 503. */
  unexpected: number;
  /** Deliberate 503s (overloaded) that carried Retry-After. */
  overloaded: number;
  /** 503s without Retry-After or with another code: counted as unexpected too. */
  errors: number;
  latency: { p50: number; p99: number; max: number };
  rps: number;
}

/**
 * Drives `url` with a workload. `allow503` accepts 503 overloaded (with
 * Retry-After) in place of the planned status.
 */
export async function drive(
  url: string,
  next: () => Planned,
  {
    seconds,
    amount,
    connections = 8,
    allow503 = false,
    onResponse,
  }: { seconds?: number; amount?: number; connections?: number; allow503?: boolean; onResponse?: () => void },
): Promise<RunResult> {
  let unexpected = 0;
  let overloaded = 0;
  const examples = new Set<string>();
  const result = await autocannon({
    url,
    connections,
    ...(amount === undefined ? { duration: seconds } : { amount }),
    timeout: 60,
    requests: [
      {
        setupRequest(request: any, context: any) {
          const planned = next();
          context.planned = planned;
          return { ...request, method: 'GET', path: planned.path };
        },
        onResponse(status: number, body: string, context: any, headers: Record<string, string>) {
          onResponse?.();
          const planned: Planned = context.planned;
          if (status === planned.expect) return;
          const code = status === 503 ? (JSON.parse(body) as { error: { code: string } }).error.code : '';
          if (allow503 && status === 503 && code === 'overloaded' && Number(headers['retry-after']) >= 1) {
            overloaded++;
            return;
          }
          unexpected++;
          if (examples.size < 5) examples.add(`${planned.path} → ${status} ${body.slice(0, 200)}`);
        },
      } as any,
    ],
  });
  for (const example of examples) console.error(`  unexpected: ${example}`);
  const statuses = Object.fromEntries(
    Object.entries((result.statusCodeStats ?? {}) as Record<string, { count: number }>).map(([status, { count }]) => [
      status,
      Number(count),
    ]),
  );
  const requests = Object.values(statuses).reduce((a, b) => a + b, 0);
  return {
    requests,
    statuses,
    unexpected: unexpected + result.errors + result.timeouts,
    overloaded,
    errors: result.errors + result.timeouts,
    latency: { p50: result.latency.p50, p99: result.latency.p99, max: result.latency.max },
    rps: result.requests.average,
  };
}

function report(name: string, result: RunResult): void {
  console.log(
    `${name}: ${result.requests} requests, ${result.rps.toFixed(1)}/s; latency p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, max ${result.latency.max} ms; ` +
      `statuses ${JSON.stringify(result.statuses)}; deliberate 503 ${result.overloaded}; unexpected ${result.unexpected}`,
  );
}

/** The short form: a mixed workload, then an overload run against a small queue. */
export async function load(seconds: number, connections: number): Promise<boolean> {
  const server = await spawnServer({}, START);
  let ok = true;
  try {
    // Warm the cached cards and the fonts.
    for (const path of CACHED) await fetch(server.url + path);
    const mixed = await drive(server.url, mixedWorkload(), { seconds, connections });
    report('mixed', mixed);
    ok &&= mixed.unexpected === 0;
  } finally {
    await server.stop();
  }
  const small = await spawnServer({ CARD_CACHE_MB: '0', RENDER_CONCURRENCY: '1', RENDER_QUEUE: '4' }, START);
  try {
    await fetch(`${small.url}/cards/trust-is-the-key-skill.png`);
    const overload = await drive(small.url, uncachedWorkload(), { seconds, connections: 32, allow503: true });
    report('overload (RENDER_CONCURRENCY=1 RENDER_QUEUE=4, 32 connections, uncached)', overload);
    ok &&= overload.unexpected === 0 && overload.overloaded > 0;
  } finally {
    const code = await small.stop();
    console.log(`graceful stop: exit code ${code}`);
    ok &&= code === 0;
  }
  return ok;
}

/** The long form: `renders` uncached PNG renders with the card cache off; memory sampled each second. */
export async function soak(renders: number, connections: number): Promise<boolean> {
  const server = await spawnServer({ CARD_CACHE_MB: '0' }, START);
  const samples: { done: number; mib: number }[] = [];
  let done = 0;
  const timer = setInterval(() => samples.push({ done, mib: residentMiB(server.pid) }), 1000);
  const started = Date.now();
  let result: RunResult;
  try {
    result = await drive(server.url, uncachedWorkload(), {
      amount: renders,
      connections,
      onResponse: () => {
        done++;
        if (done % 1000 === 0)
          console.log(`  ${done} renders, RSS ${residentMiB(server.pid).toFixed(0)} MiB, ${((Date.now() - started) / 1000).toFixed(0)} s`);
      },
    });
  } finally {
    clearInterval(timer);
    await server.stop();
  }
  report(`soak (${renders} uncached renders, ${connections} connections, CARD_CACHE_MB=0)`, result);
  // Resident memory swings with garbage collection, so compare medians of whole
  // stretches: just after warm-up (10–20 % of the renders: fonts parsed,
  // converters built, heap sized) and the last 10 %.
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
  const between = (from: number, to: number) => samples.filter((s) => s.done >= renders * from && s.done <= renders * to).map((s) => s.mib);
  const first = median(between(0.1, 0.2));
  const last = median(between(0.9, 1));
  const peak = Math.max(...samples.map((s) => s.mib));
  const growth = (last / first - 1) * 100;
  console.log(
    `memory: median RSS at 10–20 % of the renders ${first.toFixed(0)} MiB, at 90–100 % ${last.toFixed(0)} MiB (${growth >= 0 ? '+' : ''}${growth.toFixed(1)} %), ` +
      `peak ${peak.toFixed(0)} MiB; ${((Date.now() - started) / 1000).toFixed(0)} s`,
  );
  console.log(
    `memory by tenth of the run (median MiB): ${[0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map((tenth) => median(between(tenth / 10, (tenth + 1) / 10)).toFixed(0)).join(' ')}`,
  );
  return result.unexpected === 0 && growth <= 10;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const mode = process.argv[2] ?? 'load';
  const connections = Number(process.env.LOAD_CONNECTIONS ?? (mode === 'soak' ? 4 : 8));
  const ok =
    mode === 'soak'
      ? await soak(Number(process.env.SOAK_RENDERS ?? 20_000), connections)
      : await load(Number(process.env.LOAD_SECONDS ?? 10), connections);
  process.exitCode = ok ? 0 : 1;
}
