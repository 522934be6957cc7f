import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createTestDatabase, type TestDatabase } from '@retention/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasSharedData, sharedDataDir } from '../../test/requirements.ts';
import { generateTransactions } from '../bench/generate-transactions.ts';
import { importFile, scratchDir, snapshot } from './helpers/import.ts';

describe.skipIf(!hasSharedData())('importing the CDNOW data sets', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t?.drop());
  const cdnow = (name: string) => path.join(sharedDataDir, 'cdnow', name);

  it('loads the 1/10 sample: 2,357 customers, 6,919 lines, $244,091.94', async () => {
    const s = await importFile(t.db, cdnow('CDNOW_sample.txt'), { kind: 'cdnow', source: 'cdnow' });
    expect(s).toMatchObject({ read: 6919, loaded: 6919, rejected: 0, customersCreated: 2357 });
    expect(s.database).toEqual({
      customers: 2357,
      orders: 6919,
      orderLines: 6919,
      revenue: '244091.94',
    });
  });

  it('loads the master file over it: 23,570 customers, 69,659 lines, $2,500,315.63', async () => {
    const s = await importFile(t.db, cdnow('CDNOW_master.txt'), {
      kind: 'cdnow',
      source: 'cdnow',
      batchSize: 10_000,
    });
    expect(s).toMatchObject({ read: 69_659, rejected: 0, duplicates: 6919, loaded: 69_659 - 6919 });
    expect(s.database).toEqual({
      customers: 23_570,
      orders: 69_659,
      orderLines: 69_659,
      revenue: '2500315.63',
    });
  });

  it('changes nothing when the same file is imported again', async () => {
    const before = await snapshot(t.db);
    const s = await importFile(t.db, cdnow('CDNOW_master.txt'), {
      kind: 'cdnow',
      source: 'cdnow',
      batchSize: 10_000,
    });
    expect(s).toMatchObject({
      loaded: 0,
      duplicates: 69_659,
      ordersCreated: 0,
      customersCreated: 0,
    });
    expect(await snapshot(t.db)).toEqual(before);
  });
});

