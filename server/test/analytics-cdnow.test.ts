// The cohort matrix and the churn series of the API on the real CDNOW data set (23,570
// customers, 69,659 purchases, 1997-01-01..1998-06-30) against a brute-force computation
// from the raw file in this test: per customer, per calendar day, with no SQL and no code
// from server/src. Every cell and every period must agree.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasSharedData, sharedDataDir } from '../../test/requirements.ts';
import { buildTestApp, type TestApp, testBotToken } from './helpers/build-app.ts';
import { people, tma } from './helpers/fixtures.ts';
import { importFile } from './helpers/import.ts';

const W = 90; // CHURN_WINDOW_DAYS default
const msPerDay = 86_400_000;

// ---------------------------------------------------------------------------------------
// Calendar: days are whole numbers (days since 1970-01-01, UTC).

const day = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d) / msPerDay;
};
const iso = (d: number) => new Date(d * msPerDay).toISOString().slice(0, 10);

interface Span {
  start: number; // inclusive
  end: number; // exclusive
  partial: boolean;
}

/** Calendar months (or Monday weeks) overlapping [from, to], each cut to the range. */
function calendarPeriods(from: number, to: number, g: 'month' | 'week'): Span[] {
  const out: Span[] = [];
  let start: number;
  let next: (s: number) => number;
  if (g === 'month') {
    const f = new Date(from * msPerDay);
    start = Date.UTC(f.getUTCFullYear(), f.getUTCMonth(), 1) / msPerDay;
    next = (s) => {
      const d = new Date(s * msPerDay);
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) / msPerDay;
    };
  } else {
    // 1970-01-05 (day 4) was a Monday.
    start = from - ((((from - 4) % 7) + 7) % 7);
    next = (s) => s + 7;
  }
  for (; start <= to; start = next(start)) {
    const s = Math.max(start, from);
    const e = Math.min(next(start), to + 1);
    out.push({ start: s, end: e, partial: s !== start || e !== next(start) });
  }
  return out;
}

const periodJson = (p: Span) => ({ start: iso(p.start), end: iso(p.end - 1), partial: p.partial });

/** Integer cents as "123.45". */
const money = (c: number) => {
  const a = Math.abs(c);
  return `${c < 0 ? '-' : ''}${Math.floor(a / 100)}.${String(a % 100).padStart(2, '0')}`;
};
/** Integer cents ÷ n, rounded to the cent (half up), as money; null when n is 0. */
const moneyPer = (c: number, n: number) =>
  n === 0 ? null : money(Math.floor((2 * c + n) / (2 * n)));
const rate = (a: number, b: number) => (b === 0 ? null : a / b);

// ---------------------------------------------------------------------------------------
// The raw file: `customer_id yyyymmdd n_cds dollars`, whitespace-separated, header line.

interface Purchase {
  day: number;
  cents: number;
}

function readCdnow(file: string): Map<string, Purchase[]> {
  const customers = new Map<string, Purchase[]>();
  const lines = readFileSync(file, 'utf8').split(/\r?\n/);
  for (const line of lines.slice(1)) {
    const f = line.trim().split(/\s+/);
    if (f.length < 4) continue;
    const [id, ymd, , dollars] = f as [string, string, string, string];
    const d = Date.UTC(+ymd.slice(0, 4), +ymd.slice(4, 6) - 1, +ymd.slice(6, 8)) / msPerDay;
    const [whole, fraction = ''] = dollars.split('.');
    const cents = Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
    const list = customers.get(id);
    if (list) list.push({ day: d, cents });
    else customers.set(id, [{ day: d, cents }]);
  }
  return customers;
}

// ---------------------------------------------------------------------------------------
// Expected answers, brute force.

function expectedCohorts(data: Map<string, Purchase[]>, periods: Span[]) {
  const n = periods.length;
  const from = periods[0]!.start;
  const end = periods.at(-1)!.end;
  const indexOf = (d: number) => periods.findIndex((p) => d >= p.start && d < p.end);
  const size = new Array<number>(n).fill(0);
  const customers = periods.map(() => new Array<number>(n).fill(0));
  const onOrAfter = periods.map(() => new Array<number>(n).fill(0));
  const revenue = periods.map(() => new Array<number>(n).fill(0));
  for (const purchases of data.values()) {
    const first = Math.min(...purchases.map((p) => p.day));
    if (first < from || first >= end) continue;
    const c = indexOf(first);
    size[c]! += 1;
    const months = new Set<number>();
    for (const p of purchases) {
      if (p.day >= end) continue;
      const m = indexOf(p.day);
      months.add(m);
      revenue[c]![m - c]! += p.cents;
    }
    for (let k = 0; c + k < n; k++) {
      if (months.has(c + k)) customers[c]![k]! += 1;
      if ([...months].some((m) => m >= c + k)) onOrAfter[c]![k]! += 1;
    }
  }
  return periods.map((period, c) => ({
    period: periodJson(period),
    size: size[c]!,
    revenue: money(revenue[c]![0]!),
    cells: periods.slice(c).map((cellPeriod, k) => ({
      k,
      period: periodJson(cellPeriod),
      customers: customers[c]![k]!,
      share: rate(customers[c]![k]!, size[c]!),
      onOrAfter: onOrAfter[c]![k]!,
      onOrAfterShare: rate(onOrAfter[c]![k]!, size[c]!),
      revenue: money(revenue[c]![k]!),
      revenueShare: rate(revenue[c]![k]!, revenue[c]![0]!),
    })),
  }));
}

