// One row per order line (or per order, for layouts that pack its products into a cell).
// Columns come from a known export layout (layouts.ts) or by common names in English and
// Russian (or --map column=field). A cancelled order is one whose status says so (cancelled,
// refunded, voided, failed; отменён, возврат), that has a cancellation date, or whose id has
// the cancellation prefix (the "C" of the Online Retail data set, detected from its InvoiceNo
// header).
import { maxPriceCents, maxTotalCents } from '@retention/contracts';
import type { OrderLine, SalesChannel } from '../../ingest/write-order-lines.ts';
import {
  checkAmount,
  emailAddress,
  FieldError,
  formatCents,
  parseAmount,
  parseDate,
  parseQuantity,
  phoneDigits,
  required,
} from '../../lib/parse-values.ts';
import { type ColumnMap, columnIndex, namedColumns, norm, resolveColumns } from '../columns.ts';
import { type Layout, layoutOf, type TransactionField } from '../layouts.ts';
import type { ImportRecord, Mapped, PlanOptions } from '../records.ts';
import { mapRow } from '../row-mapper.ts';

/** Customer columns that may hold a person's name rather than a code. */
const personColumns = new Set(['customer', 'Клиент', 'Покупатель', 'Контрагент'].map(norm));
/** Two or more words of letters ("Иванова Мария", "Ann Lee"), not a code like "C-1001". */
const personName = /^\p{L}[\p{L}.'’-]*(\s+\p{L}[\p{L}.'’-]*)+$/u;

/** A contact value that is a phone number: digits and phone punctuation only. */
const phoneLike = /^\+?[\d\s().-]*\d[\d\s().-]*$/;

/** Column names of files no layout recognises, by field. */
const commonNames: Record<TransactionField, readonly string[]> = {
  orderId: [
    'orderid',
    'order',
    'ordernumber',
    'invoiceno',
    'invoice',
    'invoiceid',
    'transactionid',
    'Номер заказа',
    'Заказ',
    'Номер документа',
    'Номер чека',
    'Чек',
    'Номер',
  ],
  customerId: [
    'customerid',
    'customer',
    'clientid',
    'userid',
    'customerno',
    'Код клиента',
    'ID клиента',
    'Клиент',
    'Покупатель',
    'Контрагент',
  ],
  customerContact: ['email', 'customeremail', 'Электронная почта', 'Почта', 'Телефон'],
  placedAt: [
    'date',
    'placedat',
    'orderdate',
    'invoicedate',
    'datetime',
    'timestamp',
    'createdat',
    'Дата',
    'Дата заказа',
    'Дата продажи',
    'Дата документа',
    'Период',
  ],
  document: ['Документ', 'Регистратор'],
  sku: [
    'sku',
    'stockcode',
    'productid',
    'productcode',
    'itemcode',
    'itemid',
    'Артикул',
    'Код товара',
  ],
  productName: [
    'productname',
    'description',
    'product',
    'itemname',
    'name',
    'Номенклатура',
    'Товар',
    'Наименование',
    'Наименование товара',
  ],
  quantity: ['quantity', 'qty', 'units', 'Количество', 'Кол-во'],
  unitPrice: ['unitprice', 'price', 'itemprice', 'Цена', 'Цена за единицу'],
  amount: ['amount', 'lineamount', 'linetotal', 'Сумма', 'Стоимость', 'Выручка'],
  discount: ['discount', 'Скидка'],
  refunded: ['refunded', 'amountrefunded'],
  items: [],
  region: ['region', 'country', 'state', 'city', 'Регион', 'Город', 'Страна', 'Область'],
  channel: ['channel', 'saleschannel', 'Канал', 'Канал продаж'],
  status: ['status', 'orderstatus', 'Статус', 'Статус заказа'],
  cancelledAt: ['cancelledat'],
  promoCode: [
    'promocode',
    'promo',
    'couponcode',
    'coupon',
    'offercode',
    'discountcode',
    'Промокод',
    'Купон',
  ],
};

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
  сайт: 'web',
  интернет: 'web',
  приложение: 'app',
  телеграм: 'telegram',
  магазин: 'offline',
  розница: 'offline',
};

