import { readdir } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appliedMigrations } from '../src/applied-migrations.ts';
import { diffMigrationsToSchema, migrationsDir } from '../src/migrate.ts';
import { createTestDatabase, type TestDatabase } from '../src/testing.ts';

describe('migrations', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t?.drop());

  it('apply every migration in prisma/migrations to an empty database', async () => {
    const onDisk = (await readdir(migrationsDir, { withFileTypes: true }))
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
      .sort();
    expect(onDisk.length).toBeGreaterThan(0);
    expect(await appliedMigrations(t.db.prisma)).toEqual(onDisk);
  });

  it('are recorded, so applying again changes nothing', async () => {
    expect(await t.db.migrate()).toEqual([]);
  });

  it('build the schema the client expects (every model can be queried)', async () => {
    const p = t.db.prisma;
    const counts = await Promise.all([
      p.customer.count(),
      p.staff.count(),
      p.product.count(),
      p.productPrice.count(),
      p.order.count(),
      p.orderItem.count(),
      p.contract.count(),
      p.event.count(),
      p.offer.count(),
      p.offerAssignment.count(),
      p.campaign.count(),
      p.campaignMember.count(),
      p.modelRun.count(),
      p.customerScore.count(),
      p.auditLog.count(),
      p.apiKey.count(),
    ]);
    expect(counts.every((c) => c === 0)).toBe(true);
  });

  it('agree with schema.prisma: a fresh diff is empty', async () => {
    expect(await diffMigrationsToSchema()).toBe('');
  });

  it('enforce the natural keys that make imports idempotent', async () => {
    const p = t.db.prisma;
    await p.customer.create({ data: { source: 'shop', externalId: 'X1' } });
    await p.customer.create({ data: { source: 'crm', externalId: 'X1' } });
    await expect(
      p.customer.create({ data: { source: 'shop', externalId: 'X1' } }),
    ).rejects.toThrow();
  });
});
