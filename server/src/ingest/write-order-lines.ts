// Writes order lines idempotently: each batch is COPY'd into a temporary stage and merged
// in set-based SQL keyed by natural keys ((source, external id) for customers, products and
// orders; (order, line_no) for lines), all in one transaction. Re-running any batch, or a
// whole import after a crash, changes nothing that is already there.
import { type Channel, csvField, type SqlSession } from '@retention/db';
import { admitCustomers, createStage, type Rejection, rejectMissing, rowByKey } from './stage.ts';

export type { Rejection } from './stage.ts';

/** Where an order was placed: the database's channel enum. */
export type SalesChannel = Channel;

export interface OrderLine {
  /** Position of the input (file line, batch index) used in rejections. */
  ref: number;
  orderId: string;
  /** Key of the line within its order (a file line number, or the item's index). */
  lineNo: number;
  customerId: string;
  /** The customer's name, e-mail and phone (digits), kept when this line creates the customer. */
  customerName?: string | null;
  customerEmail?: string | null;
  customerPhone?: string | null;
  placedAt: Date;
  sku: string;
  productName: string | null;
  quantity: number;
  /** Decimal strings with two places: money never goes through floats. */
  unitPrice: string;
  amount: string;
  region: string | null;
  channel: SalesChannel | null;
  /** The source marks the order cancelled (a status column, a cancellation id prefix). */
  cancelled: boolean;
  /** An offer code the order used (a personal code or the offer's own code), or null. */
  promoCode: string | null;
}

export interface WriteLinesOptions {
  source: string;
  /** Unknown customers are created (true) or their lines rejected (false). */
  createCustomers: boolean;
  /** Unknown products are created from the line's sku and name (true) or rejected. */
  createProducts: boolean;
}

export interface WriteLinesResult {
  staged: number;
  linesInserted: number;
  ordersInserted: number;
  customersCreated: number;
  productsCreated: number;
  /** Offers redeemed by these orders (see linkRedemptions). */
  redemptions: number;
  rejected: Rejection[];
}

const stageColumns =
  'ref, line_no, order_ext, customer_ext, customer_name, customer_email, customer_phone, placed_at, sku, product_name, quantity, unit_price, amount, region, channel, cancelled, promo_code';

function toCsv(lines: OrderLine[]): string {
  let out = '';
  for (const l of lines) {
    out += `${l.ref},${l.lineNo},${csvField(l.orderId)},${csvField(l.customerId)},${csvField(l.customerName ?? null)},${csvField(l.customerEmail ?? null)},${csvField(l.customerPhone ?? null)},${l.placedAt.toISOString()},${csvField(l.sku)},${csvField(l.productName)},${l.quantity},${l.unitPrice},${l.amount},${csvField(l.region)},${l.channel ?? ''},${l.cancelled ? 't' : 'f'},${csvField(l.promoCode)}\n`;
  }
  return out;
}

