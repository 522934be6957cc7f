// npm run bench:burst — 50 concurrent distinct heavy analytics requests against one server
// (the real `server.ts`), on the embedded PGlite and on PostgreSQL: each a five-year weekly
// cohort matrix from another day (megabytes, a cache miss every time), while one client
// probes /health/live every 20 ms. Then training (churn and segments) is started while the
// probe goes on. Printed per database: the requests' statuses and p50/p95/p99, /health/live's
// p50/p95/p99 under the burst and during training, each next to /health/live idle measured in
// the same run (the ratio), and the server's RSS and V8 heap before and after.
// Options: --database pglite|postgres|both (default both), --customers N (default 2000),
// --concurrency C (default 50), --rounds R (bursts, each with new days; default 3).
// PostgreSQL: BENCH_DATABASE_URL (default postgresql://postgres@127.0.0.1:5432/retention_burst),
// created when missing, seeded once and kept.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { refreshDerived } from '../src/analytics/refresh.ts';
import { signInitData } from '../src/auth/init-data.ts';
import { loadConfig } from '../src/config.ts';
import { openBenchBusiness } from './bench-business.ts';
import { heavyQuery, percentile } from './load-clients.ts';
import {
  benchMetricsToken,
  memoryOf,
  rssOf,
  type ServerInstance,
  startServer,
} from './load-cluster.ts';

const { values: args } = parseArgs({
  options: {
    database: { type: 'string', default: 'both' },
    customers: { type: 'string', default: '2000' },
    concurrency: { type: 'string', default: '50' },
    rounds: { type: 'string', default: '3' },
  },
});
const positive = (name: 'customers' | 'concurrency' | 'rounds') => {
  const v = Number(args[name]);
  if (!Number.isInteger(v) || v < 1) {
    console.error(`bench:burst: --${name} must be a positive integer`);
    process.exit(2);
  }
  return v;
};
const [customers, concurrency, rounds] = [
  positive('customers'),
  positive('concurrency'),
  positive('rounds'),
];
const databases = { both: ['pglite', 'postgres'], pglite: ['pglite'], postgres: ['postgres'] }[
  args.database as string
];
if (!databases) {
  console.error('bench:burst: --database must be pglite, postgres or both');
  process.exit(2);
}
const postgresUrl =
  process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/retention_burst';

const botToken = '7000000001:AAHtestTokenForRetentionDeskTests_0001';
const manager = { id: 5002, first_name: 'Burst' };
const fmt = (v: number) => (Number.isNaN(v) ? '-' : v < 10 ? v.toFixed(1) : v.toFixed(0));
const mib = (b: number | null | undefined) => (b ? `${(b / 2 ** 20).toFixed(0)} MiB` : '-');
const started = performance.now();
const log = (m: string) =>
  console.log(`[${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s] ${m}`);

interface Spread {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}
function spread(values: number[]): Spread {
  const s = Float64Array.from(values).sort();
  return {
    n: s.length,
    p50: percentile(s, 50),
    p95: percentile(s, 95),
    p99: percentile(s, 99),
    max: s.length ? (s[s.length - 1] as number) : Number.NaN,
  };
}
const show = (s: Spread) =>
  `p50 ${fmt(s.p50)} ms, p95 ${fmt(s.p95)} ms, p99 ${fmt(s.p99)} ms, max ${fmt(s.max)} ms (${s.n})`;

/** Sequential /health/live probes every `everyMs` until stop() — the latencies. */
function probe(base: string, everyMs = 20) {
  const took: number[] = [];
  let failed = 0;
  let on = true;
  const done = (async () => {
    while (on) {
      const t = performance.now();
      const ok = await fetch(`${base}/health/live`, { signal: AbortSignal.timeout(60_000) }).then(
        (r) => r.ok,
        () => false,
      );
      took.push(performance.now() - t);
      if (!ok) failed++;
      await new Promise((r) => setTimeout(r, everyMs));
    }
  })();
  return {
    stop: async () => {
      on = false;
      await done;
      return { ...spread(took), failed };
    },
  };
}

async function serverFor(kind: string, tmp: string): Promise<ServerInstance> {
  const env: Record<string, string> = {
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    DATA_DIR: path.join(tmp, kind),
    BOT_TOKEN: botToken,
    BOT_MODE: 'off',
    MANAGER_TELEGRAM_IDS: String(manager.id),
    RATE_LIMIT_MAX: '1000000000',
    RETRAIN_HOURS: '0',
    METRICS_TOKEN: benchMetricsToken,
  };
  if (kind === 'postgres') {
    const { db, seeded } = await openBenchBusiness(postgresUrl, customers, {
      reseed: false,
      log,
    });
    await refreshDerived(db, loadConfig({ BOT_MODE: 'off' }).analytics, { force: seeded });
    await db.close();
    return startServer('server on PostgreSQL', {
      ...env,
      DATABASE_URL: postgresUrl,
      DEMO_DATA: 'off',
    });
  }
  log(
    `seeding ${customers} demo customers into a new PGlite folder (the server does it at start)...`,
  );
  return startServer('server on PGlite', {
    ...env,
    DEMO_DATA: 'on',
    DEMO_CUSTOMERS: String(customers),
  });
}

