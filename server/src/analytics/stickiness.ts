// Stickiness from behaviour events: average daily active customers in a period ÷ monthly
// active customers (distinct customers with an event in the 30 days ending on its last day).
import type { Database } from '@retention/db';
import { boundsOf, type Period } from './periods.ts';
import type { Selection } from './selection.ts';
import { int, Params, ratio, selectionSql, withCtes } from './sql.ts';

export interface Stickiness {
  averageDau: number;
  mau: number;
  dauOverMau: number | null;
}

export const mauDays = 30;

export async function stickinessOf(
  db: Database,
  selection: Selection,
  periods: readonly Period[],
): Promise<Stickiness[]> {
  const bounds = boundsOf(periods);
  const daily = (() => {
    const p = new Params();
    const sel = selectionSql(selection, p);
    return db.query<{ b: number; n: number }>(
      `${withCtes(sel.ctes)}
       SELECT width_bucket(e.day, ${p.days(bounds)}) AS b, count(*)::int AS n
       FROM analytics_event_days e ${sel.join}
       WHERE e.day >= ${p.day(bounds[0] as number)} AND e.day < ${p.day(bounds.at(-1) as number)}
       GROUP BY 1`,
      p.values,
    );
  })();
  const monthly = (() => {
    const p = new Params();
    const sel = selectionSql(selection, p);
    return db.query<{ i: number; n: number }>(
      `${withCtes(sel.ctes)}
       SELECT t.i::int AS i, (
         SELECT count(DISTINCT e.customer_id) FROM analytics_event_days e ${sel.join}
         WHERE e.day > t.last - ${mauDays} AND e.day <= t.last
       )::int AS n
       FROM unnest(${p.days(periods.map((x) => x.end - 1))}) WITH ORDINALITY AS t(last, i)`,
      p.values,
    );
  })();
  const [d, m] = await Promise.all([daily, monthly]);
  const pairs = new Map(d.rows.map((r) => [int(r.b), int(r.n)]));
  const maus = new Map(m.rows.map((r) => [int(r.i), int(r.n)]));
  return periods.map((period, k) => {
    const averageDau = (pairs.get(k + 1) ?? 0) / (period.end - period.start);
    const mau = maus.get(k + 1) ?? 0;
    return { averageDau, mau, dauOverMau: ratio(averageDau, mau) };
  });
}
