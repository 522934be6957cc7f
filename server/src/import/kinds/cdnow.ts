// The CDNOW data sets as published: master `customer_id date n_cds dollars` (a header
// line) and the 1/10 sample `master_id sample_id date n_cds dollars` (no header). Each
// row is a purchase: one order of one line whose amount is the dollars given; purchases by
// the same customer on the same day are numbered in file order (the files are sorted).
import { maxPriceCents, maxTotalCents } from '@retention/contracts';
import type { OrderLine } from '../../ingest/write-order-lines.ts';
import {
  checkAmount,
  FieldError,
  formatCents,
  parseAmount,
  parseDate,
  parseQuantity,
} from '../../lib/parse-values.ts';
import type { ImportRecord, RowOutcome } from '../records.ts';

export function isCdnowHeader(r: ImportRecord): boolean {
  return !/^\d+$/.test(r.fields[0] ?? '');
}

export function cdnowMapper() {
  let lastDay = '';
  let k = 0;
  return (r: ImportRecord): RowOutcome<OrderLine> => {
    const f = r.fields;
    if (f.length !== 4 && f.length !== 5) {
      return {
        ok: false,
        field: 'row',
        reason: `has ${f.length} columns; CDNOW rows have 4 (master) or 5 (sample)`,
      };
    }
    const [customer, date, cds, dollars] = f.length === 4 ? f : [f[0], f[2], f[3], f[4]];
    let field = 'customer_id';
    try {
      if (!/^\d{1,10}$/.test(customer ?? ''))
        throw new FieldError(`"${customer}" is not a customer id`);
      field = 'date';
      const placedAt = parseDate(date ?? '', 'yyyymmdd', 'fact');
      field = 'number_of_cds';
      const quantity = parseQuantity(cds ?? '');
      field = 'dollar_value';
      const cents = parseAmount(dollars ?? '', maxTotalCents);
      const unit = quantity > 0 ? cents / BigInt(quantity) : cents;
      checkAmount(unit, maxPriceCents, 'the price of one CD');
      const day = `${customer}-${date}`;
      k = day === lastDay ? k + 1 : 1;
      lastDay = day;
      return {
        ok: true,
        value: {
          ref: r.line,
          orderId: `${day}-${k}`,
          lineNo: 1,
          customerId: customer!,
          placedAt,
          sku: 'CD',
          productName: 'Compact disc',
          quantity,
          unitPrice: formatCents(unit),
          amount: formatCents(cents),
          region: null,
          channel: null,
          cancelled: false,
          promoCode: null,
        },
      };
    } catch (err) {
      if (err instanceof FieldError) return { ok: false, field, reason: err.message };
      throw err;
    }
  };
}