async function measure(kind: string, tmp: string) {
  const server = await serverFor(kind, tmp);
  const base = `http://127.0.0.1:${server.port}`;
  const headers = { authorization: `tma ${signInitData(manager, botToken)}` };
  try {
    // Warm the report threads and the derived tables with one request, then idle /health/live.
    await fetch(`${base}${heavyQuery(9999)}`, { headers }).then((r) => r.arrayBuffer());
    const idleProbe = probe(base);
    await new Promise((r) => setTimeout(r, 3000));
    const idle = await idleProbe.stop();
    const before = { rss: rssOf(server.proc.pid), heap: (await memoryOf(server.port))?.heap };

    const took: number[] = [];
    const statuses = new Map<string, number>();
    let bytes = 0;
    let retryAfter = 0;
    const busy = probe(base);
    for (let round = 0; round < rounds; round++) {
      await Promise.all(
        Array.from({ length: concurrency }, async (_, i) => {
          const t = performance.now();
          try {
            const res = await fetch(`${base}${heavyQuery(round * concurrency + i)}`, {
              headers,
              signal: AbortSignal.timeout(300_000),
            });
            const body = await res.arrayBuffer();
            took.push(performance.now() - t);
            statuses.set(String(res.status), (statuses.get(String(res.status)) ?? 0) + 1);
            if (res.status === 200) bytes = Math.max(bytes, body.byteLength);
            if (res.status === 503 && res.headers.get('retry-after')) retryAfter++;
          } catch (err) {
            const what = (err as Error).name;
            statuses.set(what, (statuses.get(what) ?? 0) + 1);
          }
        }),
      );
      log(`${kind}: round ${round + 1} of ${rounds} answered`);
    }
    const burst = await busy.stop();
    const after = { rss: rssOf(server.proc.pid), heap: (await memoryOf(server.port))?.heap };

    // Training while the probe goes on: both jobs started at once, probed until both end.
    const trainingProbe = probe(base);
    const jobs = await Promise.all(
      ['churn-prediction', 'segmentation'].map(async (what) => {
        const res = await fetch(`${base}/api/v1/analytics/${what}`, { method: 'POST', headers });
        return ((await res.json()) as { jobId: number }).jobId;
      }),
    );
    const trainStart = performance.now();
    for (const id of jobs) {
      for (;;) {
        const job = (await (await fetch(`${base}/api/v1/jobs/${id}`, { headers })).json()) as {
          status: string;
        };
        if (job.status !== 'running') break;
        await new Promise((r) => setTimeout(r, 250));
      }
    }
    const trainingSeconds = (performance.now() - trainStart) / 1000;
    const training = await trainingProbe.stop();
    return {
      kind,
      idle,
      burst,
      training,
      trainingSeconds,
      took: spread(took),
      statuses,
      bytes,
      retryAfter,
      before,
      after,
    };
  } finally {
    server.proc.kill('SIGTERM');
    await new Promise((r) =>
      server.proc.exitCode !== null ? r(null) : server.proc.once('exit', r),
    );
  }
}

const cpus = os.cpus();
console.log(
  `bench:burst: Node ${process.version}, nproc ${cpus.length} × ${cpus[0]?.model.trim() ?? '?'}; ${customers} customers; ${rounds} rounds of ${concurrency} concurrent distinct five-year weekly retention requests (manager, distinct from/to: every one a cache miss)`,
);
const tmp = mkdtempSync(path.join(os.tmpdir(), 'rd-burst-'));
const results = [];
for (const kind of databases) results.push(await measure(kind, tmp));
rmSync(tmp, { recursive: true, force: true });

let pass = true;
for (const r of results) {
  const hang = [...r.statuses.keys()].filter((s) => s !== '200' && s !== '503');
  const shedOk = (r.statuses.get('503') ?? 0) === r.retryAfter;
  console.log(`\n== ${r.kind}`);
  console.log(
    `requests: ${[...r.statuses].map(([s, n]) => `${s} × ${n}`).join(', ')}; largest answer ${mib(r.bytes)}; ${show(r.took)}`,
  );
  console.log(`/health/live idle:           ${show(r.idle)}`);
  console.log(
    `/health/live under the burst: ${show(r.burst)}; p95 ${(r.burst.p95 / r.idle.p95).toFixed(1)}× idle; failed ${r.burst.failed}`,
  );
  console.log(
    `/health/live while training:  ${show(r.training)}; p95 ${(r.training.p95 / r.idle.p95).toFixed(1)}× idle (churn + segments, ${r.trainingSeconds.toFixed(1)} s)`,
  );
  console.log(
    `memory: RSS ${mib(r.before.rss)} before the bursts, ${mib(r.after.rss)} after; V8 heap in use ${mib(r.before.heap)} → ${mib(r.after.heap)}`,
  );
  const checks: [boolean, string][] = [
    [hang.length === 0, `every request answered 200 or 503 (other: ${hang.join(', ') || 'none'})`],
    [shedOk, `every 503 carried Retry-After`],
    [r.burst.p95 < 100, `/health/live p95 under the burst below 100 ms (${fmt(r.burst.p95)} ms)`],
    [
      r.training.p95 < 100,
      `/health/live p95 while training below 100 ms (${fmt(r.training.p95)} ms)`,
    ],
  ];
  for (const [ok, text] of checks) console.log(`  ${ok ? 'PASS' : 'FAIL'}  ${text}`);
  pass &&= checks.every(([ok]) => ok);
}
console.log(`\n${pass ? 'all checks pass' : 'checks FAILED'}`);
process.exit(pass ? 0 : 1);