function expectedChurn(data: Map<string, Purchase[]>, periods: Span[]) {
  // Every day a customer could be active on, with a margin on both sides.
  const lo = day('1996-01-01');
  const hi = day('1999-12-31');
  const active = new Uint8Array(hi - lo);
  const rows = periods.map(() => ({
    activeAtStart: 0,
    activeAtEnd: 0,
    activeInPeriod: 0,
    newCustomers: 0,
    churnedCustomers: 0,
    orders: 0,
    buyers: 0,
    revenueCents: 0,
  }));
  for (const purchases of data.values()) {
    active.fill(0);
    for (const p of purchases) for (let t = p.day; t < p.day + W; t++) active[t - lo] = 1;
    const on = (t: number) => active[t - lo] === 1;
    // A churn date: the first inactive day after an active one (the end of a spell).
    const churnsOn = (t: number) => on(t - 1) && !on(t);
    const first = Math.min(...purchases.map((p) => p.day));
    periods.forEach((period, k) => {
      const r = rows[k]!;
      if (on(period.start - 1)) r.activeAtStart++;
      if (on(period.end - 1)) r.activeAtEnd++;
      let any = false;
      let churned = false;
      for (let t = period.start; t < period.end; t++) {
        any ||= on(t);
        churned ||= churnsOn(t);
      }
      if (any) r.activeInPeriod++;
      if (churned) r.churnedCustomers++;
      if (first >= period.start && first < period.end) r.newCustomers++;
      const inside = purchases.filter((p) => p.day >= period.start && p.day < period.end);
      r.orders += inside.length; // each row of the file is one order
      r.revenueCents += inside.reduce((a, p) => a + p.cents, 0);
      if (inside.length > 0) r.buyers++;
    });
  }
  return periods.map((period, k) => {
    const r = rows[k]!;
    const churnRate = rate(r.churnedCustomers, r.activeAtStart);
    return {
      period: periodJson(period),
      activeAtStart: r.activeAtStart,
      activeAtEnd: r.activeAtEnd,
      activeInPeriod: r.activeInPeriod,
      newCustomers: r.newCustomers,
      churnedCustomers: r.churnedCustomers,
      churnRate,
      retentionRate: churnRate === null ? null : 1 - churnRate,
      orders: r.orders,
      buyers: r.buyers,
      revenue: money(r.revenueCents),
      aov: moneyPer(r.revenueCents, r.orders),
      arpu: moneyPer(r.revenueCents, r.activeInPeriod),
      // CDNOW has no contracts: nothing recurring to retain.
      revenueRetention: {
        customersAtStart: 0,
        customersKept: 0,
        mrrAtStart: '0.00',
        mrrKept: '0.00',
        expansion: '0.00',
        contraction: '0.00',
        churned: '0.00',
        newMrr: '0.00',
        mrrAtEnd: '0.00',
        nrr: null,
        grr: null,
      },
    };
  });
}

/**
 * Every difference between `actual` and `expected`, by path: integers, strings, booleans
 * and nulls exactly, fractions to 12 decimal places.
 */
function differences(actual: unknown, expected: unknown, at = '$', out: string[] = []) {
  if (typeof expected === 'number' && !Number.isInteger(expected)) {
    if (typeof actual !== 'number' || !(Math.abs(actual - expected) < 5e-13)) {
      out.push(`${at}: ${JSON.stringify(actual)}, expected ${expected}`);
    }
  } else if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length) {
      out.push(
        `${at}: ${Array.isArray(actual) ? `${actual.length} items` : JSON.stringify(actual)}, expected ${expected.length} items`,
      );
    } else {
      for (const [i, e] of expected.entries()) differences(actual[i], e, `${at}[${i}]`, out);
    }
  } else if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object') {
      out.push(`${at}: ${JSON.stringify(actual)}, expected an object`);
      return out;
    }
    const a = actual as Record<string, unknown>;
    const e = expected as Record<string, unknown>;
    for (const key of new Set([...Object.keys(a), ...Object.keys(e)])) {
      if (!(key in e)) out.push(`${at}.${key}: unexpected (${JSON.stringify(a[key])})`);
      else if (!(key in a)) out.push(`${at}.${key}: missing`);
      else differences(a[key], e[key], `${at}.${key}`, out);
    }
  } else if (actual !== expected) {
    out.push(`${at}: ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`);
  }
  return out;
}

// ---------------------------------------------------------------------------------------

