// Calendar arithmetic for the business calendar. Days are whole numbers (days since
// 1970-01-01) so nothing here depends on the machine's time zone; the business time zone
// only decides which day "today" is (clock.ts) and which day an order falls on (in SQL).
import { Refusal } from '../errors.ts';

export type Granularity = 'week' | 'month';

export interface Period {
  /** First day (inclusive). */
  start: number;
  /** Day after the last (exclusive). */
  end: number;
  /** Cut short by `from`, `to` or today: not a whole week or month. */
  partial: boolean;
}

const msPerDay = 86_400_000;
export const maxPeriods = 260;
const earliest = dayOf('1900-01-01');
const latest = dayOf('2100-01-01');

export function dayOf(iso: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return Number.NaN;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = Date.UTC(y, mo - 1, d);
  const back = new Date(t);
  // Rejects 2024-02-30 and friends, which Date.UTC would roll over.
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) {
    return Number.NaN;
  }
  return t / msPerDay;
}

export function isoOf(day: number): string {
  return new Date(day * msPerDay).toISOString().slice(0, 10);
}

/** First day of the week (Monday) or month containing `day`. */
export function periodStart(day: number, g: Granularity): number {
  if (g === 'week') {
    const weekday = (new Date(day * msPerDay).getUTCDay() + 6) % 7; // Monday = 0
    return day - weekday;
  }
  const d = new Date(day * msPerDay);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) / msPerDay;
}

/** The period start `n` periods after (or before, for negative n) the one at `start`. */
export function shiftPeriod(start: number, g: Granularity, n: number): number {
  if (g === 'week') return start + 7 * n;
  const d = new Date(start * msPerDay);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + n, 1) / msPerDay;
}

/** Whole weeks or months covering [from, to], the first and last cut to the range. */
export function periodsOf(from: number, to: number, g: Granularity): Period[] {
  const periods: Period[] = [];
  for (let start = periodStart(from, g); start <= to; start = shiftPeriod(start, g, 1)) {
    const next = shiftPeriod(start, g, 1);
    const cutStart = Math.max(start, from);
    const cutEnd = Math.min(next, to + 1);
    periods.push({ start: cutStart, end: cutEnd, partial: cutStart !== start || cutEnd !== next });
  }
  return periods;
}

/** The boundaries of contiguous periods: their starts and the last one's end. */
export function boundsOf(periods: readonly Period[]): number[] {
  const last = periods.at(-1);
  return last ? [...periods.map((p) => p.start), last.end] : [];
}

export interface RangeQuery {
  from?: string | undefined;
  to?: string | undefined;
  granularity: Granularity;
}

export interface Range {
  /** First day asked for. */
  from: number;
  /** Last day included: `to`, or today when `to` is later. */
  to: number;
  granularity: Granularity;
  /** Today in the business time zone: nothing after it is known. */
  asOf: number;
  periods: Period[];
}

/**
 * Reads `from`/`to` (ISO dates, inclusive) against today. Defaults: `to` = today, `from` =
 * the start of the 12th month (or week) back. A `to` after today is cut to today.
 */
export function resolveRange(q: RangeQuery, asOf: number): Range {
  const g = q.granularity;
  const parse = (name: string, value: string) => {
    const day = dayOf(value);
    if (Number.isNaN(day)) throw new Refusal('bad_request', 'notADate', { name, value });
    if (day < earliest || day >= latest) {
      throw new Refusal('bad_request', 'dateOutOfBounds', { name, value });
    }
    return day;
  };
  const asked = q.to === undefined ? asOf : parse('to', q.to);
  const to = Math.min(asked, asOf);
  const from =
    q.from === undefined ? shiftPeriod(periodStart(to, g), g, -11) : parse('from', q.from);
  if (from > asked) {
    throw new Refusal('bad_request', 'fromAfterTo', { from: isoOf(from), to: isoOf(asked) });
  }
  if (from > asOf) {
    throw new Refusal('bad_request', 'fromAfterToday', { from: isoOf(from), today: isoOf(asOf) });
  }
  const count = countPeriods(from, to, g);
  if (count > maxPeriods) {
    const span = { from: isoOf(from), to: isoOf(to), count, max: maxPeriods };
    throw new Refusal('bad_request', g === 'week' ? 'tooManyWeeks' : 'tooManyMonths', span);
  }
  return { from, to, granularity: g, asOf, periods: periodsOf(from, to, g) };
}

function countPeriods(from: number, to: number, g: Granularity): number {
  if (g === 'week') return Math.floor((periodStart(to, g) - periodStart(from, g)) / 7) + 1;
  const a = new Date(from * msPerDay);
  const b = new Date(to * msPerDay);
  return (b.getUTCFullYear() - a.getUTCFullYear()) * 12 + b.getUTCMonth() - a.getUTCMonth() + 1;
}

/** The same number of days immediately before [from, to]. */
export function previousRange(from: number, to: number): { from: number; to: number } {
  const length = to - from + 1;
  return { from: from - length, to: from - 1 };
}
