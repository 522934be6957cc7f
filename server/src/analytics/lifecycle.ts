// Growth accounting per period: who ordered for the first time (new), again after ordering
// in the previous period (returning), again after a gap (resurrecting), and who ordered in
// the previous period but not in this one (dormant).
import type { Database } from '@retention/db';
import { boundsOf, periodStart, type Range, shiftPeriod } from './periods.ts';
import type { Selection } from './selection.ts';
import { int, Params, ratio, selectionSql, withCtes } from './sql.ts';

export interface Lifecycle {
  newCustomers: number;
  returning: number;
  resurrecting: number;
  dormant: number;
  /** (new + resurrecting) ÷ dormant: above 1 the base of buyers grows. */
  quickRatio: number | null;
}

interface Row {
  b: number;
  new_customers: number;
  kept: number;
  resurrecting: number;
  dormant: number;
}

export async function lifecycleOf(
  db: Database,
  selection: Selection,
  range: Range,
): Promise<Lifecycle[]> {
  // Buckets are whole calendar periods, with one more in front: the previous period of every
  // period is a whole one, so April's numbers do not depend on where the range starts. The
  // first period may be cut by `from`: "ordered in it" then means ordered on or after `from`.
  const g = range.granularity;
  const calendarStart = periodStart(range.from, g);
  const before = shiftPeriod(calendarStart, g, -1);
  const bounds = [before, calendarStart, ...boundsOf(range.periods).slice(1)];
  const p = new Params();
  const sel = selectionSql(selection, p);
  const b = p.days(bounds);
  const from = p.day(range.from);
  const r = await db.query<Row>(
    `${withCtes(
      sel.ctes,
      `act AS (
        SELECT d.customer_id, width_bucket(d.day, ${b}) AS b, bool_or(d.day >= ${from}) AS in_range,
               min(d.first_order_day) AS first_order_day
        FROM analytics_customer_days d ${sel.join}
        WHERE d.day >= ${p.day(before)} AND d.day < ${p.day(bounds.at(-1) as number)}
        GROUP BY 1, 2
      )`,
      `x AS MATERIALIZED (
        SELECT customer_id, b, (b > 2 OR in_range) AS ordered,
               lag(b) OVER w AS prev_b, lead(b) OVER w AS next_b,
               lead(b > 2 OR in_range) OVER w AS next_ordered,
               (width_bucket(first_order_day, ${b}) = b AND first_order_day >= ${from}) AS first
        FROM act
        WINDOW w AS (PARTITION BY customer_id ORDER BY b)
      )`,
    )}
    SELECT b, sum(new_customers)::int AS new_customers, sum(kept)::int AS kept,
           sum(resurrecting)::int AS resurrecting, sum(dormant)::int AS dormant
    FROM (
      SELECT b,
        count(*) FILTER (WHERE ordered AND first) AS new_customers,
        count(*) FILTER (WHERE ordered AND prev_b = b - 1) AS kept,
        count(*) FILTER (WHERE ordered AND NOT first AND (prev_b IS NULL OR prev_b < b - 1))
          AS resurrecting,
        0 AS dormant
      FROM x WHERE b >= 2 GROUP BY b
      UNION ALL
      SELECT b + 1, 0, 0, 0, count(*) FROM x
      WHERE next_b IS NULL OR next_b > b + 1 OR NOT next_ordered GROUP BY b
    ) counts
    GROUP BY b`,
    p.values,
  );
  const byBucket = new Map(r.rows.map((row) => [int(row.b), row]));
  return range.periods.map((_, k) => {
    const row = byBucket.get(k + 2);
    const fresh = int(row?.new_customers ?? 0);
    const resurrecting = int(row?.resurrecting ?? 0);
    const dormant = int(row?.dormant ?? 0);
    return {
      newCustomers: fresh,
      returning: int(row?.kept ?? 0),
      resurrecting,
      dormant,
      quickRatio: ratio(fresh + resurrecting, dormant),
    };
  });
}