describe.skipIf(!hasSharedData())('analytics on the CDNOW data set', () => {
  const file = path.join(sharedDataDir, 'cdnow', 'CDNOW_master.txt');
  let t: TestApp;
  let data: Map<string, Purchase[]>;

  beforeAll(async () => {
    data = readCdnow(file);
    // No timed refresh in the middle of the import: this test refreshes when it is done.
    t = await buildTestApp({
      BOT_TOKEN: testBotToken,
      ADMIN_TELEGRAM_IDS: String(people.admin.id),
      ANALYTICS_REFRESH_SECONDS: '86400',
    });
    const s = await importFile(t.database.db, file, {
      kind: 'cdnow',
      source: 'cdnow',
      batchSize: 10_000,
    });
    expect(s).toMatchObject({ read: 69_659, loaded: 69_659, rejected: 0 });
    // The second call waits for a refresh that started after the import, even if the
    // first one joined a refresh already under way.
    await t.app.analytics.refresher.refresh();
    await t.app.analytics.refresher.refresh();
  });
  afterAll(() => t?.close());

  const get = async (report: string, from: string, to: string, granularity: string) => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/analytics/${report}?from=${from}&to=${to}&granularity=${granularity}`,
      headers: tma(people.admin),
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };

  it('reads the raw file as the README describes it', () => {
    const purchases = [...data.values()].flat();
    expect(data.size).toBe(23_570);
    expect(purchases).toHaveLength(69_659);
    expect(money(purchases.reduce((a, p) => a + p.cents, 0))).toBe('2500315.63');
  });

  it('gives the monthly cohort matrix 1997-01..1998-06 computed from the raw file', async () => {
    const [from, to] = ['1997-01-01', '1998-06-30'];
    const body = await get('retention', from, to, 'month');
    const periods = calendarPeriods(day(from), day(to), 'month');
    expect(periods).toHaveLength(18);
    const cohorts = expectedCohorts(data, periods);
    // The data set is the Q1 1997 acquisition cohort.
    expect(cohorts.map((c) => c.size)).toEqual([7846, 8476, 7248, ...new Array(15).fill(0)]);
    expect(body.definition).toMatchObject({ windowDays: W, timeZone: 'UTC', from, to });
    expect(differences(body.periods, periods.map(periodJson))).toEqual([]);
    expect(differences(body.cohorts, cohorts)).toEqual([]);
  });

  it('gives the cohort matrix over a range cut mid-month at both ends', async () => {
    const [from, to] = ['1997-02-15', '1998-03-10'];
    const body = await get('retention', from, to, 'month');
    const periods = calendarPeriods(day(from), day(to), 'month');
    expect(periods[0]).toEqual({ start: day(from), end: day('1997-03-01'), partial: true });
    expect(periods.at(-1)).toEqual({ start: day('1998-03-01'), end: day(to) + 1, partial: true });
    expect(differences(body.cohorts, expectedCohorts(data, periods))).toEqual([]);
  });

  it('gives the monthly churn series 1997-01..1998-06 computed day by day', async () => {
    const [from, to] = ['1997-01-01', '1998-06-30'];
    const body = await get('churn', from, to, 'month');
    const expected = expectedChurn(data, calendarPeriods(day(from), day(to), 'month'));
    // Nobody is active before the first purchase; the first churn dates are 90 days on.
    expect(expected[0]).toMatchObject({ activeAtStart: 0, newCustomers: 7846 });
    expect(expected.slice(0, 3).map((p) => p.churnedCustomers)).toEqual([0, 0, 0]);
    expect(expected[3]!.churnedCustomers).toBeGreaterThan(0);
    expect(body.definition).toMatchObject({ windowDays: W, timeZone: 'UTC', from, to });
    expect(differences(body.periods, expected)).toEqual([]);
  });

  it('gives the monthly churn series from mid-March, its first period partial', async () => {
    const [from, to] = ['1997-03-15', '1998-06-30'];
    const body = await get('churn', from, to, 'month');
    const periods = calendarPeriods(day(from), day(to), 'month');
    expect(periods[0]).toEqual({ start: day(from), end: day('1997-04-01'), partial: true });
    expect(body.periods[0].period).toEqual({
      start: '1997-03-15',
      end: '1997-03-31',
      partial: true,
    });
    expect(differences(body.periods, expectedChurn(data, periods))).toEqual([]);
  });

  it('gives the weekly churn series (weeks from Monday), cut mid-week at both ends', async () => {
    const [from, to] = ['1997-02-12', '1997-07-31']; // a Wednesday and a Thursday
    const body = await get('churn', from, to, 'week');
    const periods = calendarPeriods(day(from), day(to), 'week');
    expect(periods[0]).toEqual({ start: day(from), end: day('1997-02-17'), partial: true });
    expect(periods[1]).toEqual({
      start: day('1997-02-17'),
      end: day('1997-02-24'),
      partial: false,
    });
    expect(periods.at(-1)).toEqual({ start: day('1997-07-28'), end: day(to) + 1, partial: true });
    expect(differences(body.periods, expectedChurn(data, periods))).toEqual([]);
  });
});
