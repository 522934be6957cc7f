// Customers (CRM export) and products (catalogue) files. Columns beyond the known ones
// become the customer's attributes; tags are separated by | or ;.
import { maxPriceCents } from '@retention/contracts';
import type { CustomerRow } from '../../ingest/write-customers.ts';
import type { ProductRow } from '../../ingest/write-products.ts';
import {
  type DateFormat,
  FieldError,
  formatCents,
  parseAmount,
  parseDate,
  required,
} from '../../lib/parse-values.ts';
import { type ColumnMap, resolveColumns } from '../columns.ts';
import type { ImportRecord, RowOutcome } from '../records.ts';
import { mapRow } from '../row-mapper.ts';

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

export function customerMapper(
  header: string[],
  map: ColumnMap,
  dateFormat: DateFormat,
): Mapper<CustomerRow> {
  const cols = resolveColumns(header, customerFields, ['externalId'], map);
  const used = new Set(Object.values(cols));
  const extra = header.map((h, i) => [h, i] as const).filter(([, i]) => !used.has(i));
  return (r) =>
    mapRow(header, cols, r, (get) => {
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
        signupAt: signup ? parseDate(signup, dateFormat, 'past') : null,
        attributes: Object.fromEntries(extra.map(([h, i]) => [h, r.fields[i] ?? ''])),
      };
    });
}

export function productMapper(
  header: string[],
  map: ColumnMap,
  dateFormat: DateFormat,
): Mapper<ProductRow> {
  const cols = resolveColumns(header, productFields, ['sku', 'name'], map);
  return (r) =>
    mapRow(header, cols, r, (get) => {
      const price = get('price');
      const cents = price ? parseAmount(price, maxPriceCents) : null;
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
}
