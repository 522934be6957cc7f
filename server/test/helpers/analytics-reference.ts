// A brute-force reference for the analytics API, written from the metric definitions and
// nothing else (no server code): a seeded random business, its rows for the database, and
// every number of the churn, retention, lifecycle, stickiness and breakdown reports worked
// out day by day. Slow and obvious on purpose.
import type { PrismaClient } from '@retention/db';

// ---------------------------------------------------------------------------------------
// Seeded randomness

/** mulberry32: a tiny deterministic PRNG, floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Rng {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  float(): number {
    return this.next();
  }
  /** Whole number in [a, b]. */
  int(a: number, b: number): number {
    return a + Math.floor(this.next() * (b - a + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T;
  }
}

// ---------------------------------------------------------------------------------------
// Calendar days: whole numbers of days since 1970-01-01 (a Thursday).

const msPerDay = 86_400_000;

export function day(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d) / msPerDay;
}

export function iso(d: number): string {
  return new Date(d * msPerDay).toISOString().slice(0, 10);
}

const formats = new Map<string, Intl.DateTimeFormat>();
function wallClock(instant: Date, timeZone: string) {
  let f = formats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    formats.set(timeZone, f);
  }
  const parts: Record<string, number> = {};
  for (const p of f.formatToParts(instant)) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  const { year, month, day: d, hour, minute, second } = parts as Record<string, number>;
  return {
    day: Date.UTC(year as number, (month as number) - 1, d as number) / msPerDay,
    seconds: (hour as number) * 3600 + (minute as number) * 60 + (second as number),
  };
}

/** The calendar day of an instant in `timeZone`. */
export function localDay(instant: Date, timeZone: string): number {
  return wallClock(instant, timeZone).day;
}

/** The instant whose wall clock in `timeZone` reads day `d`, `seconds` after midnight. */
export function instantAt(d: number, seconds: number, timeZone: string): Date {
  const wanted = d * msPerDay + seconds * 1000;
  let instant = wanted;
  for (let i = 0; i < 3; i++) {
    const w = wallClock(new Date(instant), timeZone);
    const shown = w.day * msPerDay + w.seconds * 1000;
    instant += wanted - shown;
  }
  const out = new Date(instant);
  const check = wallClock(out, timeZone);
  if (check.day !== d) throw new Error(`no wall clock ${iso(d)}+${seconds}s in ${timeZone}`);
  return out;
}

export type Granularity = 'week' | 'month';

/** First day of the calendar week (Monday) or month holding `d`. */
export function calendarStart(d: number, g: Granularity): number {
  if (g === 'week') {
    const mondayBased = (((d + 3) % 7) + 7) % 7; // 1970-01-01 was a Thursday (3)
    return d - mondayBased;
  }
  const date = new Date(d * msPerDay);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1) / msPerDay;
}

/** The calendar period start `n` periods after the one starting at `start`. */
export function calendarShift(start: number, g: Granularity, n: number): number {
  if (g === 'week') return start + 7 * n;
  const date = new Date(start * msPerDay);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + n, 1) / msPerDay;
}

export interface RefPeriod {
  /** First day, inclusive. */
  start: number;
  /** Day after the last. */
  end: number;
  partial: boolean;
}

/** Calendar weeks or months meeting [from, to], cut to it. */
export function periodsOf(from: number, to: number, g: Granularity): RefPeriod[] {
  const out: RefPeriod[] = [];
  for (let s = calendarStart(from, g); s <= to; s = calendarShift(s, g, 1)) {
    const e = calendarShift(s, g, 1);
    const start = Math.max(s, from);
    const end = Math.min(e, to + 1);
    out.push({ start, end, partial: start !== s || end !== e });
  }
  return out;
}

const periodJson = (p: RefPeriod) => ({
  start: iso(p.start),
  end: iso(p.end - 1),
  partial: p.partial,
});

// ---------------------------------------------------------------------------------------
// The business

export type Status = 'completed' | 'pending' | 'cancelled' | 'returned';
const channels = ['web', 'app', 'telegram', 'offline', 'other'] as const;

export interface Business {
  customers: { key: string; region: string | null; channel: string | null }[];
  orders: { customer: string; placedAt: Date; status: Status; cents: number }[];
  contracts: {
    customer: string;
    plan: string;
    startAt: Date;
    endAt: Date | null;
    cents: number;
  }[];
  events: { customer: string; occurredAt: Date; channel: (typeof channels)[number] }[];
}

