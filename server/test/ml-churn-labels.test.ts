// The churn model's two labels on the hand-worked fixture (helpers/analytics-fixture.ts,
// W = 30 days), at the cutoff 2024-02-10 when all eight customers are active:
//
//   customer  after the cutoff                    no order in H days    spell ends by +W
//                                                 H=30   H=15           (DESIGN's churn)
//   A         nothing (spell ends Mar 6)          1      1              1
//   B         nothing (spell ends Feb 19)         1      1              1
//   C         order Mar 1 (exactly W after Jan 31) 0     1              0
//   D         order Feb 15 (W + 1 after Jan 15)   0      0              1 (then back)
//   E         Mar 5 order cancelled               1      1              1 (ends Mar 11)
//   F         contract from Feb 15, no end        0      0              0
//   G         contract ends Feb 20                1      1              1
//   H         contract from Feb 1, no end         0      0              0
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dayOf } from '../src/analytics/periods.ts';
import { churnRows } from '../src/ml/churn/churn-rows.ts';
import { analyticsTestApp, type Letter } from './helpers/analytics-fixture.ts';
import type { TestApp } from './helpers/build-app.ts';

let t: TestApp;
let letterOf: Map<number, Letter>;
beforeAll(async () => {
  const fixture = await analyticsTestApp();
  t = fixture.t;
  letterOf = new Map(Object.entries(fixture.ids).map(([l, id]) => [id, l as Letter]));
});
afterAll(() => t?.close());

async function labels(horizonDays: number) {
  const rows = await churnRows(t.database.db, dayOf('2024-02-10'), 30, horizonDays, 'UTC');
  const out: Record<string, [number, number]> = {};
  for (const r of rows) out[letterOf.get(r.customerId)!] = [r.label, r.spellLabel];
  return out;
}

describe('churn labels', () => {
  it('labels "no order in the next H days" and DESIGN’s churn on known answers', async () => {
    expect(await labels(30)).toEqual({
      A: [1, 1],
      B: [1, 1],
      C: [0, 0],
      D: [0, 1],
      E: [1, 1],
      F: [0, 0],
      G: [1, 1],
      H: [0, 0],
    });
    const short = await labels(15);
    expect(Object.fromEntries(Object.entries(short).map(([k, v]) => [k, v[0]]))).toEqual({
      A: 1,
      B: 1,
      C: 1,
      D: 0,
      E: 1,
      F: 0,
      G: 1,
      H: 0,
    });
  });
});
