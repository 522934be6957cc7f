// Customers (CRM export) and products (catalogue) files. Columns beyond the known ones
// become the customer's attributes; tags are separated by | or ;.
import type { CustomerRow } from '../../ingest/write-customers.ts';
import type { ProductRow } from '../../ingest/write-products.ts';
import { type ColumnMap, resolveColumns } from '../columns.ts';
import {
  type DateFormat,
  FieldError,
  formatCents,
  parseCents,
  parseDate,
  required,
} from '../parse-values.ts';
import type { ImportRecord, RowOutcome } from '../records.ts';

const customerFields = {
  externalId: ['id', 'customerid', 'customer', 'clientid', 'externalid', 'customerno'],
  name: ['name', 'fullname', 'customername'],
  email: ['email', 'emailaddress', 'mail'],
  phone: ['phone', 'phonenumber', 'mobile', 'tel'],
  region: ['region', 'country', 'city', 'state'],
  channel: ['acquisitionchannel', 'channel', 'source', 'utmsource'],
  signupAt: ['signupat', 'signupdate', 'signup', 'registered', 'createdat', 'joined'],
} as const;

const productFields = {
  sku: ['sku', 'stockcode', 'productid', 'productcode', 'itemcode'],
  name: ['name', 'productname', 'description', 'title'],
  category: ['category', 'productcategory', 'group'],
  tags: ['tags', 'labels'],
  price: ['price', 'unitprice', 'listprice'],
  priceFrom: ['pricefrom', 'pricedate', 'validfrom'],
} as const;

type Mapper<T> = (r: ImportRecord) => RowOutcome<T>;

function fieldReader<F extends string>(
  header: string[],
  cols: Partial<Record<F, number>>,
  r: ImportRecord,
) {
  const state = { field: 'row' };
  const get = (f: F) => {
    state.field = header[cols[f] ?? -1] ?? f;
    return cols[f] === undefined ? '' : (r.fields[cols[f]] ?? '').trim();
  };
  return { get, state };
}

function guarded<T>(
  r: ImportRecord,
  header: string[],
  state: { field: string },
  build: () => T,
): RowOutcome<T> {
  if (r.fields.length !== header.length) {
    return {
      ok: false,
      field: 'row',
      reason: `has ${r.fields.length} columns; the header has ${header.length}`,
    };
  }
  try {
    return { ok: true, value: build() };
  } catch (err) {
    if (err instanceof FieldError) return { ok: false, field: state.field, reason: err.message };
    throw err;
  }
}

export function customerMapper(
  header: string[],
  map: ColumnMap,
  dateFormat: DateFormat,
): Mapper<CustomerRow> {
  const cols = resolveColumns(header, customerFields, ['externalId'], map);
  const used = new Set(Object.values(cols));
  const extra = header.map((h, i) => [h, i] as const).filter(([, i]) => !used.has(i));
  return (r) => {
    const { get, state } = fieldReader(header, cols, r);
    return guarded(r, header, state, () => {
      const email = get('email').toLowerCase() || null;
      if (email && !/^[^@\s]+@[^@\s]+$/.test(email))
        throw new FieldError(`"${email}" is not an email address`);
      const phone = get('phone').replace(/[^\d]/g, '') || null;
      const signup = get('signupAt');
      return {
        ref: r.line,
        externalId: required(get('externalId')),
        name: get('name') || null,
        email,
        phone,
        region: get('region') || null,
        channel: get('channel') || null,
        signupAt: signup ? parseDate(signup, dateFormat) : null,
        attributes: Object.fromEntries(extra.map(([h, i]) => [h, r.fields[i] ?? ''])),
      };
    });
  };
}

export function productMapper(
  header: string[],
  map: ColumnMap,
  dateFormat: DateFormat,
): Mapper<ProductRow> {
  const cols = resolveColumns(header, productFields, ['sku', 'name'], map);
  return (r) => {
    const { get, state } = fieldReader(header, cols, r);
    return guarded(r, header, state, () => {
      const price = get('price');
      const cents = price ? parseCents(price) : null;
      if (cents !== null && cents < 0n) throw new FieldError('is negative');
      const from = get('priceFrom');
      return {
        ref: r.line,
        sku: required(get('sku')),
        name: required(get('name')),
        category: get('category') || null,
        tags: get('tags')
          .split(/[|;]/)
          .map((t) => t.trim())
          .filter(Boolean),
        price: cents === null ? null : formatCents(cents),
        priceFrom: from ? parseDate(from, dateFormat) : null,
      };
    });
  };
}