const cancelledStatus = /^(cancel|refund|void|fail|отмен|возврат|аннул)/i;

/** "Реализация товаров и услуг 00КА-000135 от 20.01.2025 23:59:59" → number and date. */
const documentName =
  /^(.*?)\s+(\S+)\s+от\s+(\d{1,2}\.\d{1,2}\.\d{4}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?)\s*$/;

/** "2× Hoodie - Blue, 1× Cap" (WooCommerce Analytics) → products and quantities. */
function packedItems(cell: string): { name: string; quantity: number }[] {
  return cell
    .split(/,\s*(?=\d+\s*[×x]\s)/)
    .map((part) => /^(\d+)\s*[×x]\s*(.+)$/.exec(part.trim()))
    .map((m, k) => {
      if (!m) throw new FieldError(`item ${k + 1} is not "N× product"`);
      return { name: (m[2] as string).trim(), quantity: Number(m[1]) };
    });
}

export function transactionMapper(
  header: string[],
  overrides: ColumnMap,
  o: PlanOptions,
): Mapped<OrderLine[]> {
  const layout: Layout | undefined = Object.keys(overrides).length ? undefined : layoutOf(header);
  const known = layout
    ? (layout.columns as Record<TransactionField, readonly string[]>)
    : commonNames;
  // Each group: one of its fields will do.
  const needed: TransactionField[][] = [
    ['orderId', 'document'],
    ['customerId', 'customerContact'],
    ['placedAt', 'document'],
    ...(layout?.product ? [] : [['sku', 'productName', 'items'] as TransactionField[]]),
    ['unitPrice', 'amount'],
  ];
  const cols = resolveColumns(header, known, needed, overrides);
  const has = (f: TransactionField) => cols[f] !== undefined;
  // Every column that may name the customer, tried in order (Shopify: Email, Phone, Billing Name).
  const index = columnIndex(header);
  const contacts = (known.customerContact ?? [])
    .map((name) => index.get(norm(name)))
    .filter((i) => i !== undefined);
  // "Клиент" or "Customer" beside an e-mail or phone column usually holds people's names, and
  // names repeat (two Ivanova Marias are two customers): the contact is the identity then, and
  // a value that reads as a name is kept as the customer's name.
  const namesPeople =
    !layout &&
    contacts.length > 0 &&
    cols.customerId !== undefined &&
    personColumns.has(norm(header[cols.customerId] ?? ''));
  const prefix =
    o.cancelledPrefix ?? (/^invoice\s*no$/i.test(header[cols.orderId ?? -1] ?? '') ? 'C' : null);
  const mark = o.decimal;
  const money = (raw: string, negative = false) =>
    parseAmount(raw, maxTotalCents, { mark, negative });
  let previous: { orderId: string; values: Map<TransactionField, string> } | undefined;

  const map = (r: ImportRecord) =>
    mapRow(header, cols, r, (read): OrderLine[] => {
      const document = read('document');
      const doc = document ? documentName.exec(document) : null;
      if (document && !doc && !has('orderId')) {
        throw new FieldError(`"${document}" is not "<document> <number> от dd.mm.yyyy"`);
      }
      const orderId = required(read('orderId') || doc?.[2]);
      // Layouts that leave order columns blank on its later rows: from the order's first row.
      const carried = previous?.orderId === orderId ? previous.values : undefined;
      if (!carried) {
        const values = (layout?.carry ?? []).map((f) => [f, read(f)] as const);
        previous = { orderId, values: new Map(values) };
      }
      const get = (f: TransactionField) => read(f) || (carried?.get(f) ?? '');
      const contactValues = contacts.map((i) => (r.fields[i] ?? '').trim());
      const contact = contactValues.find((v) => v !== '');
      const id = get('customerId');
      const byContact = namesPeople && contact !== undefined;
      const customerId = required(
        byContact ? contact : (id !== layout?.guest && id) || contact || get('customerContact'),
      );
      const customerName = byContact && personName.test(id) ? id : null;
      const customerEmail = contactValues.map(emailAddress).find((v) => v !== null) ?? null;
      const phone = phoneDigits(contactValues.find((v) => phoneLike.test(v)) ?? '');
      const placedAt = parseDate(get('placedAt') || (doc?.[3] ?? ''), o.dateFormat, 'fact');
      const status = get('status').toLowerCase();
      const channelText = get('channel').toLowerCase();
      const refunded = get('refunded') ? money(get('refunded')) : 0n;
      const returned = /^возврат/i.test(doc?.[1] ?? '');
      const base = {
        orderId,
        customerId,
        customerName,
        customerEmail,
        customerPhone: phone.length >= 5 ? phone : null,
        placedAt,
        region: get('region') || null,
        channel: channelText ? (channels[channelText] ?? 'other') : null,
        cancelled:
          cancelledStatus.test(status) ||
          get('cancelledAt') !== '' ||
          (prefix !== null && orderId.startsWith(prefix)),
        promoCode: get('promoCode') || null,
      };
      const items = get('items');
      if (items) {
        return packedLines(packedItems(items), money(get('amount'), true)).map((line, k) => ({
          ...base,
          ref: r.line,
          lineNo: k + 1,
          ...line,
        }));
      }
      const productName = get('productName') || null;
      const sku = required(get('sku') || productName || layout?.product);
      let quantity = has('quantity') ? parseQuantity(get('quantity'), mark) : 1;
      const given = get('amount');
      let amount =
        given === ''
          ? null
          : checkAmount(money(given, true) - refunded, maxTotalCents, 'amount − refunded');
      if (returned && quantity > 0) {
        quantity = -quantity;
        if (amount !== null && amount > 0n) amount = -amount;
      }
      const discount = get('discount') ? money(get('discount')) : 0n;
      // Read last, so a line total past the bounds is reported against the price.
      const price = get('unitPrice')
        ? parseAmount(get('unitPrice'), maxPriceCents, { mark })
        : perUnit(amount ?? 0n, quantity);
      const total =
        amount ??
        checkAmount(price * BigInt(quantity) - discount, maxTotalCents, 'quantity × price');
      return [
        {
          ...base,
          ref: r.line,
          lineNo: r.line,
          sku,
          productName: productName ?? (layout?.product && sku === layout.product ? sku : null),
          quantity,
          unitPrice: formatCents(price),
          amount: formatCents(total),
          // A payment refunded in full did not happen, for retention.
          cancelled: base.cancelled || (refunded > 0n && total <= 0n),
        },
      ];
    });

  const columns = namedColumns(header, cols);
  if (namesPeople) {
    const { customerId: names, customerContact: _, ...rest } = columns;
    const byContact = contacts.map((i) => header[i]).join(' or ');
    return { map, columns: { customerId: byContact, customerName: names ?? '', ...rest } };
  }
  return { map, columns, layout: layout?.name };
}

/** Cents per unit, rounded half away from zero; 0 units: the amount itself. */
function perUnit(amount: bigint, quantity: number): bigint {
  if (quantity === 0) return amount < 0n ? -amount : amount;
  const q = BigInt(Math.abs(quantity));
  const a = amount < 0n ? -amount : amount;
  return (a * 2n + q) / (2n * q);
}

/**
 * Products packed in one cell with the order's amount: one line each, the amount shared by
 * quantity, the cents left over on the last line so the lines add up to the order.
 */
function packedLines(items: { name: string; quantity: number }[], amount: bigint) {
  const units = BigInt(items.reduce((a, i) => a + i.quantity, 0)) || 1n;
  let left = amount;
  return items.map((item, k) => {
    const share = k === items.length - 1 ? left : (amount * BigInt(item.quantity)) / units;
    left -= share;
    return {
      sku: item.name,
      productName: item.name,
      quantity: item.quantity,
      unitPrice: formatCents(perUnit(share, item.quantity)),
      amount: formatCents(share),
    };
  });
}
