// Customers (CRM export) and products (catalogue) files. Columns beyond the known ones
// become the customer's attributes; tags are separated by | or ;.
import { maxPriceCents } from '@retention/contracts';
import type { CustomerRow } from '../../ingest/write-customers.ts';
import type { ProductRow } from '../../ingest/write-products.ts';
import {
  emailAddress,
  FieldError,
  formatCents,
  parseAmount,
  parseDate,
  phoneDigits,
  required,
} from '../../lib/parse-values.ts';
import { type ColumnMap, namedColumns, resolveColumns } from '../columns.ts';
import type { Mapped, PlanOptions } from '../records.ts';
import { mapRow } from '../row-mapper.ts';

const customerFields = {
  externalId: [
    'id',
    'customerid',
    'customer',
    'clientid',
    'externalid',
    'customerno',
    'Код клиента',
    'ID клиента',
    'Номер клиента',
    'Код',
    'Клиент',
    'Покупатель',
    'Контрагент',
  ],
  name: ['name', 'fullname', 'customername', 'ФИО', 'Имя', 'Наименование', 'Название'],
  email: ['email', 'emailaddress', 'mail', 'Электронная почта', 'Почта', 'E-mail'],
  phone: ['phone', 'phonenumber', 'mobile', 'tel', 'Телефон', 'Мобильный', 'Тел'],
  region: ['region', 'country', 'city', 'state', 'Регион', 'Город', 'Область', 'Страна'],
  channel: [
    'acquisitionchannel',
    'channel',
    'source',
    'utmsource',
    'Канал привлечения',
    'Канал',
    'Источник',
  ],
  signupAt: [
    'signupat',
    'signupdate',
    'signup',
    'registered',
    'createdat',
    'joined',
    'Дата регистрации',
    'Зарегистрирован',
    'Дата создания',
  ],
} as const;

const productFields = {
  sku: ['sku', 'stockcode', 'productid', 'productcode', 'itemcode', 'Артикул', 'Код товара', 'Код'],
  name: [
    'name',
    'productname',
    'description',
    'title',
    'Наименование',
    'Название',
    'Товар',
    'Номенклатура',
  ],
  category: ['category', 'productcategory', 'group', 'Категория', 'Группа', 'Группа номенклатуры'],
  tags: ['tags', 'labels', 'Теги', 'Метки'],
  price: ['price', 'unitprice', 'listprice', 'Цена', 'Розничная цена'],
  priceFrom: ['pricefrom', 'pricedate', 'validfrom', 'Дата цены', 'Действует с'],
} as const;

export function customerMapper(
  header: string[],
  map: ColumnMap,
  o: PlanOptions,
): Mapped<CustomerRow> {
  const cols = resolveColumns(header, customerFields, ['externalId'], map);
  const used = new Set(Object.values(cols));
  const extra = header.map((h, i) => [h, i] as const).filter(([, i]) => !used.has(i));
  const columns = namedColumns(header, cols);
  return {
    columns,
    map: (r) =>
      mapRow(header, cols, r, (get) => {
        const given = get('email');
        const email = given ? emailAddress(given) : null;
        if (given && !email)
          throw new FieldError(`"${given.toLowerCase()}" is not an email address`);
        const phone = phoneDigits(get('phone')) || null;
        const signup = get('signupAt');
        return {
          ref: r.line,
          externalId: required(get('externalId')),
          name: get('name') || null,
          email,
          phone,
          region: get('region') || null,
          channel: get('channel') || null,
          signupAt: signup ? parseDate(signup, o.dateFormat, 'past') : null,
          attributes: Object.fromEntries(extra.map(([h, i]) => [h, r.fields[i] ?? ''])),
        };
      }),
  };
}

export function productMapper(
  header: string[],
  map: ColumnMap,
  o: PlanOptions,
): Mapped<ProductRow> {
  const cols = resolveColumns(header, productFields, ['sku', 'name'], map);
  return {
    columns: namedColumns(header, cols),
    map: (r) =>
      mapRow(header, cols, r, (get) => {
        const price = get('price');
        const cents = price ? parseAmount(price, maxPriceCents, { mark: o.decimal }) : null;
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
          priceFrom: from ? parseDate(from, o.dateFormat) : null,
        };
      }),
  };
}
