// How the analytics SQL is written: the CTEs that select a request's customers, numbered
// parameters, and reading result values the same way from pg and PGlite (queries cast
// counts to int, money to text, dates to text).
import { isoOf } from './periods.ts';
import { rfmGridArray } from './rfm-segments.ts';
import type { Dimension, Selection } from './selection.ts';

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

/**
 * RFM scores of every customer with a completed order on or before `asOf`: quintile scores
 * 1-5 by percent rank, so customers with equal values share a score.
 */
export function rfmCte(p: Params, asOf: number): string {
  const day = p.day(asOf);
  return `rfm AS (
    SELECT customer_id, recency, frequency, monetary, r, f, m,
           (${p.add(rfmGridArray(), 'text[]')})[(r - 1) * 5 + f] AS segment
    FROM (
      SELECT customer_id, recency, frequency, monetary,
             least(5, 1 + floor(5 * percent_rank() OVER (ORDER BY recency DESC)))::int AS r,
             least(5, 1 + floor(5 * percent_rank() OVER (ORDER BY frequency)))::int AS f,
             least(5, 1 + floor(5 * percent_rank() OVER (ORDER BY monetary)))::int AS m
      FROM (
        -- Customers whose last order is on or before the day: their lifetime totals. Only
        -- those with later orders need their days summed.
        SELECT customer_id, ${day} - last_order_day AS recency, orders AS frequency,
               revenue AS monetary
        FROM analytics_customers WHERE last_order_day <= ${day}
        UNION ALL
        SELECT d.customer_id, ${day} - max(d.day), sum(d.orders)::int, sum(d.revenue)
        FROM analytics_customers a JOIN analytics_customer_days d USING (customer_id)
        WHERE a.last_order_day > ${day} AND a.first_order_day <= ${day} AND d.day <= ${day}
        GROUP BY d.customer_id
      ) totals
    ) scored
  )`;
}

export interface SelectionSql {
  /** CTEs to put after WITH (ending in `sel`), or '' when every customer counts. */
  ctes: string;
  /** `JOIN sel USING (customer_id)` or ''. */
  join: string;
  /** The group column expression (`sel.grp` or a constant). */
  grp: string;
}

/** SQL selecting the customers of `s`, grouped by `by` when given. */
export function selectionSql(
  s: Selection,
  p: Params,
  by?: Dimension,
  options: { rfmDefined?: boolean } = {},
): SelectionSql {
  const where: string[] = [];
  const ctes: string[] = [];
  const joins: string[] = [];
  const needsRfm = s.segment?.kind === 'rfm' || by === 'segment';
  if (needsRfm) {
    if (!options.rfmDefined) ctes.push(rfmCte(p, s.rfmAsOf));
    joins.push('LEFT JOIN rfm ON rfm.customer_id = c.id');
  }
  if (s.region !== undefined) where.push(`c.region = ${p.add(s.region)}`);
  if (s.channel !== undefined) where.push(`c.acquisition_channel = ${p.add(s.channel)}`);
  if (s.segment?.kind === 'rfm') where.push(`rfm.segment = ${p.add(s.segment.slug)}`);
  if (s.segment?.kind === 'model') {
    where.push(`EXISTS (SELECT 1 FROM customer_scores cs WHERE cs.customer_id = c.id
      AND cs.model_run_id = ${p.add(s.segment.modelRunId, 'int')} AND cs.segment = ${p.add(s.segment.name)})`);
  }
  if (s.audience !== undefined) {
    where.push(`EXISTS (SELECT 1 FROM audience_members am
      WHERE am.audience_id = ${p.add(s.audience.id, 'int')} AND am.customer_id = c.id)`);
  }
  if (s.plan !== undefined) {
    const tz = p.add(s.timeZone);
    where.push(`EXISTS (SELECT 1 FROM contracts k WHERE k.customer_id = c.id
      AND k.plan = ${p.add(s.plan)} AND (k.start_at AT TIME ZONE ${tz})::date <= ${p.day(s.planTo)}
      AND (k.end_at IS NULL OR (k.end_at AT TIME ZONE ${tz})::date > ${p.day(s.planFrom)}))`);
  }
  if (where.length === 0 && by === undefined) return { ctes: '', join: '', grp: `''` };
  const grp =
    by === 'region'
      ? 'c.region'
      : by === 'channel'
        ? 'c.acquisition_channel'
        : by === 'segment'
          ? 'rfm.segment'
          : `''`;
  ctes.push(`sel AS (
    SELECT c.id AS customer_id, ${grp} AS grp FROM customers c ${joins.join(' ')}
    ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
  )`);
  return { ctes: ctes.join(',\n'), join: 'JOIN sel USING (customer_id)', grp: 'sel.grp' };
}

export const withCtes = (...parts: string[]) => {
  const present = parts.filter((x) => x.trim() !== '');
  return present.length ? `WITH ${present.join(',\n')}` : '';
};
