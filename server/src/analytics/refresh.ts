// Keeps the derived analytics tables (see prisma/schema.prisma) in step with the business
// tables. Triggers append changed customers to analytics_changes; a refresh rebuilds the
// derived rows of just those customers, or everything when the window or time zone changed,
// nothing was built yet, or most customers changed. With minGapSeconds a refresh that comes
// sooner than that after the last one (by any process) is deferred, its changes kept: under
// continuous ingestion the generation then changes at most once per gap, so each instance's
// cached answers are recomputed at most that often.
import type { Database, SqlSession } from '@retention/db';

export interface DerivedSettings {
  windowDays: number;
  timeZone: string;
}

export interface RefreshResult {
  mode: 'full' | 'incremental' | 'none' | 'deferred';
  customers: number;
  generation: number;
  ms: number;
  /** Deferred: when the gap since the last refresh ends. */
  retryInMs?: number;
}

/** Above this share of changed customers a full rebuild is cheaper than a partial one. */
const fullRebuildShare = 0.3;

export async function refreshDerived(
  db: Database,
  settings: DerivedSettings,
  options: { force?: boolean; minGapSeconds?: number } = {},
): Promise<RefreshResult> {
  const started = performance.now();
  const result = await db.transaction(async (s) => {
    await s.query(`SELECT pg_advisory_xact_lock(hashtext('analytics_refresh'))`);
    const state = await s.query<{
      window_days: number;
      time_zone: string;
      generation: string;
      age: number | null;
    }>(
      `SELECT window_days, time_zone, generation::text,
              extract(epoch FROM now() - refreshed_at)::float8 AS age
       FROM analytics_state WHERE id = 1`,
    );
    const built = state.rows[0];
    const stale =
      options.force ||
      !built ||
      built.window_days !== settings.windowDays ||
      built.time_zone !== settings.timeZone;
    const gap = options.minGapSeconds ?? 0;
    if (built && !stale && built.age !== null && built.age >= 0 && built.age < gap) {
      return {
        mode: 'deferred' as const,
        customers: 0,
        generation: Number(built.generation),
        retryInMs: Math.ceil((gap - built.age) * 1000),
      };
    }

    await s.query('CREATE TEMP TABLE refresh_ids (customer_id int PRIMARY KEY) ON COMMIT DROP');
    const taken = await s.query<{ changes: number }>(
      `WITH taken AS (DELETE FROM analytics_changes RETURNING customer_id),
            ids AS (INSERT INTO refresh_ids SELECT DISTINCT customer_id FROM taken
                    WHERE customer_id IS NOT NULL RETURNING 1)
       SELECT (SELECT count(*) FROM taken)::int AS changes`,
    );
    const changes = taken.rows[0]?.changes ?? 0;
    if (!stale && changes === 0) {
      return { mode: 'none' as const, customers: 0, generation: Number(built?.generation ?? 0) };
    }
    const customers = await countOf(s, 'SELECT count(*)::int AS n FROM refresh_ids');
    // Statistics for the planner: a few ids should mean index lookups, not scans.
    await s.query('ANALYZE refresh_ids');
    const known = stale
      ? 0
      : await countOf(s, 'SELECT count(*)::int AS n FROM analytics_customers');
    const full = stale || customers > fullRebuildShare * known;
    if (full) {
      await s.query(
        'TRUNCATE analytics_customer_days, analytics_event_days, analytics_spells, analytics_customers',
      );
    } else if (customers > 0) {
      for (const table of derivedTables) {
        await s.query(
          `DELETE FROM ${table} WHERE customer_id IN (SELECT customer_id FROM refresh_ids)`,
        );
      }
    }
    if (full || customers > 0) await writeDerived(s, settings, full ? null : 'refresh_ids');
    const next = await s.query<{ generation: string }>(
      `INSERT INTO analytics_state (id, generation, window_days, time_zone, refreshed_at)
       VALUES (1, 1, $1, $2, now())
       ON CONFLICT (id) DO UPDATE SET generation = analytics_state.generation + 1,
         window_days = $1, time_zone = $2, refreshed_at = now()
       RETURNING generation::text`,
      [settings.windowDays, settings.timeZone],
    );
    return {
      mode: full ? ('full' as const) : ('incremental' as const),
      customers: full
        ? await countOf(s, 'SELECT count(*)::int AS n FROM analytics_customers')
        : customers,
      generation: Number(next.rows[0]?.generation),
    };
  });
  if (result.mode === 'full' && db.kind === 'postgres') {
    // Fresh statistics, so the planner knows the rebuilt tables' sizes.
    await db.query(`ANALYZE ${derivedTables.join(', ')}`);
  }
  return { ...result, ms: Math.round(performance.now() - started) };
}

