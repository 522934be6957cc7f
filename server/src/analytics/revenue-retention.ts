// NRR and GRR of contract customers: monthly contract amounts of the customers live at a
// period's opening (the day before it starts), compared with theirs on its last day.
import type { Database } from '@retention/db';
import type { Period } from './periods.ts';
import type { Selection } from './selection.ts';
import { cents, int, Params, ratio, selectionSql, withCtes } from './sql.ts';

export interface RevenueRetention {
  customersAtStart: number;
  customersKept: number;
  mrrAtStartCents: number;
  /** What the customers of the start pay at the end (expansion included). */
  mrrKeptCents: number;
  expansionCents: number;
  contractionCents: number;
  churnedCents: number;
  /** Monthly amounts of customers live at the end who were not at the start. */
  newCents: number;
  mrrAtEndCents: number;
  nrr: number | null;
  grr: number | null;
}

interface Row {
  i: number;
  customers_start: number;
  customers_kept: number;
  start_mrr: string | null;
  kept_mrr: string | null;
  gross_mrr: string | null;
  expansion: string | null;
  contraction: string | null;
  churned: string | null;
  new_mrr: string | null;
  end_mrr: string | null;
}

export async function revenueRetention(
  db: Database,
  selection: Selection,
  periods: readonly Period[],
): Promise<RevenueRetention[]> {
  const p = new Params();
  const sel = selectionSql(selection, p);
  const tz = p.add(selection.timeZone);
  const opens = p.days(periods.map((x) => x.start - 1));
  const closes = p.days(periods.map((x) => x.end - 1));
  const live = (day: string) => `k.sd <= snaps.${day} AND k.ed > snaps.${day}`;
  const r = await db.query<Row>(
    `${withCtes(
      sel.ctes,
      `snaps AS (
        SELECT i::int, open_day, close_day
        FROM unnest(${opens}, ${closes}) WITH ORDINALITY AS t(open_day, close_day, i)
      )`,
      `k AS (
        SELECT ct.customer_id, (ct.start_at AT TIME ZONE ${tz})::date AS sd,
               coalesce((ct.end_at AT TIME ZONE ${tz})::date, 'infinity'::date) AS ed,
               ct.monthly_amount AS m
        FROM contracts ct ${sel.join}
      )`,
      `st AS (SELECT i, customer_id, sum(m) AS m FROM snaps JOIN k ON ${live('open_day')} GROUP BY 1, 2)`,
      `en AS (SELECT i, customer_id, sum(m) AS m FROM snaps JOIN k ON ${live('close_day')} GROUP BY 1, 2)`,
    )}
    SELECT i,
      count(st.m)::int AS customers_start,
      count(*) FILTER (WHERE st.m IS NOT NULL AND en.m IS NOT NULL)::int AS customers_kept,
      sum(st.m)::text AS start_mrr,
      sum(en.m) FILTER (WHERE st.m IS NOT NULL)::text AS kept_mrr,
      sum(least(st.m, coalesce(en.m, 0))) FILTER (WHERE st.m IS NOT NULL)::text AS gross_mrr,
      sum(en.m - st.m) FILTER (WHERE en.m > st.m)::text AS expansion,
      sum(st.m - en.m) FILTER (WHERE en.m < st.m)::text AS contraction,
      sum(st.m) FILTER (WHERE en.m IS NULL)::text AS churned,
      sum(en.m) FILTER (WHERE st.m IS NULL)::text AS new_mrr,
      sum(en.m)::text AS end_mrr
    FROM st FULL JOIN en USING (i, customer_id)
    GROUP BY i`,
    p.values,
  );
  const byIndex = new Map(r.rows.map((row) => [int(row.i), row]));
  return periods.map((_, index) => {
    const row = byIndex.get(index + 1);
    const start = cents(row?.start_mrr);
    const kept = cents(row?.kept_mrr);
    const gross = cents(row?.gross_mrr);
    return {
      customersAtStart: int(row?.customers_start ?? 0),
      customersKept: int(row?.customers_kept ?? 0),
      mrrAtStartCents: start,
      mrrKeptCents: kept,
      expansionCents: cents(row?.expansion),
      contractionCents: cents(row?.contraction),
      churnedCents: cents(row?.churned),
      newCents: cents(row?.new_mrr),
      mrrAtEndCents: cents(row?.end_mrr),
      nrr: ratio(kept, start),
      grr: ratio(gross, start),
    };
  });
}
