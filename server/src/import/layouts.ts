// The order exports of known systems, recognised by their header: which column holds each
// field and the rules of the layout (order columns left blank on an order's later rows,
// products packed into one cell, the order and its date inside a document's name). Column
// sets were read from real exports and the systems' own source (docs/bring-your-data.md
// names the versions). Files no layout recognises are read by column names (transactions.ts).
import { columnIndex, norm } from './columns.ts';

/** What a transactions file can say about an order line. */
export const transactionFields = [
  'orderId',
  'customerId',
  /** Who the customer is when the file has no id for them (an email, a phone). */
  'customerContact',
  'placedAt',
  /** A 1C document's name: "Реализация товаров и услуг 00КА-000135 от 20.01.2025 23:59:59". */
  'document',
  'sku',
  'productName',
  'quantity',
  'unitPrice',
  /** The line's amount, when the file gives it (after discounts). */
  'amount',
  /** Discount on the line, taken from quantity × price. */
  'discount',
  /** Amount refunded, taken from the amount. */
  'refunded',
  /** Several products in one cell: "2× Hoodie, 1× Cap" (WooCommerce Analytics). */
  'items',
  'region',
  'channel',
  'status',
  /** Set when the order was cancelled (Shopify's "Cancelled at"). */
  'cancelledAt',
  'promoCode',
] as const;

export type TransactionField = (typeof transactionFields)[number];

export interface Layout {
  name: string;
  /** Columns every file of the layout has (compared as norm() does). */
  signature: readonly string[];
  /** Field → the layout's column names, the first present one used. */
  columns: Partial<Record<TransactionField, readonly string[]>>;
  /** Order columns the layout leaves blank on an order's later rows: taken from the row before. */
  carry?: readonly TransactionField[];
  /** The product when the layout names none (one payment, one line). */
  product?: string;
  /** The customer id the layout gives guests (then the contact columns say who it was). */
  guest?: string;
}

export const layouts: readonly Layout[] = [
  {
    name: 'Shopify orders export',
    signature: ['Name', 'Created at', 'Lineitem quantity', 'Lineitem price', 'Lineitem name'],
    columns: {
      orderId: ['Name'],
      customerContact: ['Email', 'Phone', 'Billing Name'],
      placedAt: ['Created at'],
      sku: ['Lineitem sku'],
      productName: ['Lineitem name'],
      quantity: ['Lineitem quantity'],
      unitPrice: ['Lineitem price'],
      discount: ['Lineitem discount'],
      region: ['Billing Country', 'Shipping Country'],
      channel: ['Source'],
      status: ['Financial Status'],
      cancelledAt: ['Cancelled at'],
      promoCode: ['Discount Code'],
    },
    carry: ['customerContact', 'region', 'channel', 'status', 'cancelledAt', 'promoCode'],
  },
  {
    name: 'Stripe payments export',
    signature: ['id', 'Amount', 'Amount Refunded', 'Status', 'Customer ID'],
    columns: {
      orderId: ['id'],
      customerId: ['Customer ID'],
      customerContact: ['Customer Email'],
      placedAt: ['Created date (UTC)', 'Created (UTC)'],
      productName: ['Description'],
      amount: ['Amount'],
      refunded: ['Amount Refunded'],
      region: ['Card Address Country', 'Shipping Address Country'],
      status: ['Status'],
    },
    product: 'Stripe payment',
  },
  {
    name: 'WooCommerce orders export (one row per item)',
    signature: ['order_id', 'status', 'customer_id', 'item_sku', 'item_quantity', 'item_total'],
    columns: {
      orderId: ['order_number', 'order_id'],
      customerId: ['customer_id'],
      customerContact: ['billing_email'],
      placedAt: ['date', 'order_date'],
      sku: ['item_sku'],
      productName: ['item_name'],
      quantity: ['item_quantity'],
      unitPrice: ['item_price'],
      amount: ['item_total'],
      region: ['billing_country', 'shipping_country'],
      status: ['status'],
    },
    guest: '0',
  },
  {
    name: 'WooCommerce Analytics orders',
    signature: ['Date', 'Order #', 'Status', 'Customer', 'Product(s)', 'Items sold', 'Net sales'],
    columns: {
      orderId: ['Order #'],
      customerId: ['Customer'],
      placedAt: ['Date'],
      items: ['Product(s)'],
      quantity: ['Items sold'],
      amount: ['Net sales'],
      status: ['Status'],
      channel: ['Attribution'],
      promoCode: ['Coupon(s)'],
    },
  },
  {
    name: '1C sales report',
    signature: ['Номенклатура', 'Количество'],
    columns: {
      orderId: ['Номер документа', 'Номер заказа', 'Номер', 'Заказ', 'Номер чека', 'Чек'],
      document: ['Документ', 'Регистратор', 'Документ продажи', 'Реализация'],
      customerId: ['Контрагент', 'Клиент', 'Покупатель', 'Партнер'],
      placedAt: ['Дата', 'Регистратор.Дата', 'Период', 'Дата документа'],
      sku: ['Артикул', 'Артикул товара', 'Код'],
      productName: ['Номенклатура'],
      quantity: ['Количество'],
      unitPrice: ['Цена'],
      amount: ['Сумма', 'Выручка', 'Выручка с НДС', 'Сумма с НДС', 'Всего'],
      region: ['Регион', 'Город', 'Склад'],
      status: ['Статус'],
    },
  },
];

/** The layout whose signature columns the header holds, if any. */
export function layoutOf(header: readonly string[]): Layout | undefined {
  const index = columnIndex(header);
  return layouts.find((l) => l.signature.every((c) => index.has(norm(c))));
}
