// The exports businesses have (test/fixtures/exports, written by hand in the layouts of
// Shopify, Stripe, WooCommerce, 1C and a Russian shop's own file; README there) import with
// the totals the test computes itself: its own decoding (the encoding named here, not
// detected), its own splitting and its own reading of each layout's numbers.
import { execFile } from 'node:child_process';
import { copyFile, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { createTestDatabase, type TestDatabase } from '@retention/db/testing';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../test/requirements.ts';
import { linkByPhone } from '../src/services/link-by-phone.ts';
import { importFile, scratchDir } from './helpers/import.ts';

const fixtures = path.join(import.meta.dirname, 'fixtures/exports');

type Row = Record<string, string>;

/** The file as rows keyed by header, read with what the test is told, not what is detected. */
async function rowsOf(file: string, encoding: string, delimiter: string, skip = 0): Promise<Row[]> {
  const text = new TextDecoder(encoding).decode(await readFile(path.join(fixtures, file)));
  const lines = text.split(/\r?\n/).slice(skip).join('\n');
  return parse(lines, { columns: true, delimiter, skip_empty_lines: true }) as Row[];
}

/** "1 234,56 ₽" → 123456 cents: the test's own reading, for files with a decimal comma. */
const commaCents = (v: string) =>
  Math.round(Number(v.replace(/[^\d,-]/g, '').replace(',', '.')) * 100);
const dotCents = (v: string) => Math.round(Number(v.replace(/[^\d.-]/g, '')) * 100);

interface Expected {
  orders: number;
  customers: number;
  lines: number;
  /** Completed orders' totals, in cents. */
  revenue: number;
}

/** Orders from (order, customer, cents, counts) lines: counted, and the completed ones summed. */
function totals(lines: { order: string; customer: string; cents: number; counts: boolean }[]) {
  const orders = new Map<string, { cents: number; counts: boolean }>();
  for (const l of lines) {
    const o = orders.get(l.order) ?? { cents: 0, counts: true };
    o.cents += l.cents;
    o.counts &&= l.counts;
    orders.set(l.order, o);
  }
  return {
    orders: orders.size,
    customers: new Set(lines.map((l) => l.customer)).size,
    lines: lines.length,
    revenue: [...orders.values()].filter((o) => o.counts).reduce((a, o) => a + o.cents, 0),
  };
}

const files: { file: string; layout: string; expected: () => Promise<Expected> }[] = [
  {
    file: 'shopify-orders.csv',
    layout: 'Shopify orders export',
    expected: async () => {
      const rows = await rowsOf('shopify-orders.csv', 'utf-8', ',');
      const first = new Map<string, Row>();
      for (const r of rows) if (!first.has(r.Name as string)) first.set(r.Name as string, r);
      return totals(
        rows.map((r) => {
          const head = first.get(r.Name as string) as Row;
          return {
            order: r.Name as string,
            customer: (r.Email || head.Phone || r.Phone) as string,
            cents:
              Number(r['Lineitem quantity']) * dotCents(r['Lineitem price'] as string) -
              dotCents(r['Lineitem discount'] || '0'),
            counts: head['Financial Status'] === 'paid' && head['Cancelled at'] === '',
          };
        }),
      );
    },
  },
  {
    file: 'stripe-payments.csv',
    layout: 'Stripe payments export',
    expected: async () => {
      const rows = await rowsOf('stripe-payments.csv', 'utf-8', ',');
      return totals(
        rows.map((r) => {
          const cents = dotCents(r.Amount as string) - dotCents(r['Amount Refunded'] as string);
          return {
            order: r.id as string,
            customer: (r['Customer ID'] || r['Customer Email']) as string,
            cents,
            counts: r.Status === 'Paid' && cents > 0,
          };
        }),
      );
    },
  },
  {
    file: 'woocommerce-analytics-orders.csv',
    layout: 'WooCommerce Analytics orders',
    expected: async () => {
      const rows = await rowsOf('woocommerce-analytics-orders.csv', 'utf-8', ',');
      const products = rows.flatMap((r) =>
        (r['Product(s)'] as string).split(/, (?=\d+×)/).map((_, k) => ({ r, k })),
      );
      const t = totals(
        rows.map((r) => ({
          order: r['Order #'] as string,
          customer: r.Customer as string,
          cents: dotCents(r['Net sales'] as string),
          counts: ['completed', 'processing'].includes(r.Status as string),
        })),
      );
      return { ...t, lines: products.length };
    },
  },
  {
    file: 'woocommerce-export-items.csv',
    layout: 'WooCommerce orders export (one row per item)',
    expected: async () => {
      const rows = await rowsOf('woocommerce-export-items.csv', 'utf-8', ',');
      return totals(
        rows.map((r) => ({
          order: r.order_id as string,
          customer: (r.customer_id === '0' ? r.billing_email : r.customer_id) as string,
          cents: dotCents(r.item_total as string),
          counts: r.status === 'completed',
        })),
      );
    },
  },
  {
    file: '1c-sales-report.csv',
    layout: '1C sales report',
    expected: async () => {
      const rows = (await rowsOf('1c-sales-report.csv', 'windows-1251', ';', 3)).filter(
        (r) => r.Документ !== 'Итого',
      );
      return totals(
        rows.map((r) => ({
          order: (r.Документ as string).split(' от ')[0]?.split(' ').at(-1) as string,
          customer: r.Контрагент as string,
          cents: commaCents(r.Сумма as string),
          counts: !(r.Документ as string).startsWith('Возврат'),
        })),
      );
    },
  },
  {
    file: 'russian-shop-orders.csv',
    layout: 'columns by name',
    expected: async () => {
      const rows = await rowsOf('russian-shop-orders.csv', 'utf-8', ';');
      return totals(
        rows.map((r) => ({
          order: r['Номер заказа'] as string,
          customer: r.Клиент as string,
          cents: commaCents(r.Сумма as string),
          counts: r.Статус !== 'отменён',
        })),
      );
    },
  },
  {
    file: 'excel-unicode-text.txt',
    layout: 'columns by name',
    expected: async () => {
      const rows = await rowsOf('excel-unicode-text.txt', 'utf-16le', '\t');
      return totals(
        rows.map((r) => ({
          order: r['Order ID'] as string,
          customer: r['Customer ID'] as string,
          cents: Number(r.Quantity) * dotCents(r['Unit Price'] as string),
          counts: true,
        })),
      );
    },
  },
];

describe('importing the exports businesses have', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t?.drop());

  for (const { file, layout, expected } of files) {
    it(`${file}: ${layout}, with the totals the file holds`, async () => {
      const source = file.replace(/\..*$/, '');
      let detected: string | null = null;
      const s = await importFile(t.db, path.join(fixtures, file), {
        source,
        onDetected: (d) => {
          detected = d.layout ?? 'columns by name';
        },
      });
      expect(detected).toBe(layout);
      expect(s).toMatchObject({ rejected: 0, failed: false });
      const [row] = await t.db.prisma.$queryRaw<
        { orders: bigint; customers: bigint; lines: bigint; revenue: string }[]
      >`SELECT count(DISTINCT o.id) AS orders, count(DISTINCT o.customer_id) AS customers,
               (SELECT count(*) FROM order_items i JOIN orders x ON x.id = i.order_id
                 WHERE x.source = ${source}) AS lines,
               (SELECT coalesce(sum(total), 0)::text FROM orders
                 WHERE source = ${source} AND status = 'completed') AS revenue
        FROM orders o WHERE o.source = ${source}`;
      const want = await expected();
      expect({
        orders: Number(row?.orders),
        customers: Number(row?.customers),
        lines: Number(row?.lines),
        revenue: Math.round(Number(row?.revenue) * 100),
      }).toEqual(want);
    });
  }

  it('reads the 1C report’s dates and numbers from its document names and decimal commas', async () => {
    const order = await t.db.prisma.order.findFirstOrThrow({
      where: { source: '1c-sales-report', externalId: '00КА-000135' },
      include: { items: { orderBy: { lineNo: 'asc' } }, customer: true },
    });
    expect(order.placedAt.toISOString()).toBe('2025-09-02T10:15:00.000Z');
    expect(order.items.map((i) => [i.quantity, i.unitPrice.toFixed(2)])).toEqual([
      [40, '620.00'],
      [3, '1150.50'],
    ]);
    expect(order.customer.externalId).toBe('ООО «СтройДом»');
    const back = await t.db.prisma.order.findFirstOrThrow({
      where: { source: '1c-sales-report', externalId: '00КА-000009' },
    });
    expect([back.status, back.total.toFixed(2)]).toEqual(['returned', '-1150.50']);
  });
});

