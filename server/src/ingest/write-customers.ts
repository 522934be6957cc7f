// Customer profiles (a CRM export): new ids are created, changed profiles updated, and
// identical rows change nothing (not even updated_at), so re-importing is a no-op.
import { csvRow, type SqlSession } from '@retention/db';
import { createStage } from './stage.ts';

export interface CustomerRow {
  ref: number;
  externalId: string;
  name: string | null;
  email: string | null;
  phone: string | null;
  region: string | null;
  channel: string | null;
  signupAt: Date | null;
  attributes: Record<string, string>;
}

export interface UpsertResult {
  staged: number;
  inserted: number;
  updated: number;
}

export async function writeCustomers(
  s: SqlSession,
  rows: CustomerRow[],
  source: string,
): Promise<UpsertResult> {
  await createStage(
    s,
    'stage_customers',
    `ref int, external_id text, name text, email text, phone text, region text, channel text,
    signup_at timestamptz, attributes jsonb`,
  );
  const csv = rows
    .map((r) =>
      csvRow([
        r.ref,
        r.externalId,
        r.name,
        r.email,
        r.phone,
        r.region,
        r.channel,
        r.signupAt?.toISOString() ?? null,
        JSON.stringify(r.attributes),
      ]),
    )
    .join('');
  await s.copyCsv('stage_customers', csv);
  // The last row for an id wins; xmax = 0 tells an insert from an update.
  const r = await s.query<{ inserted: boolean }>(
    `INSERT INTO customers (source, external_id, name, email, phone, region, acquisition_channel, signup_at, attributes)
     SELECT DISTINCT ON (external_id) $1, external_id, name, email, phone, region, channel, signup_at, attributes
     FROM stage_customers ORDER BY external_id, ref DESC
     ON CONFLICT (source, external_id) DO UPDATE SET
       name = EXCLUDED.name, email = EXCLUDED.email, phone = EXCLUDED.phone, region = EXCLUDED.region,
       acquisition_channel = EXCLUDED.acquisition_channel, signup_at = EXCLUDED.signup_at,
       attributes = EXCLUDED.attributes, updated_at = now()
     WHERE (customers.name, customers.email, customers.phone, customers.region, customers.acquisition_channel,
            customers.signup_at, customers.attributes)
       IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.email, EXCLUDED.phone, EXCLUDED.region,
            EXCLUDED.acquisition_channel, EXCLUDED.signup_at, EXCLUDED.attributes)
     RETURNING (xmax = 0) AS inserted`,
    [source],
  );
  const inserted = r.rows.filter((x) => x.inserted).length;
  return { staged: rows.length, inserted, updated: r.rows.length - inserted };
}