describe('importing transactions files', () => {
  let t: TestDatabase;
  let dir: string;
  beforeAll(async () => {
    t = await createTestDatabase();
    dir = await scratchDir();
  });
  afterAll(() => t?.drop());

  it('loads every good row, reports each bad one by line and column, and leaves stored data alone', async () => {
    const good = path.join(dir, 'good.csv');
    await writeFile(
      good,
      'order_id,customer_id,date,sku,quantity,unit_price\nA1,C1,2024-01-05,S1,2,10.00\n',
    );
    await importFile(t.db, good);
    const before = await snapshot(t.db);

    const messy = path.join(dir, 'messy.csv');
    await writeFile(
      messy,
      [
        'order_id,customer_id,date,sku,quantity,unit_price', // line 1
        'B1,C2,2024-02-01,S1,1,10.00', // 2 good
        'B2,C2,2024-13-40,S1,1,10.00', // 3 bad date
        'B3,C3,2024-02-03,S2,two,5.00', // 4 text in a number
        ',C3,2024-02-03,S2,1,5.00', // 5 missing order id
        'B5,C4,2024-02-04,S2', // 6 wrong column count
        'B6,C5,2024-02-05,S3,1,abc', // 7 bad price
        'B7,C5,2024-02-06,S3,3,2.50', // 8 good
        'A1,C1,2024-01-05,S9,5,99.00', // 9 good: a new line for an existing order id
      ].join('\n'),
    );
    const report = path.join(dir, 'report.csv');
    const s = await importFile(t.db, messy, { reportPath: report, maxErrors: 3 });
    expect(s).toMatchObject({ read: 8, loaded: 3, rejected: 5, failed: true });
    const rows = (await readFile(report, 'utf8')).trim().split('\n').slice(1);
    expect(rows.map((r) => r.split(',').slice(0, 2).join(','))).toEqual([
      '3,date',
      '4,quantity',
      '5,order_id',
      '6,row',
      '7,unit_price',
    ]);
    expect(rows[0]).toMatch(/"2024-13-40" is not a date|no such date/);
    const a1 = await t.db.prisma.order.findFirstOrThrow({
      where: { externalId: 'A1' },
      include: { items: true },
    });
    expect(Number(before?.customers)).toBe(1);
    expect(a1.placedAt.toISOString()).toBe('2024-01-05T00:00:00.000Z');
    expect(a1.total.toFixed(2)).toBe('515.00'); // its total now covers both of its lines
  });

  it('detects BOM, semicolons and quotes, maps columns, and records cancellations and returns', async () => {
    const file = path.join(dir, 'retail.csv');
    await writeFile(
      file,
      '\uFEFFInvoiceNo;StockCode;Description;Quantity;InvoiceDate;UnitPrice;CustomerID;Country\n' +
        '536365;85123A;"WHITE HANGING HEART; T-LIGHT";6;2010-12-01 08:26;2.55;17850;United Kingdom\n' +
        'C536379;D;Discount;-1;2010-12-01 09:41;27.50;14527;United Kingdom\n' +
        '536380;22727;"ALARM CLOCK ""BAKELIKE"" RED";-2;2010-12-01 09:45;3.75;17809;France\n',
    );
    const s = await importFile(t.db, file, { source: 'retail' });
    expect(s).toMatchObject({ loaded: 3, rejected: 0 });
    const orders = await t.db.prisma.order.findMany({
      where: { source: 'retail' },
      orderBy: { externalId: 'asc' },
      select: { externalId: true, status: true, total: true, region: true },
    });
    expect(orders.map((o) => [o.externalId, o.status, o.total.toFixed(2)])).toEqual([
      ['536365', 'completed', '15.30'],
      ['536380', 'returned', '-7.50'],
      ['C536379', 'cancelled', '-27.50'],
    ]);
    const product = await t.db.prisma.product.findFirstOrThrow({
      where: { source: 'retail', sku: '22727' },
    });
    expect(product.name).toBe('ALARM CLOCK "BAKELIKE" RED');
  });

  it('takes column names from --map and refuses a file it cannot map', async () => {
    const file = path.join(dir, 'odd.csv');
    await writeFile(file, 'ref,who,when,item,n,each\nX1,K1,20240301,I1,1,3.00\n');
    await expect(importFile(t.db, file)).rejects.toThrow(/no column found for orderId, customerId/);
    const map = {
      ref: 'orderId',
      who: 'customerId',
      when: 'placedAt',
      item: 'sku',
      n: 'quantity',
      each: 'unitPrice',
    };
    const s = await importFile(t.db, file, { map, source: 'odd' });
    expect(s).toMatchObject({ loaded: 1, rejected: 0 });
  });

  it('writes nothing on a dry run, and rejects unknown products in strict mode', async () => {
    const file = path.join(dir, 'strict.csv');
    await writeFile(
      file,
      'order_id,customer_id,date,sku,quantity,unit_price\nZ1,C9,2024-05-01,NEW-SKU,1,1.00\n',
    );
    const before = await snapshot(t.db);
    const dry = await importFile(t.db, file, { dryRun: true });
    expect(dry).toMatchObject({ read: 1, loaded: 0, rejected: 0, dryRun: true });
    expect(await snapshot(t.db)).toEqual(before);
    const strict = await importFile(t.db, file, { strict: true });
    expect(strict).toMatchObject({ loaded: 0, rejected: 1 });
  });

  it('adds up a generated file exactly, whatever the batch size', async () => {
    const file = path.join(dir, 'gen.csv');
    const gen = await generateTransactions(file, 3000);
    const s = await importFile(t.db, file, { source: 'gen', batchSize: 700 });
    expect(s).toMatchObject({ read: 3000, loaded: 3000, rejected: 0 });
    const [sum] = await t.db.prisma.$queryRaw<{ amount: string; orders: bigint }[]>`
      SELECT sum(i.amount)::text AS amount, count(DISTINCT o.id) AS orders
      FROM order_items i JOIN orders o ON o.id = i.order_id WHERE o.source = 'gen'`;
    expect(sum?.amount).toBe((Number(gen.cents) / 100).toFixed(2));
    expect(Number(sum?.orders)).toBe(gen.orders);
  });
});
