// The values the analytics filters accept (region, channel, segment, plan), limited to the
// customers of a selection: the choices the Mini App offers. DISTINCT over indexed columns
// of the base tables, so no report is computed to fill a filter.
import type { FilterOptions } from '@retention/contracts';
import type { Database } from '@retention/db';
import type { z } from 'zod';
import { latestRun } from './latest-run.ts';
import { rfmSegments } from './rfm-segments.ts';
import type { Selection } from './selection.ts';
import { Params, selectionSql, withCtes } from './sql.ts';

type Kind = 'region' | 'channel' | 'plan' | 'segment';

/** Code-unit order, the same on every database whatever its collation. */
const sorted = (values: string[]) => [...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

/**
 * The options within `selection`, which callers resolve with the viewer's scope and no
 * filters asked (`resolveSelection`), so a scoped manager gets their region's values only.
 * RFM segments are always the eight named ones: any customer may fall in any of them.
 */
export async function filterOptions(
  db: Database,
  selection: Selection,
): Promise<z.infer<typeof FilterOptions>> {
  const run = await latestRun(db.prisma, 'segments');
  const p = new Params();
  const sel = selectionSql(selection, p);
  const customersInSel = sel.ctes ? 'JOIN sel ON sel.customer_id = c.id' : '';
  const branches = [
    `SELECT DISTINCT 'region' AS kind, c.region AS value FROM customers c ${customersInSel}
     WHERE c.region IS NOT NULL`,
    `SELECT DISTINCT 'channel', c.acquisition_channel FROM customers c ${customersInSel}
     WHERE c.acquisition_channel IS NOT NULL`,
    `SELECT DISTINCT 'plan', k.plan FROM contracts k ${sel.join}`,
  ];
  if (run) {
    branches.push(`SELECT DISTINCT 'segment', cs.segment FROM customer_scores cs ${sel.join}
      WHERE cs.model_run_id = ${p.add(run.id, 'int')} AND cs.segment IS NOT NULL`);
  }
  const found = await db.query<{ kind: Kind; value: string }>(
    `${withCtes(sel.ctes)} ${branches.map((b) => `(${b})`).join(' UNION ALL ')}`,
    p.values,
  );
  const of = (kind: Kind) => sorted(found.rows.filter((r) => r.kind === kind).map((r) => r.value));
  return {
    regions: of('region'),
    channels: of('channel'),
    segments: [
      ...rfmSegments.map((s) => ({ value: s.slug, name: s.name, kind: 'rfm' as const })),
      ...of('segment').map((name) => ({ value: name, name, kind: 'model' as const })),
    ],
    plans: of('plan'),
  };
}
