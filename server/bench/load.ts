// npm run bench:load — load and soak: two server processes on one Postgres behind nginx
// (Debian's package, started here on loopback), closed-loop clients mixing dashboard reads
// (initData), distinct heavy reads (five-year weekly cohort matrices, each from another day:
// cache misses of megabytes), ingestion writes (API key) and Telegram updates (webhook), plus
// /health as the floor measured in the same run. One instance is SIGKILLed at the middle; the other keeps
// serving. Printed: requests/s, p50/p95/p99 and error rate per kind and overall, errors
// around the kill, the RSS of each instance over the run, and every acknowledged order
// counted in the database (acknowledged N, stored N, duplicates 0).
// Postgres: BENCH_DATABASE_URL (default postgresql://postgres@127.0.0.1:5432/retention_load),
// created when missing and kept; the demo business is seeded once and reused.
// Options: --minutes M (default 10), --customers N (default 20000), --reseed, --readers R
// (default 6), --heavy H (heavy readers, default 2), --writers W (default 4), --bots B (default 2), --batch S (orders per batch, 5),
// --kill-at F (fraction of the run at which instance A is killed, default 0.5), --heap-limit MiB
// (each instance's --max-old-space-size; default Node's own, which follows the machine's RAM).
// nginx missing: the bench says how to install it (apt-get install -y nginx) and stops.
// A PostgreSQL server with autovacuum off (CI machines' is): the bench vacuums the analytics
// tables every 60 s in its place, and says so.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { findNginx } from '../../test/requirements.ts';
import { refreshDerived } from '../src/analytics/refresh.ts';
import { createApiKey } from '../src/auth/api-keys.ts';
import { signInitData } from '../src/auth/init-data.ts';
import { loadConfig } from '../src/config.ts';
import { openBenchBusiness, standInForAutovacuum } from './bench-business.ts';
import {
  type Figures,
  figures,
  health as healthClient,
  heavyReader,
  type Kind,
  KindStats,
  kinds,
  newRun,
  reader,
  telegram,
  type Writer,
  writer,
} from './load-clients.ts';
import {
  benchMetricsToken,
  type Child,
  memoryOf,
  rssOf,
  type ServerInstance,
  startNginx,
  startServer,
  startTelegramStub,
} from './load-cluster.ts';

const { values: args } = parseArgs({
  options: {
    minutes: { type: 'string', default: '10' },
    customers: { type: 'string', default: '20000' },
    reseed: { type: 'boolean', default: false },
    readers: { type: 'string', default: '6' },
    heavy: { type: 'string', default: '2' },
    writers: { type: 'string', default: '4' },
    bots: { type: 'string', default: '2' },
    batch: { type: 'string', default: '5' },
    'kill-at': { type: 'string', default: '0.5' },
    'heap-limit': { type: 'string' },
  },
});
const minutes = Number(args.minutes);
const n = (name: 'customers' | 'readers' | 'heavy' | 'writers' | 'bots' | 'batch') => {
  const v = Number(args[name]);
  if (!Number.isInteger(v) || v < 1) {
    console.error(`bench:load: --${name} must be a positive integer`);
    process.exit(2);
  }
  return v;
};
const [customers, readers, heavy, writers, bots, batch] = [
  n('customers'),
  n('readers'),
  n('heavy'),
  n('writers'),
  n('bots'),
  n('batch'),
];
const heapLimit = args['heap-limit'] === undefined ? undefined : Number(args['heap-limit']);
if (heapLimit !== undefined && !(Number.isInteger(heapLimit) && heapLimit >= 64)) {
  console.error('bench:load: --heap-limit must be a whole number of MiB, at least 64');
  process.exit(2);
}
const killAt = Number(args['kill-at']);
if (!(killAt > 0 && killAt < 1)) {
  console.error('bench:load: --kill-at must be a fraction of the run between 0 and 1, e.g. 0.5');
  process.exit(2);
}
if (!(minutes > 0)) {
  console.error('bench:load: --minutes must be a positive number');
  process.exit(2);
}
const nginxFound = findNginx();
if (!nginxFound) {
  console.error(
    'bench:load needs nginx (the load balancer in front of the two instances).\nInstall it with: apt-get install -y nginx   (Debian; as root, or with sudo)\nThe bench starts its own nginx on a loopback port with a config in a temporary folder; the system service is not used.',
  );
  process.exit(2);
}
const databaseUrl =
  process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/retention_load';