export interface BusinessOptions {
  seed: number;
  windowDays: number;
  timeZone: string;
  /** First and last day data may fall on. */
  first: string;
  last: string;
}

/**
 * A small adversarial business: bursts and long gaps of orders (gaps of exactly W, W ± 1
 * days), non-completed orders, contracts upgraded, downgraded, overlapping, touching and
 * open-ended, contract-only customers, events, and many timestamps a few minutes either
 * side of local midnight. A handful of hand-placed customers make sure every edge shows up.
 */
export function randomBusiness(o: BusinessOptions): Business {
  const rng = new Rng(o.seed);
  const W = o.windowDays;
  const first = day(o.first);
  const last = day(o.last);
  const biz: Business = { customers: [], orders: [], contracts: [], events: [] };
  const regions = ['North', 'South', 'East', null] as const;
  const acquisition = ['organic', 'referral', 'ads', null] as const;

  const seconds = () => {
    if (rng.chance(0.4)) {
      return rng.chance(0.5) ? rng.int(86_400 - 240, 86_399) : rng.int(0, 240);
    }
    return rng.int(0, 86_399);
  };
  const at = (d: number) => instantAt(d, seconds(), o.timeZone);
  const cents = () =>
    rng.chance(0.3) ? rng.pick([1, 99, 333, 1001, 4999, 10_000]) : rng.int(50, 60_000);

  const addCustomer = (key: string) => {
    biz.customers.push({ key, region: rng.pick(regions), channel: rng.pick(acquisition) });
    return key;
  };
  const order = (customer: string, d: number, status: Status = 'completed') => {
    if (d <= last) biz.orders.push({ customer, placedAt: at(d), status, cents: cents() });
  };
  const contract = (customer: string, s: number, e: number | null, amount?: number) => {
    if (s > last) return;
    let startAt = at(s);
    let endAt = e === null ? null : at(e);
    if (endAt && endAt <= startAt) [startAt, endAt] = [endAt, startAt];
    biz.contracts.push({
      customer,
      plan: rng.pick(['basic', 'pro', 'max']),
      startAt,
      endAt,
      cents:
        amount ?? (rng.chance(0.07) ? 0 : rng.pick([990, 1500, 2500, 4999, rng.int(100, 30_000)])),
    });
  };

  // Hand-placed edges.
  const touch = addCustomer('touch'); // orders exactly W apart: one spell, no churn between
  const t0 = first + rng.int(40, 120);
  order(touch, t0);
  order(touch, t0 + W);
  order(touch, t0 + 2 * W);
  const gap = addCustomer('gap'); // W + 1 apart: churn on d + W, back a day later
  const g0 = first + rng.int(40, 120);
  order(gap, g0);
  order(gap, g0 + W + 1);
  order(gap, g0 + 2 * W + 2, 'cancelled');
  order(gap, g0 + 2 * W + 3);
  const chain = addCustomer('chain'); // contracts end to end: upgrade, downgrade, cancel
  const c0 = first + rng.int(30, 90);
  contract(chain, c0, c0 + 45, 1000);
  contract(chain, c0 + 45, c0 + 100, 2500);
  contract(chain, c0 + 100, c0 + 160, 1500);
  const bridge = addCustomer('bridge'); // an order's window runs into a contract start
  const b0 = first + rng.int(30, 90);
  order(bridge, b0);
  contract(bridge, b0 + W, null, 4000);
  order(bridge, b0 + W + 20);
  const forever = addCustomer('forever'); // open-ended from before the data
  contract(forever, first - 30, null, 1200);
  const never = addCustomer('never'); // only non-completed orders
  order(never, first + rng.int(0, 200), 'pending');
  order(never, first + rng.int(0, 200), 'returned');

  const count = rng.int(22, 34);
  for (let i = 0; i < count; i++) {
    const key = addCustomer(`c${i}`);
    const r = rng.float();
    const kind = r < 0.08 ? 'none' : r < 0.22 ? 'contracts' : r < 0.38 ? 'both' : 'orders';
    if (kind === 'orders' || kind === 'both') {
      let d = first + rng.int(-20, 330);
      const n = rng.int(kind === 'orders' ? 1 : 0, 12);
      for (let j = 0; j < n && d <= last; j++) {
        const r2 = rng.float();
        const status: Status =
          r2 < 0.8 ? 'completed' : rng.pick(['pending', 'cancelled', 'returned'] as const);
        order(key, d, status);
        if (rng.chance(0.1)) order(key, d); // two orders on one day
        const s = rng.float();
        d +=
          s < 0.3
            ? rng.int(0, 5)
            : s < 0.45
              ? W
              : s < 0.55
                ? W + 1
                : s < 0.6
                  ? W - 1
                  : s < 0.8
                    ? rng.int(6, W)
                    : rng.int(W + 2, 3 * W + 40);
      }
    }
    if (kind === 'none' && rng.chance(0.5)) order(key, first + rng.int(0, 400), 'cancelled');
    if (kind === 'contracts' || kind === 'both') {
      let s = first + rng.int(-40, 380);
      const n = rng.int(1, 3);
      for (let j = 0; j < n; j++) {
        const open = j === n - 1 && rng.chance(0.3);
        const e = open ? null : s + rng.int(1, 200);
        contract(key, s, e);
        if (e === null) break;
        const next = rng.float();
        s =
          next < 0.4
            ? e
            : next < 0.6
              ? Math.max(s, e - rng.int(1, 15))
              : next < 0.8
                ? e + rng.int(1, 5)
                : e + rng.int(W, 2 * W);
      }
    }
  }

  for (const c of biz.customers) {
    if (!rng.chance(0.65)) continue;
    const n = rng.int(1, 30);
    let d = first + rng.int(0, 420);
    for (let j = 0; j < n; j++) {
      const occurredAt = at(Math.min(d, last));
      biz.events.push({ customer: c.key, occurredAt, channel: rng.pick(channels) });
      if (rng.chance(0.25)) {
        biz.events.push({ customer: c.key, occurredAt, channel: rng.pick(channels) });
      }
      d += rng.chance(0.5) ? rng.int(0, 2) : rng.int(3, 40);
    }
  }
  return biz;
}

