// npm run bench:api — latency of every analytics endpoint over a demo business of 100,000
// customers (~1,035,000 orders) on Postgres, through real HTTP: cold (result cache cleared;
// median of 3) and warm (median of 20) single requests, then p50/p95/p99 and requests/s under
// 20 concurrent connections (autocannon, in a worker thread), each next to /health measured
// the same way in the same rounds: the ratios to that floor are the figures, these machines
// being noisy. Targets: warm p95 under load < 100 ms for dashboard and retention, cold < 1.5 s.
// Then the customers behind a number: pages of the largest list (every customer first active
// since 2010: the whole business) fetched cold, each page a distinct request (a cache miss),
// against /health's single-request time in the same stretch. Target: p95 < 300 ms.
// Postgres: BENCH_DATABASE_URL (default postgresql://postgres@127.0.0.1:5432/retention_bench),
// created when missing and kept: the demo business is seeded once (3-4 minutes) and reused
// while it holds at least N customers and 10·N orders.
// Options: --customers N (default 100000), --reseed (load the demo again), --rebuild (time a
// full rebuild of the derived tables even when they are current), --rounds R and --seconds S
// (load rounds, seconds per URL per round; default 3 and 3), --connections C (default 20).
import os from 'node:os';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { refreshDerived } from '../src/analytics/refresh.ts';
import { buildApp } from '../src/app.ts';
import { signInitData } from '../src/auth/init-data.ts';
import { loadConfig } from '../src/config.ts';
import type { LoadRequest, LoadResult } from './api-load.ts';
import { openBenchBusiness } from './bench-business.ts';

const { values: args } = parseArgs({
  options: {
    customers: { type: 'string', default: '100000' },
    reseed: { type: 'boolean', default: false },
    rebuild: { type: 'boolean', default: false },
    seconds: { type: 'string', default: '3' },
    rounds: { type: 'string', default: '3' },
    connections: { type: 'string', default: '20' },
  },
});
const customers = Number(args.customers);
const seconds = Number(args.seconds);
const connections = Number(args.connections);
const rounds = Number(args.rounds);
for (const [name, value] of [
  ['--customers', customers],
  ['--seconds', seconds],
  ['--connections', connections],
  ['--rounds', rounds],
] as const) {
  if (!Number.isInteger(value) || value < 1) {
    console.error(`bench:api: ${name} must be a positive integer`);
    process.exit(2);
  }
}
const databaseUrl =
  process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/retention_bench';

const botToken = '7000000001:AAHtestTokenForRetentionDeskTests_0001';
const admin = { id: 5001, first_name: 'Bench' };
const endpoints = [
  'dashboard',
  'churn',
  'retention',
  'retention-curve',
  'ltv',
  'rfm',
  'lifecycle',
  'stickiness',
  'campaigns',
  'breakdown?by=region',
];
const coldRuns = 3;
const warmRuns = 20;
const coldTargetMs = 1500;
const warmP95TargetMs = 100;
const warmTargeted = ['dashboard', 'retention'];

const started = performance.now();
const since = () => `${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s`;
const log = (message: string) => console.log(`[${since()}] ${message}`);
const count = (n: number) => n.toLocaleString('en-US');
const ms = (n: number) => (n < 10 ? n.toFixed(2) : n < 100 ? n.toFixed(1) : n.toFixed(0));

/** Nearest-rank percentile of ascending values. */
function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] as number;
}
const median = (values: number[]) =>
  percentile(
    [...values].sort((a, b) => a - b),
    50,
  );

/** One GET, body read to the end; its time in ms and size in bytes. */
async function timed(url: string, headers: Record<string, string>) {
  const t0 = performance.now();
  const res = await fetch(url, { headers });
  const body = await res.text();
  const elapsed = performance.now() - t0;
  if (res.status !== 200) {
    throw new Error(`GET ${url}: ${res.status} ${body.slice(0, 300)}`);
  }
  return { ms: elapsed, bytes: Buffer.byteLength(body) };
}

/** Runs autocannon in a worker thread, so the load does not share the server's event loop. */
class LoadWorker {
  private readonly worker: Worker;
  constructor() {
    // Node 20 does not give workers tsx's loader hooks: the worker loads its file through tsx's API.
    const api = import.meta.resolve('tsx/esm/api');
    const file = new URL('./api-load.ts', import.meta.url).href;
    const source = `import(${JSON.stringify(api)}).then(({ tsImport }) => tsImport(${JSON.stringify(file)}, ${JSON.stringify(import.meta.url)}))`;
    this.worker = new Worker(source, { eval: true });
  }

