import type { SqlSession } from '@retention/db';

/** Marks business data as changed, so derived aggregates and caches know they are stale. */
export async function bumpDataVersion(s: SqlSession): Promise<void> {
  await s.query(
    `INSERT INTO data_versions (name, version, changed_at) VALUES ('business', 1, now())
     ON CONFLICT (name) DO UPDATE SET version = data_versions.version + 1, changed_at = now()`,
  );
}
