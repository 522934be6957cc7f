// The counters fed from round and import summaries, read back from the registry.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createTestDatabase, type TestDatabase } from '@retention/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppMetrics } from '../src/lib/metrics.ts';
import { importFile, scratchDir } from './helpers/import.ts';
import { samples, value } from './helpers/metrics.ts';

describe('metrics from summaries', () => {
  it('counts a delivery round’s offers by outcome, and a failed round', async () => {
    const m = new AppMetrics();
    m.delivery(0.2, 'ok', {
      sent: 3,
      waiting: 1,
      blocked: 1,
      failed: 0,
      optedOut: 2,
      interrupted: 0,
      expired: 1,
    });
    m.delivery(0.1, 'error');
    const text = await m.registry.metrics();
    const offers = Object.fromEntries(
      samples(text, 'delivery_offers_total').map((s) => [s.labels.outcome, s.value]),
    );
    expect(offers).toEqual({ sent: 3, waiting: 1, blocked: 1, opted_out: 2, expired: 1 });
    expect(value(text, 'delivery_round_duration_seconds_count', { outcome: 'ok' })).toBe(1);
    expect(value(text, 'delivery_round_duration_seconds_count', { outcome: 'error' })).toBe(1);
  });

  it('keeps apps apart: each has its own registry', async () => {
    const a = new AppMetrics();
    const b = new AppMetrics();
    a.ingest('orders', null);
    expect(value(await a.registry.metrics(), 'ingest_batches_total', { result: 'error' })).toBe(1);
    expect(value(await b.registry.metrics(), 'ingest_batches_total')).toBe(0);
  });

  describe('an import run with metrics', () => {
    let t: TestDatabase;
    beforeAll(async () => {
      t = await createTestDatabase();
    });
    afterAll(() => t?.drop());

    it('counts rows read, loaded, duplicate and rejected', async () => {
      const file = path.join(await scratchDir(), 'orders.csv');
      await writeFile(
        file,
        [
          'order_id,customer_id,date,sku,quantity,unit_price',
          'A1,C1,2024-01-05,S1,2,10.00',
          'A2,C1,2024-02-05,S1,1,10.00',
          'A3,C2,2024-13-40,S1,1,10.00',
        ].join('\n'),
      );
      const metrics = new AppMetrics();
      const first = await importFile(t.db, file, { metrics });
      const again = await importFile(t.db, file, { metrics });
      const text = await metrics.registry.metrics();
      const rows = (outcome: string) =>
        value(text, 'import_rows_total', { kind: 'transactions', outcome });
      expect(rows('read')).toBe(first.read + again.read);
      expect(rows('loaded')).toBe(first.loaded + again.loaded);
      expect(rows('duplicate')).toBe(first.duplicates + again.duplicates);
      expect(rows('rejected')).toBe(2);
      expect([first.read, first.loaded, again.loaded]).toEqual([3, 2, 0]);
      expect(again.duplicates).toBeGreaterThan(0);
    });
  });
});