  run(request: LoadRequest): Promise<LoadResult> {
    return new Promise((resolve, reject) => {
      const done = () => {
        this.worker.off('message', onMessage);
        this.worker.off('error', onError);
      };
      const onMessage = (result: LoadResult) => {
        done();
        resolve(result);
      };
      const onError = (err: Error) => {
        done();
        reject(err);
      };
      this.worker.on('message', onMessage);
      this.worker.on('error', onError);
      this.worker.postMessage(request);
    });
  }

  terminate = () => this.worker.terminate();
}
const loader = new LoadWorker();

/** One autocannon run of `seconds` on a URL; anything but 2xx stops the bench. */
interface LoadRun {
  latencies: Float64Array;
  seconds: number;
  /** autocannon's own p50/p99 (integer-ms histogram), printed as a cross-check. */
  check: string;
}

async function loadRun(url: string, headers: Record<string, string>): Promise<LoadRun> {
  const r = await loader.run({ url, headers, connections, seconds });
  const other = Object.entries(r.statuses).filter(([code]) => !code.startsWith('2'));
  if (other.length > 0 || r.errors > 0 || r.timeouts > 0) {
    throw new Error(
      `load on ${url}: non-2xx ${JSON.stringify(Object.fromEntries(other))}, ${r.errors} errors, ${r.timeouts} timeouts`,
    );
  }
  return {
    latencies: r.latencies,
    seconds: r.seconds,
    check: `autocannon's histogram: p50 ${r.autocannon.p50}, p99 ${r.autocannon.p99}`,
  };
}

interface LoadFigures {
  requests: number;
  p50: number;
  p95: number;
  p99: number;
  rps: number;
  /** p95 of each round on its own: the spread shows the noise. */
  roundP95: number[];
}

/** Percentiles over every response of every round; requests/s over their summed time. */
function pooled(runs: LoadRun[]): LoadFigures {
  const all = new Float64Array(runs.reduce((n, r) => n + r.latencies.length, 0));
  let at = 0;
  for (const r of runs) {
    all.set(r.latencies, at);
    at += r.latencies.length;
  }
  all.sort();
  return {
    requests: all.length,
    p50: percentile(all, 50),
    p95: percentile(all, 95),
    p99: percentile(all, 99),
    rps: all.length / runs.reduce((t, r) => t + r.seconds, 0),
    roundP95: runs.map((r) => percentile(r.latencies.slice().sort(), 95)),
  };
}

// --- database and demo data ---------------------------------------------------------------
const where = new URL(databaseUrl);
log(`bench:api on ${where.host}${where.pathname}, ${customers} customers wanted`);
const { db, seeded, have } = await openBenchBusiness(databaseUrl, customers, {
  reseed: args.reseed,
  log,
});

// --- the server ---------------------------------------------------------------------------
const config = loadConfig({
  NODE_ENV: 'production',
  LOG_LEVEL: 'silent',
  DEMO_DATA: 'off',
  RATE_LIMIT_MAX: '1000000000',
  BOT_MODE: 'off',
  BOT_TOKEN: botToken,
  ADMIN_TELEGRAM_IDS: String(admin.id),
});

// What the server's refresher does at its start, run here so its time is this run's own: a
// full build after seeding (even if another server on this database got there first) or with
// --rebuild, else whatever catching up the tables need.
log('building the derived analytics tables...');
const refreshed = await refreshDerived(db, config.analytics, { force: seeded || args.rebuild });
log(
  refreshed.mode === 'none'
    ? 'derived tables already current (--rebuild to time a full build)'
    : `derived tables: ${refreshed.mode} refresh of ${count(refreshed.customers)} customers in ${(refreshed.ms / 1000).toFixed(1)} s`,
);

const app = await buildApp(config, { db });
await app.listen({ port: 0, host: '127.0.0.1' });
await app.analytics.refresher.refresh(); // the server's own start refresh: nothing left to do
const address = app.server.address();
if (address === null || typeof address === 'string') throw new Error('no TCP address');
const base = `http://127.0.0.1:${address.port}`;

const pgVersion = await db.query<{ v: string; sb: string }>(
  "SELECT split_part(version(), ' on ', 1) AS v, current_setting('shared_buffers') AS sb",
);
const cpus = os.cpus();
console.log(
  `\nNode ${process.version}, ${cpus.length} × ${cpus[0]?.model.trim() ?? '?'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB; ${pgVersion.rows[0]?.v} (shared_buffers ${pgVersion.rows[0]?.sb})`,
);
console.log(
  `load average ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')} before measuring (other processes skew every figure; the ratios less)`,
);
console.log(
  `data: ${count(have.customers)} customers, ${count(have.orders)} orders; query: defaults (last 12 months, monthly; breakdown by region), as an admin`,
);