const money = (c: number): string => {
  const r = Math.round(c);
  const a = Math.abs(r);
  return `${r < 0 ? '-' : ''}${Math.floor(a / 100)}.${String(a % 100).padStart(2, '0')}`;
};

/** Writes the business into the database. */
export async function insertBusiness(prisma: PrismaClient, biz: Business): Promise<void> {
  const created = await prisma.customer.createManyAndReturn({
    data: biz.customers.map((c) => ({
      source: 'ref',
      externalId: c.key,
      name: `Customer ${c.key}`,
      region: c.region,
      acquisitionChannel: c.channel,
    })),
    select: { id: true, externalId: true },
  });
  const id = new Map(created.map((c) => [c.externalId, c.id]));
  const idOf = (key: string) => id.get(key) as number;
  await prisma.order.createMany({
    data: biz.orders.map((o, i) => ({
      source: 'ref',
      externalId: `o${i}`,
      customerId: idOf(o.customer),
      placedAt: o.placedAt,
      status: o.status,
      total: money(o.cents),
    })),
  });
  await prisma.contract.createMany({
    data: biz.contracts.map((k, i) => ({
      source: 'ref',
      externalId: `k${i}`,
      customerId: idOf(k.customer),
      plan: k.plan,
      startAt: k.startAt,
      endAt: k.endAt,
      monthlyAmount: money(k.cents),
    })),
  });
  await prisma.event.createMany({
    data: biz.events.map((e, i) => ({
      source: 'ref',
      externalId: `e${i}`,
      customerId: idOf(e.customer),
      type: 'view',
      channel: e.channel,
      occurredAt: e.occurredAt,
    })),
  });
}

// ---------------------------------------------------------------------------------------
// The reference

interface RefCustomer {
  key: string;
  region: string | null;
  channel: string | null;
  /** Completed orders: local day and amount. */
  orders: { day: number; cents: number }[];
  /** Activity intervals [start, end): W days from each order day, and each contract. */
  intervals: [number, number][];
  contracts: { start: number; end: number; cents: number }[];
  eventDays: Set<number>;
  firstOrder: number | null;
  firstActivity: number | null;
}

export interface Filter {
  region?: string;
}

interface Activity {
  activeAtStart: number;
  activeAtEnd: number;
  activeInPeriod: number;
  newCustomers: number;
  churnedCustomers: number;
  orders: number;
  buyers: number;
  revenueCents: number;
}

const ratio = (a: number, b: number) => (b === 0 ? null : a / b);

