import { createApiKey } from '../../src/auth/api-keys.ts';
import type { TestApp } from './build-app.ts';

/** A new ingestion key on the test app's database. */
export async function apiKeyFor(t: TestApp, name = 'shop'): Promise<string> {
  return (await createApiKey(t.database.db.prisma, { name, actorRole: 'cli' })).key;
}

/** A valid event item, changed by `extra`. */
export const event = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  customerId: 'c1',
  type: 'page_view',
  channel: 'web',
  occurredAt: '2025-03-01T10:00:00Z',
  ...extra,
});