const headers = { authorization: `tma ${signInitData(admin, botToken)}` };
const api = (endpoint: string) => `${base}/api/v1/analytics/${endpoint}`;
const label = (endpoint: string) => endpoint.replace(/\?.*/, '');

// --- cold and warm single requests ----------------------------------------------------------
interface Row {
  endpoint: string;
  bytes: number;
  cold: number[];
  warm: number[];
  load?: LoadFigures;
}
const rows: Row[] = [];
log(`cold (cache cleared, ${coldRuns} runs) and warm (${warmRuns} runs) requests...`);
for (const endpoint of endpoints) {
  const row: Row = { endpoint: label(endpoint), bytes: 0, cold: [], warm: [] };
  for (let i = 0; i < coldRuns; i++) {
    app.analytics.cache.clear();
    const r = await timed(api(endpoint), headers);
    row.cold.push(r.ms);
    row.bytes = r.bytes;
  }
  for (let i = 0; i < warmRuns; i++) row.warm.push((await timed(api(endpoint), headers)).ms);
  log(
    `  ${row.endpoint.padEnd(16)} cold ${row.cold.map(ms).join(' / ')} ms, warm median ${ms(median(row.warm))} ms`,
  );
  rows.push(row);
}

// --- the customers behind a number: a list of the whole business, paged cold -------------------
const listQuery = 'customers?kpi=newCustomers&from=2010-01-01&pageSize=20';
const listTargetMs = 300;
log('customers behind a number: pages of the whole business, each a cache miss...');
const first = await fetch(api(`${listQuery}&page=1`), { headers });
if (first.status !== 200)
  throw new Error(`GET ${listQuery}: ${first.status} ${await first.text()}`);
const listTotal = ((await first.json()) as { total: number }).total;
const lastPage = Math.max(1, Math.ceil(listTotal / 20));
// 40 pages spread over the list, first and last included, each asked once: no cache helps.
const pages = [
  ...new Set(Array.from({ length: 40 }, (_, i) => 1 + Math.round((i * (lastPage - 1)) / 39))),
];
const listMs: number[] = [];
const floorMs: number[] = [];
for (const page of pages) {
  floorMs.push((await timed(`${base}/health`, {})).ms);
  listMs.push((await timed(api(`${listQuery}&page=${page}`), headers)).ms);
}
const csv = await timed(api(listQuery.replace('pageSize=20', 'format=csv')), headers);
const listSorted = [...listMs].sort((a, b) => a - b);
const listP95 = percentile(listSorted, 95);

// --- under load -----------------------------------------------------------------------------
// Rounds of /health then every endpoint, so the floor and the endpoints share the same
// stretch of time (and its noise); each URL's figures pool all its rounds.
log(
  `under load: ${connections} connections, ${rounds} rounds of ${seconds} s per URL (autocannon in a worker)...`,
);
await loadRun(`${base}/health`, {}); // warm-up of the HTTP path, not counted
const healthRuns: LoadRun[] = [];
const endpointRuns = new Map<string, LoadRun[]>(endpoints.map((e) => [e, []]));
const progress = (round: number, name: string, r: LoadRun) => {
  const sorted = r.latencies.slice().sort();
  log(
    `  ${round}/${rounds} ${name.padEnd(16)} ${count(sorted.length).padStart(6)} responses, p50 ${ms(percentile(sorted, 50))} p95 ${ms(percentile(sorted, 95))} p99 ${ms(percentile(sorted, 99))} ms, ${count(Math.round(sorted.length / r.seconds))} req/s (${r.check})`,
  );
};
for (let round = 1; round <= rounds; round++) {
  const h = await loadRun(`${base}/health`, {});
  healthRuns.push(h);
  progress(round, '/health', h);
  for (const endpoint of endpoints) {
    await timed(api(endpoint), headers); // the cache holds the answer
    const r = await loadRun(api(endpoint), headers);
    endpointRuns.get(endpoint)?.push(r);
    progress(round, label(endpoint), r);
  }
}
const health = pooled(healthRuns);
for (const row of rows) {
  const endpoint = endpoints.find((e) => label(e) === row.endpoint) as string;
  row.load = pooled(endpointRuns.get(endpoint) ?? []);
}
const loadSeconds = rounds * seconds;

