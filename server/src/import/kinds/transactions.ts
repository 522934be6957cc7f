// One row per order line. Columns are found by common names (or --map source=field);
// a cancelled order is one whose status says so or whose id has the cancellation prefix
// (the "C" of the Online Retail data set, detected from its InvoiceNo header).
import { maxPriceCents, maxTotalCents } from '@retention/contracts';
import type { OrderLine, SalesChannel } from '../../ingest/write-order-lines.ts';
import {
  checkAmount,
  type DateFormat,
  formatCents,
  parseAmount,
  parseDate,
  parseQuantity,
  required,
} from '../../lib/parse-values.ts';
import { type ColumnMap, resolveColumns } from '../columns.ts';
import type { ImportRecord, RowOutcome } from '../records.ts';
import { mapRow } from '../row-mapper.ts';

const transactionFields = {
  orderId: [
    'orderid',
    'order',
    'ordernumber',
    'invoiceno',
    'invoice',
    'invoiceid',
    'transactionid',
  ],
  customerId: ['customerid', 'customer', 'clientid', 'userid', 'customerno'],
  placedAt: ['date', 'placedat', 'orderdate', 'invoicedate', 'datetime', 'timestamp', 'createdat'],
  sku: ['sku', 'stockcode', 'productid', 'productcode', 'itemcode', 'itemid'],
  productName: ['productname', 'description', 'product', 'itemname', 'name'],
  quantity: ['quantity', 'qty', 'units'],
  unitPrice: ['unitprice', 'price', 'itemprice'],
  region: ['region', 'country', 'state', 'city'],
  channel: ['channel', 'saleschannel'],
  status: ['status', 'orderstatus'],
  promoCode: ['promocode', 'promo', 'couponcode', 'coupon', 'offercode', 'discountcode'],
} as const;

const requiredFields = [
  'orderId',
  'customerId',
  'placedAt',
  'sku',
  'quantity',
  'unitPrice',
] as const;

const channels: Record<string, SalesChannel> = {
  web: 'web',
  online: 'web',
  website: 'web',
  app: 'app',
  mobile: 'app',
  telegram: 'telegram',
  offline: 'offline',
  store: 'offline',
  shop: 'offline',
  pos: 'offline',
};

export interface TransactionOptions {
  dateFormat: DateFormat;
  cancelledPrefix: string | null;
}

export function transactionMapper(header: string[], overrides: ColumnMap, o: TransactionOptions) {
  const cols = resolveColumns(header, transactionFields, requiredFields, overrides);
  const prefix =
    o.cancelledPrefix ?? (/^invoice\s*no$/i.test(header[cols.orderId!] ?? '') ? 'C' : null);
  return (r: ImportRecord): RowOutcome<OrderLine> =>
    mapRow(header, cols, r, (get) => {
      const orderId = required(get('orderId'));
      const customerId = required(get('customerId'));
      const placedAt = parseDate(get('placedAt'), o.dateFormat, 'fact');
      const sku = required(get('sku'));
      const quantity = parseQuantity(get('quantity'));
      const price = parseAmount(get('unitPrice'), maxPriceCents);
      const amount = checkAmount(price * BigInt(quantity), maxTotalCents, 'quantity × price');
      const status = get('status').toLowerCase();
      const channelText = get('channel').toLowerCase();
      return {
        ref: r.line,
        orderId,
        lineNo: r.line,
        customerId,
        placedAt,
        sku,
        productName: get('productName') || null,
        quantity,
        unitPrice: formatCents(price),
        amount: formatCents(amount),
        region: get('region') || null,
        channel: channelText ? (channels[channelText] ?? 'other') : null,
        cancelled: /^cancel/.test(status) || (prefix !== null && orderId.startsWith(prefix)),
        promoCode: get('promoCode') || null,
      };
    });
}
