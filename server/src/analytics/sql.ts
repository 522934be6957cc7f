// Small helpers for the analytics SQL: numbered parameters and reading result values the
// same way from pg and PGlite (queries cast counts to int, money to text, dates to text).
import { isoOf } from './periods.ts';

/** Collects $1, $2... parameters while a statement is written. */
export class Params {
  readonly values: unknown[] = [];

  /** A placeholder for `value`, with an optional SQL cast. */
  add(value: unknown, cast?: string): string {
    this.values.push(value);
    return `$${this.values.length}${cast ? `::${cast}` : ''}`;
  }

  day(day: number): string {
    return this.add(isoOf(day), 'date');
  }

  /** Days as a date[] (period boundaries for width_bucket, snapshot days). */
  days(days: readonly number[]): string {
    return this.add(days.map(isoOf), 'date[]');
  }
}

/** Money from a numeric rendered as text ("123.40"), in integer cents. */
export function cents(value: unknown): number {
  if (value === null || value === undefined) return 0;
  const s = String(value);
  const negative = s.startsWith('-');
  const [whole = '0', fraction = ''] = s.replace('-', '').split('.');
  const c = Number(whole) * 100 + Number(fraction.padEnd(2, '0').slice(0, 2));
  return negative ? -c : c;
}

/** Integer cents as a decimal amount with 2 places. */
export function money(c: number): string {
  const rounded = Math.round(c);
  const sign = rounded < 0 ? '-' : '';
  const abs = Math.abs(rounded);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/**
 * A date column as YYYY-MM-DD for a response. Postgres holds years past 9999 and BC, which no
 * four-digit date shows: those are shown at the nearest end, as isoInstant
 * (contracts/src/api/common.ts) does for instants, so one row stored by hand cannot fail a whole
 * report. NULL stays NULL.
 */
export const isoDaySql = (column: string) =>
  `to_char(CASE WHEN ${column} > date '9999-12-31' THEN date '9999-12-31'
                WHEN ${column} < date '0001-01-01' THEN date '0001-01-01'
                ELSE ${column} END, 'YYYY-MM-DD')`;

export const int = (value: unknown): number => (value === null ? 0 : Number(value));

/** a ÷ b, or null when b is 0 (a rate of nothing is unknown, not zero). */
export function ratio(a: number, b: number): number | null {
  return b === 0 ? null : a / b;
}