// --- the table ------------------------------------------------------------------------------
const cols = [
  ['endpoint', 16],
  ['KiB', 6],
  ['cold med', 9],
  ['cold max', 9],
  ['warm med', 9],
  ['warm p95', 9],
  ['load p50', 9],
  ['p95', 8],
  ['p99', 8],
  ['req/s', 8],
  ['p95 rounds', 12],
  ['p95/floor', 10],
  ['rps/floor', 10],
] as const;
const line = (cells: string[]) =>
  cells.map((c, i) => (i === 0 ? c.padEnd(cols[i]![1]) : c.padStart(cols[i]![1]))).join(' ');
const loadCells = (l: LoadFigures) => [
  ms(l.p50),
  ms(l.p95),
  ms(l.p99),
  count(Math.round(l.rps)),
  `${ms(Math.min(...l.roundP95))}-${ms(Math.max(...l.roundP95))}`,
  `${(l.p95 / health.p95).toFixed(2)}×`,
  `${(l.rps / health.rps).toFixed(3)}`,
];
console.log(
  `\nlatency in ms. cold: ${coldRuns} requests, result cache cleared before each; warm: ${warmRuns} requests after them.\nload: ${connections} connections, ${rounds} rounds × ${seconds} s = ${loadSeconds} s per URL; p50/p95/p99 over every 2xx response of all rounds (nearest rank, from\nautocannon's per-response times); p95 rounds = lowest-highest p95 of a single round; floor = /health under the same load, in the same rounds`,
);
console.log(line(cols.map(([name]) => name)));
console.log(line(['/health (floor)', '', '', '', '', '', ...loadCells(health)]));
for (const r of rows) {
  const warmSorted = [...r.warm].sort((a, b) => a - b);
  console.log(
    line([
      r.endpoint,
      (r.bytes / 1024).toFixed(1),
      ms(median(r.cold)),
      ms(Math.max(...r.cold)),
      ms(median(r.warm)),
      ms(percentile(warmSorted, 95)),
      ...(r.load ? loadCells(r.load) : []),
    ]),
  );
}

// --- targets --------------------------------------------------------------------------------
console.log('\ntargets:');
let pass = true;
for (const name of warmTargeted) {
  const r = rows.find((row) => row.endpoint === name);
  const p95 = r?.load?.p95 ?? Number.NaN;
  const ok = p95 < warmP95TargetMs;
  pass &&= ok;
  console.log(
    `  ${ok ? 'PASS' : 'FAIL'}  ${name} warm p95 under load ${ms(p95)} ms < ${warmP95TargetMs} ms (single requests: p95 ${ms(
      percentile(
        [...(r?.warm ?? [])].sort((a, b) => a - b),
        95,
      ),
    )} ms)`,
  );
}
console.log(
  `\ncustomers behind a number (${count(listTotal)} customers, pages of 20, ${pages.length} distinct pages from 1 to ${count(lastPage)}, each a cache miss):\n  page p50 ${ms(percentile(listSorted, 50))} ms, p95 ${ms(listP95)} ms, max ${ms(listSorted.at(-1) ?? Number.NaN)} ms; /health in the same stretch median ${ms(median(floorMs))} ms (p95/floor ${(listP95 / median(floorMs)).toFixed(0)}×); the whole list as CSV ${ms(csv.ms)} ms, ${(csv.bytes / 2 ** 20).toFixed(1)} MiB`,
);
const slow = rows.filter((r) => median(r.cold) >= coldTargetMs);
pass &&= slow.length === 0;
const worst = rows.reduce((a, b) => (median(b.cold) > median(a.cold) ? b : a));
console.log(
  slow.length === 0
    ? `  PASS  cold < ${coldTargetMs} ms on every endpoint (slowest: ${worst.endpoint}, median ${ms(median(worst.cold))} ms)`
    : `  FAIL  cold < ${coldTargetMs} ms: ${slow.map((r) => `${r.endpoint} ${ms(median(r.cold))} ms`).join(', ')}`,
);
const listOk = listP95 < listTargetMs;
pass &&= listOk;
console.log(
  `  ${listOk ? 'PASS' : 'FAIL'}  customer list pages p95 ${ms(listP95)} ms < ${listTargetMs} ms over ${count(listTotal)} customers`,
);
console.log(`${pass ? 'all targets hold' : 'targets NOT met'}; whole run ${since().trim()}`);

await loader.terminate();
await app.close();
await db.close();
process.exit(0);
