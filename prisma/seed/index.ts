// The demo-data generator: a believable, reproducible shop history (DESIGN §3) so a fresh
// install shows a working dashboard. Same seed, size and `now` → the same rows.
import type { Prisma, PrismaClient } from '../generated/client/client.ts';
import { ordersHash, planDemo, revenueCents } from './plan.ts';
import { formatCents, startOfTodayUtc } from './timeline.ts';
import { count, insertCustomers, insertOrders } from './write-bulk.ts';
import { insertCampaign } from './write-campaign.ts';
import { insertEvents } from './write-events.ts';
import { insertCatalogue, insertContracts } from './write-small.ts';

export interface SeedOptions {
  /** Number of customers; default 5,000. */
  customers?: number;
  /** Random seed; default 42. */
  seed?: number;
  /** End of the generated history; default today 00:00 UTC. */
  now?: Date;
  /** Clear the business data first, in the same transaction as the load. */
  replace?: boolean;
  onProgress?: (message: string) => void;
}

export interface SeedSummary {
  seed: number;
  now: string;
  customers: number;
  products: number;
  prices: number;
  orders: number;
  orderItems: number;
  contracts: number;
  events: number;
  offers: number;
  assignments: number;
  campaigns: number;
  campaignMembers: number;
  /** Sum of completed orders' totals, two decimals. */
  revenue: string;
  /** sha256 over every order and line as generated; equal hashes mean equal data. */
  ordersHash: string;
  elapsedMs: number;
}

/** The planted truths of the demo shop (category elasticities), for tests of the models. */
export { CATEGORIES as demoCategories } from './catalogue-data.ts';

export const DEFAULT_CUSTOMERS = 5000;
export const DEFAULT_SEED = 42;

export async function seedDemo(
  prisma: PrismaClient,
  options: SeedOptions = {},
): Promise<SeedSummary> {
  const started = performance.now();
  const customers = options.customers ?? DEFAULT_CUSTOMERS;
  const seed = options.seed ?? DEFAULT_SEED;
  const now = options.now ?? startOfTodayUtc(new Date());
  if (!Number.isInteger(customers) || customers < 1) {
    throw new Error(`customers must be a positive integer, got ${customers}`);
  }
  if (!Number.isInteger(seed) || seed < 0 || seed > 2_147_483_647) {
    throw new Error(`seed must be an integer from 0 to 2147483647, got ${seed}`);
  }
  const progress = options.onProgress ?? (() => {});

  const plan = planDemo(seed, customers, now);
  progress(`planned ${count(customers)} customers, ${count(plan.orders.length)} orders`);
  let events = 0;
  // One transaction: an interrupted load leaves no half-filled database behind.
  await prisma.$transaction(
    async (tx) => {
      if (options.replace) {
        await truncateBusinessTables(tx);
        progress('cleared the previous business data');
      }
      const customerIds = await insertCustomers(tx, plan, progress);
      const productIds = await insertCatalogue(tx, plan, progress);
      const orderIds = await insertOrders(tx, plan, customerIds, productIds, progress);
      await insertContracts(tx, plan, customerIds);
      progress(`contracts ${count(plan.contracts.length)}`);
      await insertCampaign(tx, plan, customerIds, orderIds);
      progress(
        `campaign members ${count(plan.campaign.members.length)}, offer assignments ${count(plan.assignments.length)}`,
      );
      events = await insertEvents(tx, plan, customerIds, progress);
    },
    { maxWait: 60_000, timeout: 6 * 3_600_000 },
  );
  return {
    seed,
    now: now.toISOString(),
    customers,
    products: plan.catalogue.products.length,
    prices: plan.catalogue.prices.length,
    orders: plan.orders.length,
    orderItems: plan.orders.reduce((sum, o) => sum + o.lines.length, 0),
    contracts: plan.contracts.length,
    events,
    offers: plan.offers.length,
    assignments: plan.assignments.length,
    campaigns: 1,
    campaignMembers: plan.campaign.members.length,
    revenue: formatCents(revenueCents(plan.orders)),
    ordersHash: ordersHash(plan),
    elapsedMs: Math.round(performance.now() - started),
  };
}

/** True when any customer exists, whoever loaded it. */
export async function hasBusinessData(prisma: PrismaClient): Promise<boolean> {
  return (await prisma.customer.findFirst({ select: { id: true } })) !== null;
}

export const isDemoDataLoaded = hasBusinessData;

/**
 * Removes every business row but keeps staff, API keys and the audit log. TRUNCATE is one
 * atomic statement and far faster than row deletes on a million events; identities are not
 * restarted, so old audit entries never point at new customers. No CASCADE: a new table that
 * references these should fail loudly here rather than be emptied by surprise.
 */
export async function clearBusinessData(prisma: PrismaClient): Promise<void> {
  await truncateBusinessTables(prisma);
}

async function truncateBusinessTables(client: PrismaClient | Prisma.TransactionClient) {
  await client.$executeRaw`
    TRUNCATE customer_notes, customer_scores, model_runs, campaign_members, offer_assignments, campaigns, offers,
             audience_members, audiences, shared_images,
             events, order_items, orders, contracts, product_prices, products, customers`;
}