export async function writeOrderLines(
  s: SqlSession,
  lines: OrderLine[],
  o: WriteLinesOptions,
): Promise<WriteLinesResult> {
  const result: WriteLinesResult = {
    staged: lines.length,
    linesInserted: 0,
    ordersInserted: 0,
    customersCreated: 0,
    productsCreated: 0,
    redemptions: 0,
    rejected: [],
  };
  if (lines.length === 0) return result;
  await createStage(
    s,
    'stage_lines',
    `ref int, line_no int, order_ext text, customer_ext text, customer_name text,
     customer_email text, customer_phone text, placed_at timestamptz, sku text,
     product_name text, quantity int, unit_price numeric(12,2), amount numeric(14,2),
     region text, channel text, cancelled boolean, promo_code text`,
  );
  await s.copyCsv(`stage_lines (${stageColumns})`, toCsv(lines));

  const customers = await admitCustomers(s, 'stage_lines', o.source, {
    create: o.createCustomers,
    columns: {
      region: 'region',
      name: 'customer_name',
      email: 'customer_email',
      phone: 'customer_phone',
      acquisition_channel: 'channel',
    },
  });
  result.customersCreated = customers.created;
  result.rejected.push(...customers.rejected);
  if (o.createProducts) {
    result.productsCreated = (
      await s.query(
        `INSERT INTO products (source, sku, name)
         SELECT DISTINCT ON (sku) $1, sku, coalesce(product_name, sku) FROM stage_lines
         ORDER BY sku, ref
         ON CONFLICT (source, sku) DO NOTHING`,
        [o.source],
      )
    ).rowCount;
  } else {
    result.rejected.push(
      ...(await rejectMissing(s, 'stage_lines', o.source, 'products', 'sku', 'sku', 'sku')),
    );
  }

  // Orders that exist already (a re-import, an order continued from the previous batch)
  // need their totals recomputed if lines are added; new ones get the sum of their lines.
  const existing = await s.query<{ id: number }>(
    `SELECT o.id FROM (SELECT DISTINCT order_ext FROM stage_lines) x
     CROSS JOIN LATERAL ${rowByKey('orders', 'external_id', 'x.order_ext')} o`,
    [o.source],
  );
  // An order takes its customer, date, channel and region from its first line; it is
  // cancelled when the source says so, a return when every line is negative.
  result.ordersInserted = (
    await s.query(
      `INSERT INTO orders (source, external_id, customer_id, placed_at, channel, region, status, total, promo_code)
       SELECT $1, s.order_ext, (array_agg(c.id ORDER BY s.ref))[1], min(s.placed_at),
              coalesce((array_agg(s.channel ORDER BY s.ref))[1], 'other')::"Channel",
              (array_agg(s.region ORDER BY s.ref))[1],
              (CASE WHEN bool_or(s.cancelled) THEN 'cancelled'
                    WHEN bool_and(s.quantity < 0) THEN 'returned'
                    ELSE 'completed' END)::"OrderStatus", sum(s.amount),
              upper(trim((array_agg(s.promo_code ORDER BY s.ref) FILTER (WHERE s.promo_code <> ''))[1]))
       FROM stage_lines s CROSS JOIN LATERAL ${rowByKey('customers', 'external_id', 's.customer_ext')} c
       GROUP BY s.order_ext
       ON CONFLICT (source, external_id) DO NOTHING`,
      [o.source],
    )
  ).rowCount;
  result.linesInserted = (
    await s.query(
      `INSERT INTO order_items (order_id, line_no, product_id, quantity, unit_price, amount)
       SELECT o.id, s.line_no, p.id, s.quantity, s.unit_price, s.amount
       FROM stage_lines s
       CROSS JOIN LATERAL ${rowByKey('orders', 'external_id', 's.order_ext')} o
       CROSS JOIN LATERAL ${rowByKey('products', 'sku', 's.sku')} p
       ON CONFLICT (order_id, line_no) DO NOTHING`,
      [o.source],
    )
  ).rowCount;
  if (existing.rows.length > 0 && result.linesInserted > 0) {
    await s.query(
      `UPDATE orders o SET total = (SELECT sum(i.amount) FROM order_items i WHERE i.order_id = o.id)
       WHERE o.id = ANY($1::int[])`,
      [existing.rows.map((r) => r.id)],
    );
  }
  result.redemptions = await linkRedemptions(s, o.source);
  return result;
}

/**
 * Completed orders of this batch that carry an offer code redeem the matching offer of their
 * own customer: a personal code (LIVE10-X7K2PQ) or the offer's code (LIVE10) when the customer
 * holds that offer, placed within the offer's validity and not redeemed yet. The assignment
 * keeps the order and its time; a code of another customer's offer redeems nothing.
 */
async function linkRedemptions(s: SqlSession, source: string): Promise<number> {
  const r = await s.query(
    `WITH batch AS (
       SELECT o.id, o.customer_id, o.placed_at, o.promo_code
       FROM (SELECT DISTINCT order_ext FROM stage_lines) x
       CROSS JOIN LATERAL ${rowByKey('orders', 'external_id', 'x.order_ext', 'id, customer_id, placed_at, promo_code, status')} o
       WHERE o.promo_code IS NOT NULL AND o.status = 'completed'
         AND NOT EXISTS (SELECT 1 FROM offer_assignments used WHERE used.order_id = o.id)
     ), pairs AS (
       SELECT DISTINCT ON (a.id) a.id AS assignment_id, b.id AS order_id, b.placed_at
       FROM batch b
       JOIN offer_assignments a ON a.customer_id = b.customer_id AND a.redeemed_at IS NULL
       JOIN offers f ON f.id = a.offer_id
       WHERE (a.code = b.promo_code OR f.code = b.promo_code)
         AND b.placed_at >= f.valid_from AND b.placed_at <= f.valid_to
       ORDER BY a.id, b.placed_at, b.id
     )
     UPDATE offer_assignments a SET redeemed_at = pairs.placed_at, order_id = pairs.order_id
     FROM pairs WHERE a.id = pairs.assignment_id`,
    [source],
  );
  return r.rowCount;
}