const botId = 7000000001;
const botToken = `${botId}:AAHtestTokenForRetentionDeskTests_0001`;
const manager = { id: 5002, first_name: 'Load' };
const botUsers = Array.from({ length: bots }, (_, i) => 5101 + i);
const webhookSecret = randomBytes(24).toString('base64url');
const tag = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
const source = `load-${tag}`;
const durationMs = minutes * 60_000;
if (durationMs * (1 - killAt) < 45_000) {
  console.error(
    'bench:load: the run must go on at least 45 s after the kill (--minutes, --kill-at)',
  );
  process.exit(2);
}
const killAtMs = durationMs * killAt;
const switchMs = 15_000;
const sampleMs = 5_000;
const progressMs = Math.min(30_000, Math.max(5_000, durationMs / 20));

const started = performance.now();
const since = () => `${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s`;
const log = (message: string) => console.log(`[${since()}] ${message}`);
const count = (v: number) => v.toLocaleString('en-US');
const ms = (v: number) =>
  Number.isNaN(v) ? '-' : v < 10 ? v.toFixed(2) : v < 100 ? v.toFixed(1) : v.toFixed(0);
const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;

const children: Child[] = [];
process.on('exit', () => {
  for (const c of children) if (c.proc.exitCode === null) c.proc.kill('SIGKILL');
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => process.exit(130));

// --- database, demo data, API key ---------------------------------------------------------
const where = new URL(databaseUrl);
log(`bench:load on ${where.host}${where.pathname}, ${count(customers)} customers wanted`);
const { db, seeded, have } = await openBenchBusiness(databaseUrl, customers, {
  reseed: args.reseed,
  log,
});
const analytics = loadConfig({ BOT_MODE: 'off' }).analytics;
const refreshed = await refreshDerived(db, analytics, { force: seeded });
log(`derived tables: ${refreshed.mode} refresh in ${(refreshed.ms / 1000).toFixed(1)} s`);
const { key } = await createApiKey(db.prisma, { name: source, actorRole: 'cli' });

// --- Telegram stand-in, two instances, nginx -----------------------------------------------
const stub = await startTelegramStub(botId);
const tmp = mkdtempSync(path.join(os.tmpdir(), 'rd-load-'));
const serverEnv = (name: string) => ({
  NODE_ENV: 'production',
  LOG_LEVEL: 'warn',
  DATA_DIR: path.join(tmp, name),
  DATABASE_URL: databaseUrl,
  DEMO_DATA: 'off',
  RETRAIN_HOURS: '0',
  BOT_TOKEN: botToken,
  BOT_MODE: 'webhook',
  PUBLIC_URL: 'https://load-bench.invalid',
  WEBHOOK_SECRET: webhookSecret,
  TELEGRAM_API_ROOT: stub.url,
  ADMIN_TELEGRAM_IDS: botUsers.join(','),
  MANAGER_TELEGRAM_IDS: String(manager.id),
  RATE_LIMIT_MAX: '1000000000',
  METRICS_TOKEN: benchMetricsToken,
  TRUST_PROXY: '127.0.0.1',
});
log(
  `starting two server instances${heapLimit ? ` (--max-old-space-size=${heapLimit})` : " (Node's default heap limit)"}...`,
);
const nodeArgs = heapLimit ? [`--max-old-space-size=${heapLimit}`] : [];
const instances: ServerInstance[] = await Promise.all(
  ['A', 'B'].map(async (name) => {
    const s = await startServer(`instance ${name}`, serverEnv(name), nodeArgs);
    children.push(s);
    return s;
  }),
);
const [a, b] = instances as [ServerInstance, ServerInstance];
const nginx = await startNginx(
  nginxFound.bin,
  path.join(tmp, 'nginx'),
  instances.map((s) => s.port),
);
children.push(nginx);
const base = `http://127.0.0.1:${nginx.port}`;
log(
  `instances on :${a.port} (A) and :${b.port} (B), pid ${a.proc.pid} and ${b.proc.pid}; nginx on :${nginx.port}`,
);

const pgInfo = await db.query<{ v: string }>("SELECT split_part(version(), ' on ', 1) AS v");
const cpus = os.cpus();
console.log(
  `\nNode ${process.version}, nproc ${cpus.length} × ${cpus[0]?.model.trim() ?? '?'}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM; ${pgInfo.rows[0]?.v}; ${nginxFound.version}`,
);
console.log(
  `load average ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(
      ' ',
    )} before the run; data: ${count(have.customers)} customers, ${count(have.orders)} orders`,
);
console.log(
  `clients (closed loops): ${readers} dashboard readers, ${heavy} heavy readers (distinct five-year weekly cohort matrices), ${writers} ingestion writers (${batch} orders per batch), ${bots} Telegram senders, 1 /health; ${minutes} min, instance A killed (SIGKILL) at ${ms(killAtMs / 60_000)} min\n`,
);

// --- the run -------------------------------------------------------------------------------
const initData = signInitData(manager, botToken);
await fetch(`${base}/api/v1/analytics/dashboard`, {
  headers: { authorization: `tma ${initData}` },
}).then((r) => r.text());
const generation = async () =>
  Number(
    (
      await db.query<{ g: string }>(
        'SELECT generation::text AS g FROM analytics_state WHERE id = 1',
      )
    ).rows[0]?.g ?? 0,
  );
const stopVacuum = await standInForAutovacuum(db, 60, log);
const generationBefore = await generation();
const run = newRun(base);
const written: Writer = { acknowledged: [], abandoned: [], replaysStored: 0 };
const loops = [
  ...Array.from({ length: readers }, () => reader(run, initData)),
  ...Array.from({ length: heavy }, () => heavyReader(run, initData)),
  ...Array.from({ length: writers }, (_, i) =>
    writer(run, { key, source, size: batch, name: `w${i}`, customers: 2000 }, written),
  ),
  ...botUsers.map((userId) => telegram(run, { secret: webhookSecret, userId })),
  healthClient(run),
];

interface MemorySample {
  at: number;
  a: number | null;
  b: number | null;
  /** V8 heap in use (from /metrics). */
  ha: number | null;
  hb: number | null;
  /** B's memory outside the V8 heap: Buffers, ArrayBuffers, WebAssembly (from /metrics). */
  xb: number | null;
  /** B's V8 heap committed (used or not). */
  tb: number | null;
}
const rss: MemorySample[] = [];
const sample = async () => {
  const at = performance.now() - run.t0;
  const [ma, mb] = await Promise.all([
    a.proc.exitCode === null && a.proc.signalCode === null ? memoryOf(a.port) : null,
    memoryOf(b.port),
  ]);
  rss.push({
    at,
    a: rssOf(a.proc.pid),
    b: rssOf(b.proc.pid),
    ha: ma?.heap ?? null,
    hb: mb?.heap ?? null,
    xb: mb?.external ?? null,
    tb: mb?.heapTotal ?? null,
  });
};
await sample();
const sampler = setInterval(() => void sample(), sampleMs);
let killedAt = Number.NaN;
let generationsBeforeKill: Promise<number> = Promise.resolve(Number.NaN);
const killer = setTimeout(() => {
  killedAt = performance.now() - run.t0;
  generationsBeforeKill = generation().then((g) => g - generationBefore);
  a.proc.kill('SIGKILL');
  log('instance A killed (SIGKILL); B and nginx carry on');
}, killAtMs);
let last = 0;
const progress = setInterval(() => {
  const now = performance.now() - run.t0;
  const parts = kinds.map((k) => {
    const f = figures(run.stats[k], last, now);
    return `${k} ${count(Math.round(f.rps))}/s p95 ${ms(f.p95)}${f.errors ? ` err ${f.errors}` : ''}`;
  });
  const r = rss.at(-1);
  log(
    `${ms(now / 60_000)} min: ${parts.join(', ')}; RSS A ${r?.a ? mib(r.a) : '-'}, B ${r?.b ? mib(r.b) : '-'}${r?.hb ? `, heap B ${mib(r.hb)}` : ''}`,
  );
  last = now;
}, progressMs);
await new Promise((r) => setTimeout(r, durationMs));
run.stopped = true;
clearInterval(progress);
const endAt = performance.now() - run.t0;
const generations = (await generation()) - generationBefore;
const beforeKill = await generationsBeforeKill;
const perSecond = (n: number, spanMs: number) => (n / (spanMs / 1000)).toFixed(2);
await Promise.all(loops); // writers finish the batch they hold (acknowledged or given up)
clearInterval(sampler);
clearTimeout(killer);
stopVacuum();
await sample();

// --- the figures ---------------------------------------------------------------------------
const all = new KindStats();
// One element at a time: spreading a run's hundreds of thousands of samples into push() would
// overflow the call stack.
for (const k of ['dashboard', 'heavy', 'ingest', 'webhook'] as Kind[]) {
  const { at, ms: took, errors } = run.stats[k];
  for (let i = 0; i < at.length; i++) {
    all.at.push(at[i] as number);
    all.ms.push(took[i] as number);
  }
  for (const e of errors) all.errors.push(e);
}
const floor = figures(run.stats.health, 0, endAt);
const cols = [
  ['kind', 11],
  ['requests', 9],
  ['req/s', 7],
  ['p50', 7],
  ['p95', 7],
  ['p99', 7],
  ['errors', 7],
  ['error %', 8],
  ['p95/floor', 10],
] as const;
const line = (cells: string[]) =>
  cells.map((c, i) => (i === 0 ? c.padEnd(cols[i]![1]) : c.padStart(cols[i]![1]))).join(' ');
const row = (name: string, f: Figures) =>
  line([
    name,
    count(f.ok + f.errors),
    count(Math.round(f.rps)),
    ms(f.p50),
    ms(f.p95),
    ms(f.p99),
    count(f.errors),
    `${((100 * f.errors) / Math.max(1, f.ok + f.errors)).toFixed(3)}%`,
    `${(f.p95 / floor.p95).toFixed(1)}×`,
  ]);
console.log(
  `\nwhole run, ${ms(endAt / 60_000)} min through nginx (latency ms from sending to the end of the body; errors = non-2xx, network errors, timeouts):`,
);
console.log(line(cols.map(([c]) => c)));
for (const k of ['dashboard', 'heavy', 'ingest', 'webhook'] as Kind[]) {
  console.log(row(k, figures(run.stats[k], 0, endAt)));
}
console.log(row('overall', figures(all, 0, endAt)));
console.log(row('/health', floor));

const phases: [string, number, number][] = [
  ['before the kill (A + B)', 0, killedAt],
  [`the switch (${switchMs / 1000} s after the kill)`, killedAt, killedAt + switchMs],
  ['after the switch (B alone)', killedAt + switchMs, endAt],
];
console.log('\nby phase (dashboard + heavy + ingest + webhook):');
for (const [name, from, to] of phases) {
  const f = figures(all, from, to);
  const errs = new Map<string, number>();
  for (const e of all.errors.filter((x) => x.at >= from && x.at < to)) {
    errs.set(e.what, (errs.get(e.what) ?? 0) + 1);
  }
  const h = figures(run.stats.health, from, to);
  console.log(
    `  ${name.padEnd(36)} ${count(Math.round(f.rps)).padStart(5)} req/s, p95 ${ms(f.p95)} ms, p99 ${ms(f.p99)} ms (floor p95 ${ms(h.p95)} ms), errors ${f.errors}${errs.size ? ` (${[...errs].map(([w, c]) => `${w} ${c}`).join(', ')})` : ''}`,
  );
}

// Memory: mean RSS over a window at the start, just before the kill, and at the end.
const window = Math.min(60_000, durationMs / 6);
// The heap's low point over a window is what survives garbage collection: a leak raises it.
const lowest = (which: 'hb' | 'xb', from: number, to: number) =>
  Math.min(
    ...rss
      .filter((x) => x.at >= from && x.at <= to && x[which] !== null)
      .map((x) => x[which] as number),
  );
const heapLow = (from: number, to: number) => lowest('hb', from, to);
const meanRss = (which: 'a' | 'b', from: number, to: number) => {
  const v = rss
    .filter((s) => s.at >= from && s.at <= to)
    .map((s) => s[which])
    .filter((x): x is number => x !== null);
  return v.length ? v.reduce((s, x) => s + x, 0) / v.length : Number.NaN;
};
const maxRss = (which: 'a' | 'b') => Math.max(...rss.map((s) => s[which] ?? 0));
const w = `${ms(window / 1000)} s`;
const aFirst = meanRss('a', 0, window);
const aBefore = meanRss('a', killedAt - window, killedAt);
const bFirst = meanRss('b', 0, window);
const bBefore = meanRss('b', killedAt - window, killedAt);
const bAfter = meanRss('b', killedAt + switchMs, killedAt + switchMs + window);
const bLast = meanRss('b', endAt - window, endAt);
/** Least-squares slope of B's RSS after the switch, MiB per minute. */
const slope = (() => {
  const pts = rss
    .filter((x) => x.at >= killedAt + switchMs && x.b !== null)
    .map((x) => [x.at / 60_000, (x.b as number) / 2 ** 20] as const);
  const mx = pts.reduce((t, [x]) => t + x, 0) / pts.length;
  const my = pts.reduce((t, [, y]) => t + y, 0) / pts.length;
  const sxy = pts.reduce((t, [x, y]) => t + (x - mx) * (y - my), 0);
  const sxx = pts.reduce((t, [x]) => t + (x - mx) ** 2, 0);
  return sxy / sxx;
})();
const heapAfter = heapLow(killedAt + switchMs, killedAt + switchMs + window);
const heapLast = heapLow(endAt - window, endAt);
const heapFirst = heapLow(0, window);
const haveHeap = Number.isFinite(heapAfter) && Number.isFinite(heapLast);
const pct = (to: number, from: number) =>
  `${to >= from ? '+' : ''}${((100 * (to - from)) / from).toFixed(1)}%`;
console.log(
  `\nmemory (RSS, sampled every ${sampleMs / 1000} s, ${rss.length} samples; means over ${w} windows):`,
);
console.log(
  `  A: first ${mib(aFirst)}, before the kill ${mib(aBefore)} (${pct(aBefore, aFirst)}), max ${mib(maxRss('a'))}`,
);
console.log(
  `  B: first ${mib(bFirst)}, before the kill ${mib(bBefore)} (${pct(bBefore, bFirst)}), after the switch ${mib(bAfter)}, last ${mib(bLast)} (${pct(bLast, bAfter)} under the same load; ${pct(bLast, bFirst)} from the first), max ${mib(maxRss('b'))}; trend after the switch ${slope >= 0 ? '+' : ''}${slope.toFixed(2)} MiB/min`,
);

console.log(
  haveHeap
    ? `  B's V8 heap in use, lowest over each window (what survives GC): first ${mib(heapFirst)}, after the switch ${mib(heapAfter)}, last ${mib(heapLast)} (${pct(heapLast, heapAfter)})`
    : "  (no heap figures: the instances' /metrics did not answer)",
);
const extFirst = lowest('xb', 0, window);
const extAfter = lowest('xb', killedAt + switchMs, killedAt + switchMs + window);
const extLast = lowest('xb', endAt - window, endAt);
const meanOf = (which: 'tb' | 'xb', from: number, to: number) => {
  const v = rss
    .filter((s) => s.at >= from && s.at <= to && s[which] !== null)
    .map((s) => s[which] as number);
  return v.length ? v.reduce((t, x) => t + x, 0) / v.length : Number.NaN;
};
if (haveHeap && Number.isFinite(extLast)) {
  console.log(
    `  B's memory outside the heap (Buffers, ArrayBuffers, WebAssembly), lowest over each window: first ${mib(extFirst)}, after the switch ${mib(extAfter)}, last ${mib(extLast)} (${pct(extLast, extAfter)})`,
  );
  // Where the last window's RSS goes: V8's committed heap, memory outside it, and the rest
  // (code, stacks, native allocations, and pages the allocator keeps).
  const heapCommitted = meanOf('tb', endAt - window, endAt);
  const outside = meanOf('xb', endAt - window, endAt);
  console.log(
    `  B over the last ${w}: RSS ${mib(bLast)} = V8 heap committed ${mib(heapCommitted)} + outside the heap ${mib(outside)} + the rest ${mib(bLast - heapCommitted - outside)}`,
  );
}

// --- acknowledged writes against the database ----------------------------------------------
const stored = await db.query<{ external_id: string; n: string }>(
  'SELECT external_id, count(*) AS n FROM orders WHERE source = $1 GROUP BY external_id',
  [source],
);
const lines = await db.query<{ n: string }>(
  'SELECT count(*) AS n FROM order_items i JOIN orders o ON o.id = i.order_id WHERE o.source = $1',
  [source],
);
const storedIds = new Map(stored.rows.map((r) => [r.external_id, Number(r.n)]));
const acked = written.acknowledged;
const ackedStored = acked.filter((id) => storedIds.has(id)).length;
const duplicates = stored.rows.filter((r) => Number(r.n) > 1).length;
const extra = storedIds.size - ackedStored;
const abandoned = written.abandoned.flat();
console.log(
  `\ningestion: acknowledged ${count(acked.length)}, stored ${count(ackedStored)}, duplicates ${duplicates}` +
    ` (order lines ${count(Number(lines.rows[0]?.n ?? 0))} of ${count(2 * storedIds.size)} expected; stored without acknowledgement ${extra}; batches given up ${written.abandoned.length}; retried batches already stored ${written.replaysStored})`,
);
// What nginx saw: requests cut off by the kill (sent again to B unless a non-idempotent POST
// outside the ingestion routes), and connections refused while A was being retried.
const cut = new Map<string, number>();
for (const l of nginx.errorLog().split('\n')) {
  const how = /prematurely closed|reset by peer/.test(l)
    ? 'cut off'
    : /refused/.test(l)
      ? 'refused'
      : '';
  const request = /request: "(\w+ [^ ?"]+)/.exec(l)?.[1];
  if (how && request) cut.set(`${how}: ${request}`, (cut.get(`${how}: ${request}`) ?? 0) + 1);
}
console.log(
  `nginx's error log, requests it could not complete on an instance (GETs and ingestion go on to the other): ${cut.size ? [...cut].map(([k, v]) => `${k} ${v}`).join(', ') : 'nothing'}`,
);
console.log(
  `derived tables refreshed ${count(generations)} times during the run (${perSecond(beforeKill, killedAt)}/s with both instances, ${perSecond(generations - beforeKill, endAt - killedAt)}/s with B alone; each refresh is a new generation: every instance's cached answers are computed again); a dashboard answer is ${(run.dashboardBytes / 1024).toFixed(1)} KiB of JSON`,
);
console.log(
  `Telegram stand-in received: ${[...stub.calls]
    .sort((x, y) => y[1] - x[1])
    .map(([m, c]) => `${m} ${count(c)}`)
    .join(', ')}`,
);

