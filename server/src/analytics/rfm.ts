// RFM: every customer with a completed order scored on recency, frequency and monetary
// value as of the range end, summarised per named segment and as the recency × frequency grid.
import type { Database } from '@retention/db';
import { rfmSegmentOf, rfmSegments } from './rfm-segments.ts';
import type { Selection } from './selection.ts';
import { cents, int, money, Params, ratio, rfmCte, selectionSql, withCtes } from './sql.ts';

interface Row {
  r: number;
  f: number;
  n: number;
  recency: number;
  frequency: number;
  monetary: string;
  m_score: number;
}

export async function rfmOf(db: Database, selection: Selection) {
  const p = new Params();
  const rfm = rfmCte(p, selection.rfmAsOf);
  const sel = selectionSql(selection, p, undefined, { rfmDefined: true });
  const result = await db.query<Row>(
    `${withCtes(rfm, sel.ctes)}
     SELECT r, f, count(*)::int AS n, sum(recency)::float8 AS recency,
            sum(frequency)::float8 AS frequency, sum(monetary)::text AS monetary,
            sum(m)::float8 AS m_score
     FROM rfm ${sel.join} GROUP BY r, f`,
    p.values,
  );
  const customers = result.rows.reduce((a, row) => a + int(row.n), 0);
  const segments = rfmSegments.map((s) => {
    const rows = result.rows.filter((row) => rfmSegmentOf(int(row.r), int(row.f)) === s.slug);
    const n = rows.reduce((a, row) => a + int(row.n), 0);
    const revenue = rows.reduce((a, row) => a + cents(row.monetary), 0);
    const mean = (key: 'recency' | 'frequency' | 'm_score') => {
      const total = rows.reduce((a, row) => a + Number(row[key]), 0);
      return ratio(total, n);
    };
    return {
      slug: s.slug,
      name: s.name,
      customers: n,
      share: ratio(n, customers),
      revenue: money(revenue),
      meanRecencyDays: mean('recency'),
      meanFrequency: mean('frequency'),
      meanMonetary: n ? money(revenue / n) : null,
      meanMonetaryScore: mean('m_score'),
    };
  });
  const grid = [];
  for (let r = 5; r >= 1; r--) {
    for (let f = 1; f <= 5; f++) {
      const row = result.rows.find((x) => int(x.r) === r && int(x.f) === f);
      grid.push({ r, f, segment: rfmSegmentOf(r, f), customers: int(row?.n ?? 0) });
    }
  }
  return { customers, segments, grid };
}
