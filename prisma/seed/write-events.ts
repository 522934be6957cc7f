// Events are generated customer by customer and flushed in batches, so memory stays flat even
// for a million customers' worth of clicks.
import type { Prisma } from '../generated/client/client.ts';
import { customerEvents } from './events.ts';
import type { DemoPlan } from './plan.ts';
import { BATCH, count, type Progress } from './write-bulk.ts';
import { WriteQueue } from './write-queue.ts';

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
  const queue = new WriteQueue();
  let rows = emptyColumns();
  let written = 0;
  let reported = 0;
  const every = Math.max(BATCH, plan.customers.length * 2); // about ten progress lines
  const flush = async () => {
    const c = rows;
    const first = written + 1;
    rows = emptyColumns();
    // Fixed-width ids in write order: the unique index only ever grows at its right edge.
    await queue.push(
      () => tx.$executeRaw`
        INSERT INTO events (source, external_id, customer_id, type, channel, occurred_at, properties)
        SELECT 'demo', 'E' || lpad((${first}::int + u.n - 1)::text, 9, '0'), u.customer_id, u.type,
               u.channel::"Channel", u.occurred_at::timestamptz, u.properties::jsonb
        FROM unnest(${c.customers}::int[], ${c.types}::text[], ${c.channels}::text[],
                    ${c.times}::text[], ${c.properties}::text[])
          WITH ORDINALITY AS u(customer_id, type, channel, occurred_at, properties, n)`,
    );
    written += c.customers.length;
    if (written - reported >= every) {
      reported = written;
      progress(`events ${count(written)} …`);
    }
  };
  for (let c = 0; c < plan.customers.length; c++) {
    const customerId = customerIds[c]!;
    for (const event of customerEvents(plan, c, plan.ordersByCustomer[c]!, opens.get(c) ?? [])) {
      rows.customers.push(customerId);
      rows.types.push(event.type);
      rows.channels.push(event.channel);
      rows.times.push(new Date(event.at).toISOString());
      rows.properties.push(JSON.stringify(event.properties));
    }
    if (rows.customers.length >= BATCH) await flush();
  }
  if (rows.customers.length > 0) await flush();
  await queue.drain();
  progress(`events ${count(written)} done`);
  return written;
}

// Column arrays, filled as the events are generated: no object per row outlives its customer.
function emptyColumns() {
  return {
    customers: [] as number[],
    types: [] as string[],
    channels: [] as string[],
    times: [] as string[],
    properties: [] as string[],
  };
}