// --- verdict -------------------------------------------------------------------------------
const afterSwitch = figures(all, killedAt + switchMs, endAt);
const checks: [boolean, string][] = [
  [
    ackedStored === acked.length && duplicates === 0 && extra <= abandoned.length,
    `every acknowledged order stored exactly once (${count(acked.length)} = ${count(ackedStored)}, duplicates ${duplicates})`,
  ],
  [
    afterSwitch.errors === 0 && afterSwitch.ok > 0,
    `B alone served everything after the switch (${count(afterSwitch.ok)} answers, ${afterSwitch.errors} errors)`,
  ],
];
// A heap's low point means something only over windows long enough to hold a full collection
// (V8's come every few tens of seconds under this load): shorter runs do not judge memory.
if (window < 60_000) {
  console.log(
    `\n(memory not judged: windows of ${w} are too short to hold a full garbage collection; --minutes 6 or more judges it)`,
  );
} else {
  checks.push(
    haveHeap
      ? [
          heapLast <= 1.25 * heapAfter,
          `B's memory bounded: lowest heap in use over the last ${w} within 25% of that over the ${w} after the switch (${pct(heapLast, heapAfter)}; RSS ${pct(bLast, bAfter)})`,
        ]
      : [
          bLast <= 1.25 * bAfter,
          `B's memory bounded: RSS over the last ${w} within 25% of the ${w} after the switch (${pct(bLast, bAfter)})`,
        ],
  );
}
console.log('\nchecks:');
for (const [ok, text] of checks) console.log(`  ${ok ? 'PASS' : 'FAIL'}  ${text}`);
const pass = checks.every(([ok]) => ok);

process.kill(nginx.proc.pid as number, 'SIGQUIT');
b.proc.kill('SIGTERM');
await Promise.all(
  [nginx, b].map(
    (c) => new Promise((r) => (c.proc.exitCode !== null ? r(null) : c.proc.once('exit', r))),
  ),
);
await stub.close();
await db.close();
if (pass) rmSync(tmp, { recursive: true, force: true });
else console.log(`nginx's config and error log kept in ${path.join(tmp, 'nginx')}`);
console.log(`${pass ? 'all checks pass' : 'checks FAILED'}; whole run ${since().trim()}`);
process.exit(pass ? 0 : 1);
