// The KPI catalogue (@retention/contracts) is what the Mini App's cards, the bot's /analytics
// and the digests show; the dashboard report computes the values. A KPI is added in those two
// places: this holds them in step, so a catalogue entry without a value (or one of the wrong
// kind) fails here rather than as an empty card.
import { kpiCatalogue } from '@retention/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoTestApp } from './helpers/demo-app.ts';
import { people, tma } from './helpers/fixtures.ts';

describe('the KPI catalogue and the dashboard report', () => {
  let t: Awaited<ReturnType<typeof demoTestApp>>;
  beforeAll(async () => {
    t = await demoTestApp(200);
  }, 300_000);
  afterAll(async () => t?.close());

  it('has a value of its kind in the dashboard report for every KPI it lists', async () => {
    const res = await t.app.inject({
      url: '/api/v1/analytics/dashboard',
      headers: tma(people.admin),
    });
    expect(res.statusCode).toBe(200);
    const kpis = res.json().kpis as Record<string, { value: number | string | null }>;
    for (const entry of kpiCatalogue) {
      expect(kpis, entry.key).toHaveProperty(entry.key);
      const value = kpis[entry.key]?.value;
      if (value === null || value === undefined) continue; // NRR/GRR without contracts
      if (entry.kind === 'money') expect(value, entry.key).toMatch(/^-?\d+\.\d{2}$/);
      else expect(typeof value, entry.key).toBe('number');
      if (entry.kind === 'int') expect(Number.isInteger(value), entry.key).toBe(true);
    }
  });
});
