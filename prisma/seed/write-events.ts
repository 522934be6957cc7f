// Events are generated customer by customer and flushed in batches, so memory stays flat even
// for a million customers' worth of clicks.
import type { Prisma } from '../generated/client/client.ts';
import { customerEvents, type EventRow } from './events.ts';
import type { DemoPlan } from './plan.ts';
import { BATCH, count, type Progress } from './write-bulk.ts';

export async function insertEvents(
  tx: Prisma.TransactionClient,
  plan: DemoPlan,
  customerIds: number[],
  progress: Progress,
): Promise<number> {
  const opens = new Map<number, { code: string; at: number }[]>();
  for (const a of plan.assignments) {
    if (a.openedAt === null) continue;
    const list = opens.get(a.customer) ?? [];
    list.push({ code: a.code, at: a.openedAt });
    opens.set(a.customer, list);
  }
  let pending: { customerId: number; event: EventRow }[] = [];
  let written = 0;
  let reported = 0;
  const every = Math.max(50_000, plan.customers.length * 5); // about ten progress lines
  const flush = async () => {
    const rows = pending;
    pending = [];
    await tx.$executeRaw`
      INSERT INTO events (source, external_id, customer_id, type, channel, occurred_at, properties)
      SELECT 'demo', u.external_id, u.customer_id, u.type, u.channel::"Channel", u.occurred_at::timestamptz, u.properties::jsonb
      FROM unnest(${rows.map((_, i) => `E${written + i + 1}`)}::text[],
                  ${rows.map((r) => r.customerId)}::int[], ${rows.map((r) => r.event.type)}::text[],
                  ${rows.map((r) => r.event.channel)}::text[],
                  ${rows.map((r) => new Date(r.event.at).toISOString())}::text[],
                  ${rows.map((r) => JSON.stringify(r.event.properties))}::text[])
        AS u(external_id, customer_id, type, channel, occurred_at, properties)`;
    written += rows.length;
    if (written - reported >= every) {
      reported = written;
      progress(`events ${count(written)} …`);
    }
  };
  for (let c = 0; c < plan.customers.length; c++) {
    const customerId = customerIds[c]!;
    const rows = customerEvents(plan, c, plan.ordersByCustomer[c]!, opens.get(c) ?? []);
    for (const event of rows) pending.push({ customerId, event });
    if (pending.length >= BATCH) await flush();
  }
  if (pending.length > 0) await flush();
  progress(`events ${count(written)} done`);
  return written;
}