function activityJson(a: Activity) {
  const churnRate = ratio(a.churnedCustomers, a.activeAtStart);
  const aov = ratio(a.revenueCents, a.orders);
  const arpu = ratio(a.revenueCents, a.activeInPeriod);
  return {
    activeAtStart: a.activeAtStart,
    activeAtEnd: a.activeAtEnd,
    activeInPeriod: a.activeInPeriod,
    newCustomers: a.newCustomers,
    churnedCustomers: a.churnedCustomers,
    churnRate,
    retentionRate: churnRate === null ? null : 1 - churnRate,
    orders: a.orders,
    buyers: a.buyers,
    revenue: money(a.revenueCents),
    aov: aov === null ? null : money(aov),
    arpu: arpu === null ? null : money(arpu),
  };
}

export class Reference {
  readonly customers: RefCustomer[];

  constructor(
    biz: Business,
    readonly windowDays: number,
    readonly timeZone: string,
  ) {
    const byKey = new Map<string, RefCustomer>();
    this.customers = biz.customers.map((c) => {
      const r: RefCustomer = {
        ...c,
        orders: [],
        intervals: [],
        contracts: [],
        eventDays: new Set(),
        firstOrder: null,
        firstActivity: null,
      };
      byKey.set(c.key, r);
      return r;
    });
    const of = (key: string) => byKey.get(key) as RefCustomer;
    for (const o of biz.orders) {
      if (o.status !== 'completed') continue;
      const d = localDay(o.placedAt, timeZone);
      const c = of(o.customer);
      c.orders.push({ day: d, cents: o.cents });
      c.intervals.push([d, d + windowDays]);
      c.firstOrder = c.firstOrder === null ? d : Math.min(c.firstOrder, d);
      c.firstActivity = c.firstActivity === null ? d : Math.min(c.firstActivity, d);
    }
    for (const k of biz.contracts) {
      const start = localDay(k.startAt, timeZone);
      const end = k.endAt === null ? Number.POSITIVE_INFINITY : localDay(k.endAt, timeZone);
      const c = of(k.customer);
      c.contracts.push({ start, end, cents: k.cents });
      c.intervals.push([start, end]);
      c.firstActivity = c.firstActivity === null ? start : Math.min(c.firstActivity, start);
    }
    for (const e of biz.events) of(e.customer).eventDays.add(localDay(e.occurredAt, timeZone));
  }

  private selected(f: Filter): RefCustomer[] {
    return this.customers.filter((c) => f.region === undefined || c.region === f.region);
  }

  isActive(c: RefCustomer, t: number): boolean {
    return c.intervals.some(([s, e]) => s <= t && t < e);
  }

  /** Every activity number of the customers `cs` over [start, end). */
  private activity(cs: RefCustomer[], start: number, end: number): Activity {
    const a: Activity = {
      activeAtStart: 0,
      activeAtEnd: 0,
      activeInPeriod: 0,
      newCustomers: 0,
      churnedCustomers: 0,
      orders: 0,
      buyers: 0,
      revenueCents: 0,
    };
    for (const c of cs) {
      if (this.isActive(c, start - 1)) a.activeAtStart++;
      if (this.isActive(c, end - 1)) a.activeAtEnd++;
      let activeSomeDay = false;
      let churned = false;
      for (let t = start; t < end; t++) {
        if (this.isActive(c, t)) activeSomeDay = true;
        else if (this.isActive(c, t - 1)) churned = true;
      }
      if (activeSomeDay) a.activeInPeriod++;
      if (churned) a.churnedCustomers++;
      if (c.firstActivity !== null && c.firstActivity >= start && c.firstActivity < end) {
        a.newCustomers++;
      }
      const inside = c.orders.filter((o) => o.day >= start && o.day < end);
      a.orders += inside.length;
      a.revenueCents += inside.reduce((s, o) => s + o.cents, 0);
      if (inside.length > 0) a.buyers++;
    }
    return a;
  }

  private mrr(c: RefCustomer, t: number): number | null {
    const live = c.contracts.filter((k) => k.start <= t && t < k.end);
    return live.length === 0 ? null : live.reduce((s, k) => s + k.cents, 0);
  }

