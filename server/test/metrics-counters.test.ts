// The counters fed from delivery round and ingestion summaries, read back from the registry.
import { describe, expect, it } from 'vitest';
import { AppMetrics } from '../src/lib/metrics.ts';
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
});