describe('the import command on an export', () => {
  const run = promisify(execFile);
  const cli = (args: string[], env: Record<string, string>) =>
    run(process.execPath, ['--import', 'tsx', 'server/src/cli/import.ts', ...args], {
      cwd: repoRoot,
      env: { ...process.env, ...env },
    }).then(
      (r) => ({ code: 0, ...r }),
      (e: { code: number; stdout: string; stderr: string }) => e,
    );

  it('prints what it detected on a dry run, and writes nothing', async () => {
    const dir = await scratchDir();
    const r = await cli(
      [path.join(fixtures, '1c-sales-report.csv'), '--kind', 'transactions', '--dry-run'],
      { DATABASE_URL: '', DATA_DIR: dir },
    );
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('encoding   windows-1251');
    expect(r.stderr).toContain('delimiter  ";"');
    expect(r.stderr).toContain('decimal    ","');
    expect(r.stderr).toContain('layout     1C sales report');
    expect(r.stderr).toContain('Контрагент → customerId');
    expect(r.stdout).toMatch(/loaded\s+0 \(dry run/);
  });

  it('tells two customers of one name apart by their phones, keeps the name and the first channel', async () => {
    const dir = await scratchDir();
    const file = path.join(dir, 'namesakes.csv');
    await writeFile(
      file,
      [
        'Номер заказа;Дата;Клиент;Телефон;Товар;Кол-во;Сумма;Канал',
        'З-1;05.08.2025 12:30;Иванова Мария;+7 912 000-11-22;Кофе;1;100,00;приложение',
        'З-2;06.08.2025 12:30;Иванова Мария;+7 903 555-44-33;Кофе;1;100,00;сайт',
        'З-3;07.08.2025 12:30;Иванова Мария;+7 912 000-11-22;Чай;1;50,00;магазин',
        'З-4;08.08.2025 12:30;К-0042;;Чай;1;50,00;',
        'З-5;09.08.2025 12:30;К-0042;+7 999 000-00-01;Чай;1;50,00;магазин',
      ].join('\n'),
    );
    const t = await createTestDatabase();
    const r = await importFile(t.db, file, { source: 'namesakes' });
    expect(r.rejected).toBe(0);
    const customers = await t.db.prisma.customer.findMany({
      where: { source: 'namesakes' },
      select: {
        externalId: true,
        name: true,
        phone: true,
        acquisitionChannel: true,
        _count: { select: { orders: true } },
      },
      orderBy: { externalId: 'asc' },
    });
    // The phone is kept (as digits, as a customers file keeps it): the client can link their
    // Telegram account by sharing it, and staff find them by it.
    expect(customers.map((c) => c.phone)).toEqual([
      '79035554433',
      '79120001122',
      '79990000001',
      null,
    ]);
    expect(await linkByPhone(t.db.prisma, 777n, '+7 (903) 555-44-33')).toMatchObject({
      name: 'Иванова Мария',
    });
    // The channel of a customer's first order is where they came from.
    const rows = customers.map((c) => [
      c.externalId,
      c.name,
      c._count.orders,
      c.acquisitionChannel,
    ]);
    expect(rows).toEqual([
      ['+7 903 555-44-33', 'Иванова Мария', 1, 'web'],
      ['+7 912 000-11-22', 'Иванова Мария', 2, 'app'],
      // A code is no name; a row without a phone keeps the column's value as the identity.
      ['+7 999 000-00-01', null, 1, 'offline'],
      ['К-0042', null, 1, null],
    ]);
    await t.drop();
    const dry = await cli([file, '--kind', 'transactions', '--dry-run'], {
      DATABASE_URL: '',
      DATA_DIR: path.join(dir, 'data'),
    });
    expect(dry.stderr).toContain('Телефон → customerId');
    expect(dry.stderr).toContain('Клиент → customerName');
  });

  it('exits 1 when every row is rejected, with the rejects beside the input', async () => {
    const dir = await scratchDir();
    const file = path.join(dir, 'заказы.csv');
    await copyFile(path.join(fixtures, 'russian-shop-orders.csv'), file);
    // Its dates are dd.mm.yyyy: read as yyyymmdd, none is a date, so every row fails.
    const r = await cli([file, '--kind', 'transactions', '--date-format', 'yyyymmdd'], {
      DATABASE_URL: '',
      DATA_DIR: path.join(dir, 'data'),
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('every row was rejected');
    expect((await stat(`${file}.rejects.csv`)).size).toBeGreaterThan(0);
  });

  it('maps Cyrillic column names given with --map', async () => {
    const dir = await scratchDir();
    const r = await cli(
      [
        path.join(fixtures, 'russian-shop-orders.csv'),
        '--kind',
        'transactions',
        '--dry-run',
        '--map',
        'Телефон=customerId',
      ],
      { DATABASE_URL: '', DATA_DIR: dir },
    );
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('Телефон → customerId');
    expect(r.stderr).toContain('Кол-во → quantity');
  });
});