  private revenueRetention(cs: RefCustomer[], p: RefPeriod) {
    const open = p.start - 1;
    const close = p.end - 1;
    let customersAtStart = 0;
    let customersKept = 0;
    let start = 0;
    let kept = 0;
    let gross = 0;
    let expansion = 0;
    let contraction = 0;
    let churned = 0;
    let fresh = 0;
    let atEnd = 0;
    for (const c of cs) {
      const a = this.mrr(c, open);
      const b = this.mrr(c, close);
      if (a !== null) {
        customersAtStart++;
        start += a;
        kept += b ?? 0;
        gross += Math.min(a, b ?? 0);
        if (b === null) churned += a;
        else {
          customersKept++;
          if (b > a) expansion += b - a;
          if (b < a) contraction += a - b;
        }
      } else if (b !== null) fresh += b;
      if (b !== null) atEnd += b;
    }
    return {
      customersAtStart,
      customersKept,
      mrrAtStart: money(start),
      mrrKept: money(kept),
      expansion: money(expansion),
      contraction: money(contraction),
      churned: money(churned),
      newMrr: money(fresh),
      mrrAtEnd: money(atEnd),
      nrr: ratio(kept, start),
      grr: ratio(gross, start),
    };
  }

  churn(from: string, to: string, g: Granularity, f: Filter = {}) {
    const cs = this.selected(f);
    return {
      periods: periodsOf(day(from), day(to), g).map((p) => ({
        period: periodJson(p),
        ...activityJson(this.activity(cs, p.start, p.end)),
        revenueRetention: this.revenueRetention(cs, p),
      })),
    };
  }

  retention(from: string, to: string, g: Granularity, f: Filter = {}) {
    const cs = this.selected(f);
    const ps = periodsOf(day(from), day(to), g);
    const rangeEnd = day(to) + 1;
    const cohortOf = (c: RefCustomer) =>
      c.firstOrder === null
        ? -1
        : ps.findIndex((p) => p.start <= c.firstOrder! && c.firstOrder! < p.end);
    return {
      periods: ps.map(periodJson),
      cohorts: ps.map((p, i) => {
        const members = cs.filter((c) => cohortOf(c) === i);
        const cells = ps.slice(i).map((q, k) => {
          const ordered = (c: RefCustomer, s: number, e: number) =>
            c.orders.some((o) => o.day >= s && o.day < e);
          const customers = members.filter((c) => ordered(c, q.start, q.end)).length;
          const onOrAfter = members.filter((c) => ordered(c, q.start, rangeEnd)).length;
          const revenue = members
            .flatMap((c) => c.orders)
            .filter((o) => o.day >= q.start && o.day < q.end)
            .reduce((s, o) => s + o.cents, 0);
          return { k, period: periodJson(q), customers, onOrAfter, revenue };
        });
        const first = cells[0]?.revenue ?? 0;
        return {
          period: periodJson(p),
          size: members.length,
          revenue: money(first),
          cells: cells.map((x) => ({
            k: x.k,
            period: x.period,
            customers: x.customers,
            share: ratio(x.customers, members.length),
            onOrAfter: x.onOrAfter,
            onOrAfterShare: ratio(x.onOrAfter, members.length),
            revenue: money(x.revenue),
            revenueShare: ratio(x.revenue, first),
          })),
        };
      }),
    };
  }

  /** P' = the whole calendar period before the calendar period holding P's first day. */
  lifecycle(from: string, to: string, g: Granularity, f: Filter = {}) {
    const cs = this.selected(f);
    return {
      periods: periodsOf(day(from), day(to), g).map((p) => {
        const prevEnd = calendarStart(p.start, g);
        const prevStart = calendarShift(prevEnd, g, -1);
        let fresh = 0;
        let returning = 0;
        let resurrecting = 0;
        let dormant = 0;
        for (const c of cs) {
          const inP = c.orders.some((o) => o.day >= p.start && o.day < p.end);
          const inPrev = c.orders.some((o) => o.day >= prevStart && o.day < prevEnd);
          const isNew = c.firstOrder !== null && c.firstOrder >= p.start && c.firstOrder < p.end;
          if (isNew) fresh++;
          else if (inP && inPrev) returning++;
          else if (inP && c.firstOrder !== null && c.firstOrder < p.start) resurrecting++;
          if (inPrev && !inP) dormant++;
        }
        return {
          period: periodJson(p),
          newCustomers: fresh,
          returning,
          resurrecting,
          dormant,
          quickRatio: ratio(fresh + resurrecting, dormant),
        };
      }),
    };
  }