const derivedTables = [
  'analytics_customer_days',
  'analytics_event_days',
  'analytics_spells',
  'analytics_customers',
];

async function countOf(s: SqlSession, sql: string): Promise<number> {
  const r = await s.query<{ n: number }>(sql);
  return Number(r.rows[0]?.n ?? 0);
}

/** Writes the derived rows of every customer (`ids` null) or of those in table `ids`. */
async function writeDerived(s: SqlSession, settings: DerivedSettings, ids: string | null) {
  const only = (alias: string) =>
    ids === null ? '' : `AND ${alias}.customer_id IN (SELECT customer_id FROM ${ids})`;
  const tz = settings.timeZone;
  // Customer days: completed orders only; the day is the calendar day in the business zone.
  await s.query(
    `INSERT INTO analytics_customer_days (customer_id, day, orders, revenue, first_order_day)
     SELECT customer_id, day, orders, revenue, min(day) OVER (PARTITION BY customer_id)
     FROM (
       SELECT o.customer_id, (o.placed_at AT TIME ZONE $1)::date AS day, count(*) AS orders,
              sum(o.total) AS revenue
       FROM orders o WHERE o.status = 'completed' ${only('o')}
       GROUP BY 1, 2
     ) days`,
    [tz],
  );
  await s.query(
    `INSERT INTO analytics_event_days (customer_id, day, events)
     SELECT e.customer_id, (e.occurred_at AT TIME ZONE $1)::date, count(*)
     FROM events e WHERE true ${only('e')}
     GROUP BY 1, 2`,
    [tz],
  );
  // Spells: each order day d makes a customer active on [d, d + W), each contract on
  // [start, end); overlapping or touching intervals merge. A spell's end is its churn date.
  await s.query(
    `INSERT INTO analytics_spells (customer_id, start_day, end_day)
     WITH intervals AS (
       SELECT d.customer_id, d.day AS s, d.day + $2::int AS e
       FROM analytics_customer_days d WHERE true ${only('d')}
       UNION ALL
       SELECT k.customer_id, (k.start_at AT TIME ZONE $1)::date,
              coalesce((k.end_at AT TIME ZONE $1)::date, 'infinity'::date)
       FROM contracts k WHERE true ${only('k')}
     ),
     reach AS (
       SELECT customer_id, s, e,
              max(e) OVER (PARTITION BY customer_id ORDER BY s, e
                           ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS reach
       FROM intervals WHERE e > s
     ),
     numbered AS (
       SELECT customer_id, s, e,
              count(*) FILTER (WHERE reach IS NULL OR s > reach)
                OVER (PARTITION BY customer_id ORDER BY s, e ROWS UNBOUNDED PRECEDING) AS spell
       FROM reach
     )
     SELECT customer_id, min(s), max(e) FROM numbered GROUP BY customer_id, spell`,
    [tz, settings.windowDays],
  );
  await s.query(
    `INSERT INTO analytics_customers
       (customer_id, first_active_day, first_order_day, last_order_day, orders, revenue)
     SELECT customer_id, min(first_active), min(first_order), max(last_order),
            coalesce(sum(orders), 0), coalesce(sum(revenue), 0)
     FROM (
       SELECT d.customer_id, min(d.day) AS first_active, min(d.day) AS first_order,
              max(d.day) AS last_order, sum(d.orders) AS orders, sum(d.revenue) AS revenue
       FROM analytics_customer_days d WHERE true ${only('d')} GROUP BY 1
       UNION ALL
       SELECT k.customer_id, min((k.start_at AT TIME ZONE $1)::date), NULL, NULL, NULL, NULL
       FROM contracts k WHERE true ${only('k')} GROUP BY 1
     ) facts
     GROUP BY customer_id`,
    [tz],
  );
}
