// The baselines a churn model must beat, on a snapshot small enough to work by hand. Rows are
// [days since the last order, order days, revenue]; the fitting, validation and held-out rows
// are the same six, so the ranks are the ones below.
//
//   row  recency  order days  revenue  label   ranks: recency  −days  −revenue   sum
//   A    10       5           500      0              1        1      1          3
//   B    40       2           100      1              5        4.5    5         14.5
//   C    25       3           300      0              3        3      2          8
//   D    60       1            50      1              6        6      6         18
//   E    30       4           200      1              4        2      3          9
//   F    20       2           150      0              2        4.5    4         10.5
//
// ROC-AUC over the 9 (churned, kept) pairs, ties counting half:
//   recency: every churned row is later than every kept one → 9/9 = 1
//   frequency: B beats A, C, ties F (2.5); D beats all (3); E beats A only (1) → 6.5/9
//   RFM rank sum: B and D beat all (6); E beats A and C (2) → 8/9
import { describe, expect, it } from 'vitest';
import { fitBaselines, fitLogistic } from '../src/churn/baselines.ts';
import { rocAuc } from '../src/evaluate.ts';
import { createRng } from '../src/random.ts';

const X = [
  [10, 5, 500],
  [40, 2, 100],
  [25, 3, 300],
  [60, 1, 50],
  [30, 4, 200],
  [20, 2, 150],
];
const y = [0, 1, 0, 1, 1, 0];

describe('churn baselines', () => {
  it('rank customers as the rules say, worked by hand', () => {
    const split = { fit: { X, y }, validation: { X, y } };
    const auc = Object.fromEntries(
      fitBaselines(split).map((m) => [m.name, rocAuc(y, m.predict(X))]),
    );
    expect(auc.recency).toBeCloseTo(1, 10);
    expect(auc.frequency).toBeCloseTo(6.5 / 9, 10);
    expect(auc.rfm_rank_sum).toBeCloseTo(8 / 9, 10);
    // A row scores the same alone as among others (its rank is against the fitting rows).
    const [recency] = fitBaselines(split);
    expect(recency!.predict([X[3]!])[0]).toBeCloseTo(recency!.predict(X)[3]!, 12);
  });

  it('fits a logistic regression that recovers known weights', () => {
    const rng = createRng(7);
    const rows: number[][] = [];
    const labels: number[] = [];
    for (let i = 0; i < 20_000; i++) {
      const a = rng.next() * 4 - 2;
      const b = rng.next() * 4 - 2;
      rows.push([a, b]);
      labels.push(rng.next() < 1 / (1 + Math.exp(-(0.5 + 1.5 * a - 1 * b))) ? 1 : 0);
    }
    const [w0, w1, w2] = fitLogistic(rows, labels);
    expect(w0).toBeCloseTo(0.5, 1);
    expect(w1).toBeCloseTo(1.5, 1);
    expect(w2).toBeCloseTo(-1, 1);
  });
});
