import type { Database } from '@retention/db';

export interface DatabaseTotals {
  customers: number;
  orders: number;
  orderLines: number;
  /** Sum of completed orders' totals, as a decimal string. */
  revenue: string;
}

export interface ImportSummary {
  read: number;
  /** Title lines above the header and total lines ("Итого"): neither rows nor rejects. */
  skipped: number;
  loaded: number;
  duplicates: number;
  rejected: number;
  ordersCreated: number;
  customersCreated: number;
  productsCreated: number;
  reportPath: string | null;
  dryRun: boolean;
  /** More rejections than --max-errors allows, or every row rejected. */
  failed: boolean;
  /** Why it failed, in a sentence (null when it did not). */
  failure: string | null;
  seconds: number;
  database: DatabaseTotals;
}

export async function databaseTotals(db: Database): Promise<DatabaseTotals> {
  const [row] = await db.prisma.$queryRaw<
    { customers: bigint; orders: bigint; lines: bigint; revenue: string | null }[]
  >`SELECT (SELECT count(*) FROM customers) AS customers,
           (SELECT count(*) FROM orders) AS orders,
           (SELECT count(*) FROM order_items) AS lines,
           (SELECT coalesce(sum(total), 0)::numeric(16, 2)::text FROM orders WHERE status = 'completed') AS revenue`;
  return {
    customers: Number(row?.customers ?? 0),
    orders: Number(row?.orders ?? 0),
    orderLines: Number(row?.lines ?? 0),
    revenue: row?.revenue ?? '0.00',
  };
}
