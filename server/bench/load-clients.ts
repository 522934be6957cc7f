// The clients of bench:load, each a closed loop (send, read the whole answer, send again):
// dashboard readers (Mini App initData), ingestion writers (API key; every acknowledged order
// id is kept for the final check), heavy readers (a five-year weekly cohort matrix from a
// different day each time: megabytes, never cached), Telegram updates (webhook secret) and
// /health as the floor.

export const kinds = ['dashboard', 'heavy', 'ingest', 'webhook', 'health'] as const;
export type Kind = (typeof kinds)[number];

/**
 * Every answer of one kind: start time (ms since the run began) and latency of each success;
 * each error at the time it came back (so a request in flight at a kill counts at the kill).
 */
export class KindStats {
  readonly at: number[] = [];
  readonly ms: number[] = [];
  readonly errors: { at: number; what: string }[] = [];
}

export interface Run {
  base: string;
  t0: number;
  stopped: boolean;
  stats: Record<Kind, KindStats>;
  /** Size of the last dashboard answer (JSON bytes). */
  dashboardBytes: number;
}

export function newRun(base: string): Run {
  const stats = Object.fromEntries(kinds.map((k) => [k, new KindStats()])) as Record<
    Kind,
    KindStats
  >;
  return { base, t0: performance.now(), stopped: false, stats, dashboardBytes: 0 };
}

const timeoutMs = 30_000;

/** One request with its body read; ok when `accept` says so. */
async function call(
  run: Run,
  kind: Kind,
  path: string,
  init: RequestInit,
  accept: (status: number, body: string) => boolean,
): Promise<{ ok: boolean; body: string }> {
  const start = performance.now();
  const at = start - run.t0;
  try {
    const res = await fetch(`${run.base}${path}`, {
      ...init,
      signal: AbortSignal.timeout(timeoutMs),
    });
    const body = await res.text();
    const ms = performance.now() - start;
    if (accept(res.status, body)) {
      run.stats[kind].at.push(at);
      run.stats[kind].ms.push(ms);
      return { ok: true, body };
    }
    run.stats[kind].errors.push({ at: performance.now() - run.t0, what: `HTTP ${res.status}` });
    return { ok: false, body };
  } catch (err) {
    const e = err as Error & { cause?: { code?: string } };
    run.stats[kind].errors.push({ at: performance.now() - run.t0, what: e.cause?.code ?? e.name });
    return { ok: false, body: '' };
  }
}

export async function reader(run: Run, initData: string): Promise<void> {
  const headers = { authorization: `tma ${initData}` };
  while (!run.stopped) {
    const r = await call(
      run,
      'dashboard',
      '/api/v1/analytics/dashboard',
      { headers },
      (s) => s === 200,
    );
    if (r.ok) run.dashboardBytes = Buffer.byteLength(r.body);
  }
}

/** The n-th distinct heavy query: weekly retention from a day n days after 2022-01-03. */
export function heavyQuery(n: number): string {
  const from = new Date(Date.UTC(2022, 0, 3) + (n % 1400) * 86_400_000);
  const to = new Date(Date.now() - Math.floor(n / 1400) * 86_400_000);
  return `/api/v1/analytics/retention?granularity=week&from=${from.toISOString().slice(0, 10)}&to=${to.toISOString().slice(0, 10)}`;
}

let heavySeq = 0;

/** Distinct heavy reads; a 503 (load shed, with Retry-After) counts as an error here. */
export async function heavyReader(run: Run, initData: string): Promise<void> {
  const headers = { authorization: `tma ${initData}` };
  while (!run.stopped)
    await call(run, 'heavy', heavyQuery(heavySeq++), { headers }, (s) => s === 200);
}

export async function health(run: Run): Promise<void> {
  while (!run.stopped) await call(run, 'health', '/health', {}, (s) => s === 200);
}

export interface Writer {
  /** Order ids the server acknowledged (200, every item accepted). */
  acknowledged: string[];
  /** Batches given up after `maxAttempts` failures (their items may or may not be stored). */
  abandoned: string[][];
  /** Retried batches of which the server said some items were already stored. */
  replaysStored: number;
}

const maxAttempts = 40;

/**
 * Sends batches of `size` new orders; a batch that fails is sent again, same ids, until it is
 * acknowledged (as a client that wants its data in would), also after the run is stopped.
 */
export async function writer(
  run: Run,
  o: { key: string; source: string; size: number; name: string; customers: number },
  out: Writer,
): Promise<void> {
  const headers = { authorization: `Bearer ${o.key}`, 'content-type': 'application/json' };
  for (let seq = 0; !run.stopped; seq++) {
    const ids = Array.from({ length: o.size }, (_, i) => `${o.name}-${seq}-${i}`);
    const items = ids.map((id, i) => ({
      id,
      customerId: `load-c${(seq * o.size + i) % o.customers}`,
      placedAt: new Date().toISOString(),
      channel: 'web',
      region: 'North',
      lines: [
        { sku: 'LOAD-BASE', name: 'Load test item', quantity: 1, unitPrice: '12.50' },
        { sku: `LOAD-${(seq + i) % 20}`, quantity: 2, unitPrice: '3.99' },
      ],
    }));
    const body = JSON.stringify({ source: o.source, items });
    let acked = false;
    for (let attempt = 1; attempt <= maxAttempts && !acked; attempt++) {
      const r = await call(
        run,
        'ingest',
        '/api/v1/ingest/orders',
        { method: 'POST', headers, body },
        (s) => s === 200,
      );
      if (r.ok) {
        const result = JSON.parse(r.body) as { accepted: number; duplicates: number };
        if (result.accepted === ids.length) acked = true;
        if (attempt > 1 && result.duplicates > 0) out.replaysStored++;
      } else {
        await new Promise((res) => setTimeout(res, 250));
      }
    }
    if (acked) out.acknowledged.push(...ids);
    else out.abandoned.push(ids);
  }
}

let updateId = 1;

/** Telegram updates as Telegram's webhook sends them: /start and /help from a staff member. */
export async function telegram(run: Run, o: { secret: string; userId: number }): Promise<void> {
  const headers = {
    'content-type': 'application/json',
    'x-telegram-bot-api-secret-token': o.secret,
  };
  for (let n = 0; !run.stopped; n++) {
    const text = n % 2 === 0 ? '/start' : '/help';
    const from = { id: o.userId, is_bot: false, first_name: 'Load', language_code: 'en' };
    const update = {
      update_id: updateId++,
      message: {
        message_id: n + 1,
        date: Math.floor(Date.now() / 1000),
        chat: { id: o.userId, type: 'private', first_name: 'Load' },
        from,
        text,
        entities: [{ type: 'bot_command', offset: 0, length: text.length }],
      },
    };
    const body = JSON.stringify(update);
    await call(
      run,
      'webhook',
      '/telegram/webhook',
      { method: 'POST', headers, body },
      (s) => s === 200,
    );
  }
}

/** Nearest-rank percentile of ascending values. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] as number;
}

export interface Figures {
  ok: number;
  errors: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
}

/** Figures of the answers that started in [from, to) ms. */
export function figures(s: KindStats, from: number, to: number): Figures {
  const lat: number[] = [];
  for (let i = 0; i < s.at.length; i++) {
    const at = s.at[i] as number;
    if (at >= from && at < to) lat.push(s.ms[i] as number);
  }
  const sorted = Float64Array.from(lat).sort();
  const errors = s.errors.filter((e) => e.at >= from && e.at < to).length;
  return {
    ok: sorted.length,
    errors,
    rps: (sorted.length + errors) / ((to - from) / 1000),
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
  };
}
