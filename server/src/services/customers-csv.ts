// Every customer a search matches, as CSV for a spreadsheet: the list a chat cannot hold.
import { csvRowLimit } from '@retention/contracts';
import type { PrismaClient } from '@retention/db';
import type { Identity } from '../auth/identity.ts';
import { toCsv } from '../lib/csv-export.ts';
import { listCustomers } from './list-customers.ts';

const chunk = 1000;

/** The customers matching `q` in the viewer's scope, by id, up to csvRowLimit of them. */
export async function searchCsv(prisma: PrismaClient, viewer: Identity, q: string) {
  const rows: (string | number | null)[][] = [];
  let total = 0;
  for (let page = 1; rows.length < csvRowLimit; page++) {
    const found = await listCustomers(prisma, viewer, { q, page, pageSize: chunk, sort: 'id' });
    total = found.total;
    for (const c of found.items) {
      rows.push([
        c.id,
        c.externalId,
        c.name,
        c.phone,
        c.email,
        c.region,
        c.acquisitionChannel,
        c.stats.orders,
        c.stats.revenue,
        c.stats.lastOrderAt?.toISOString().slice(0, 10) ?? null,
      ]);
    }
    if (found.items.length < chunk) break;
  }
  const header = [
    'customer_id',
    'external_id',
    'name',
    'phone',
    'email',
    'region',
    'channel',
    'orders',
    'revenue',
    'last_order_day',
  ];
  return { total, rows: rows.length, csv: toCsv(header, rows) };
}