  stickiness(from: string, to: string, g: Granularity, f: Filter = {}) {
    const cs = this.selected(f);
    return {
      periods: periodsOf(day(from), day(to), g).map((p) => {
        let pairs = 0;
        for (const c of cs) for (let t = p.start; t < p.end; t++) if (c.eventDays.has(t)) pairs++;
        const averageDau = pairs / (p.end - p.start);
        const last = p.end - 1;
        const mau = cs.filter((c) =>
          [...c.eventDays].some((t) => t >= last - 29 && t <= last),
        ).length;
        return { period: periodJson(p), averageDau, mau, dauOverMau: ratio(averageDau, mau) };
      }),
    };
  }

  /**
   * One row per key over [from, to] as a single period. A key none of whose customers has
   * anything to count (all zeros) may be left out, so it is left out here.
   */
  breakdown(from: string, to: string, by: 'region' | 'channel', f: Filter = {}) {
    const cs = this.selected(f);
    const keys = [...new Set(cs.map((c) => (by === 'region' ? c.region : c.channel)))];
    const rows: (Activity & { key: string | null })[] = [];
    for (const key of keys) {
      const group = cs.filter((c) => (by === 'region' ? c.region : c.channel) === key);
      const a = this.activity(group, day(from), day(to) + 1);
      const { revenueCents, ...counts } = a;
      if (revenueCents === 0 && Object.values(counts).every((n) => n === 0)) continue;
      rows.push({ key, ...a });
    }
    const total = rows.reduce(
      (t, r) => {
        for (const k of Object.keys(t) as (keyof Activity)[]) t[k] += r[k];
        return t;
      },
      {
        activeAtStart: 0,
        activeAtEnd: 0,
        activeInPeriod: 0,
        newCustomers: 0,
        churnedCustomers: 0,
        orders: 0,
        buyers: 0,
        revenueCents: 0,
      } as Activity,
    );
    return {
      rows: rows.map((r) => ({ key: r.key, ...activityJson(r) })),
      total: activityJson(total),
    };
  }

  /** Facts about the generated business, to check it really is adversarial. */
  coverage(from: string, to: string, g: Granularity) {
    let multiSpellPeriods = 0; // a customer churns and comes back inside one period
    let touching = 0; // order days exactly W apart with nothing else between
    for (const c of this.customers) {
      for (const p of periodsOf(day(from), day(to), g)) {
        let spells = 0;
        for (let t = p.start; t < p.end; t++) {
          if (this.isActive(c, t) && (t === p.start || !this.isActive(c, t - 1))) spells++;
        }
        if (spells > 1) multiSpellPeriods++;
      }
      const days = [...new Set(c.orders.map((o) => o.day))].sort((a, b) => a - b);
      for (let i = 1; i < days.length; i++) {
        if ((days[i] as number) - (days[i - 1] as number) === this.windowDays) touching++;
      }
    }
    return { multiSpellPeriods, touching };
  }
}

// ---------------------------------------------------------------------------------------
// Comparing

/** Differences between `expected` and `actual` (numbers to 1e-9), as readable lines. */
export function differences(expected: unknown, actual: unknown, path = ''): string[] {
  if (typeof expected === 'number' && typeof actual === 'number') {
    const ok = Math.abs(expected - actual) <= 1e-9 * Math.max(1, Math.abs(expected));
    return ok ? [] : [`${path}: expected ${expected}, got ${actual}`];
  }
  if (Array.isArray(expected) && Array.isArray(actual)) {
    const out: string[] = [];
    if (expected.length !== actual.length) {
      out.push(`${path}: expected ${expected.length} items, got ${actual.length}`);
    }
    for (let i = 0; i < Math.min(expected.length, actual.length); i++) {
      out.push(...differences(expected[i], actual[i], `${path}[${i}]`));
    }
    return out;
  }
  if (
    expected !== null &&
    actual !== null &&
    typeof expected === 'object' &&
    typeof actual === 'object' &&
    !Array.isArray(expected) &&
    !Array.isArray(actual)
  ) {
    const e = expected as Record<string, unknown>;
    const a = actual as Record<string, unknown>;
    const out: string[] = [];
    for (const key of new Set([...Object.keys(e), ...Object.keys(a)])) {
      if (!(key in a)) out.push(`${path}.${key}: missing`);
      else if (!(key in e)) out.push(`${path}.${key}: unexpected ${JSON.stringify(a[key])}`);
      else out.push(...differences(e[key], a[key], `${path}.${key}`));
    }
    return out;
  }
  return Object.is(expected, actual)
    ? []
    : [`${path}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`];
}
