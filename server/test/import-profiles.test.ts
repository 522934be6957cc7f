import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createTestDatabase, type TestDatabase } from '@retention/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFile, scratchDir } from './helpers/import.ts';

describe('importing customers and products files', () => {
  let t: TestDatabase;
  let dir: string;
  beforeAll(async () => {
    t = await createTestDatabase();
    dir = await scratchDir();
  });
  afterAll(() => t?.drop());

  it('creates customers, keeps extra columns as attributes, and re-imports as a no-op', async () => {
    const file = path.join(dir, 'crm.csv');
    await writeFile(
      file,
      'Customer ID,Full Name,Email,Phone,Country,Channel,Signup Date,Tier\n' +
        'K1,Ann Lee,ANN@example.com,+7 (900) 111-22-33,Kazakhstan,referral,2024-03-01,gold\n' +
        'K2,Bob Roy,not-an-email,,Russia,ads,2024-03-02,silver\n' +
        'K3,Cid,cid@example.com,,Russia,,,\n',
    );
    const first = await importFile(t.db, file, { kind: 'customers' });
    expect(first).toMatchObject({ read: 3, loaded: 2, rejected: 1, customersCreated: 2 });
    const ann = await t.db.prisma.customer.findFirstOrThrow({ where: { externalId: 'K1' } });
    expect(ann).toMatchObject({
      name: 'Ann Lee',
      email: 'ann@example.com',
      phone: '79001112233',
      region: 'Kazakhstan',
      acquisitionChannel: 'referral',
      attributes: { Tier: 'gold' },
    });
    const updatedAt = ann.updatedAt;
    const again = await importFile(t.db, file, { kind: 'customers' });
    expect(again).toMatchObject({ loaded: 0, duplicates: 2 });
    expect(
      (await t.db.prisma.customer.findFirstOrThrow({ where: { externalId: 'K1' } })).updatedAt,
    ).toEqual(updatedAt);
  });

  it('updates a changed profile', async () => {
    const file = path.join(dir, 'crm2.csv');
    await writeFile(file, 'id,name,region\nK1,Ann Lee-Park,Kazakhstan\n');
    const s = await importFile(t.db, file, { kind: 'customers' });
    expect(s).toMatchObject({ loaded: 1, customersCreated: 0 });
    expect(
      (await t.db.prisma.customer.findFirstOrThrow({ where: { externalId: 'K1' } })).name,
    ).toBe('Ann Lee-Park');
  });

  it('upserts products and records prices only when they change', async () => {
    const file = path.join(dir, 'catalogue.csv');
    await writeFile(
      file,
      'sku,name,category,tags,price\nT1,Green tea,tea,organic|loose,10.00\nM1,Mug,ware,,\n',
    );
    expect(await importFile(t.db, file, { kind: 'products' })).toMatchObject({
      loaded: 2,
      productsCreated: 2,
    });
    const again = await importFile(t.db, file, { kind: 'products' });
    expect(again).toMatchObject({ loaded: 0, duplicates: 2 });
    const tea = await t.db.prisma.product.findFirstOrThrow({
      where: { sku: 'T1' },
      include: { prices: true },
    });
    expect(tea).toMatchObject({ category: 'tea', tags: ['organic', 'loose'] });
    expect(tea.prices.map((p) => p.price.toFixed(2))).toEqual(['10.00']);

    const dated = path.join(dir, 'prices.csv');
    await writeFile(dated, 'sku,name,price,price_from\nT1,Green tea,12.50,2030-01-01\n');
    await importFile(t.db, dated, { kind: 'products' });
    await importFile(t.db, dated, { kind: 'products' });
    const prices = await t.db.prisma.productPrice.findMany({
      where: { productId: tea.id },
      orderBy: { validFrom: 'asc' },
    });
    expect(prices.map((p) => p.price.toFixed(2))).toEqual(['10.00', '12.50']);
  });
});
