// Churn reasons in words: which groups are named, in what order, and how they read.
import { describe, expect, it } from 'vitest';
import { featureNames } from '../src/churn/features.ts';
import { reasonsFor } from '../src/churn/reasons.ts';

const at = (name: (typeof featureNames)[number]) => featureNames.indexOf(name);
const row = (values: Partial<Record<(typeof featureNames)[number], number>>) =>
  featureNames.map((f) => values[f] ?? 0);

describe('churn reasons', () => {
  const typical = row({ order_days: 5, tenure_days: 300, recency_days: 20, mean_gap_days: 30 });
  // Risk here depends on the order count alone: very few or very many orders are risky.
  const predict = (X: number[][]) =>
    X.map((x) => {
      const n = x[at('order_days')] as number;
      return n < 3 ? 0.8 : n > 10 ? 0.9 : 0.1;
    });

  it('names only groups that raise the risk, in en and ru, "only" for fewer orders than typical', () => {
    const few = row({ order_days: 1, tenure_days: 40, recency_days: 40 });
    const many = row({ order_days: 90, tenure_days: 649, recency_days: 35, mean_gap_days: 7 });
    const calm = row({ order_days: 5, tenure_days: 300 });
    const [a, b, c] = reasonsFor([few, many, calm], predict([few, many, calm]), typical, predict);
    expect(a?.map((r) => r.group)).toEqual(['frequency']);
    expect(a?.[0]).toMatchObject({
      impact: 0.7,
      en: 'only 1 order in 40 days as a customer',
      ru: 'всего 1 заказ за 40 дней',
    });
    expect(b?.[0]).toMatchObject({
      group: 'frequency',
      en: '90 orders in 649 days as a customer',
      ru: '90 заказов за 649 дней',
    });
    expect(c).toEqual([]);
  });

  it('writes spend in the business currency, with its sign where each language puts it', () => {
    const risky = (X: number[][]) =>
      X.map((x) => ((x[at('revenue_90')] as number) < 100 ? 0.7 : 0.1));
    const typicalSpend = row({ revenue_90: 1500, order_days: 5 });
    const low = row({ revenue_90: 20, order_days: 5 });
    const rub = reasonsFor([low], risky([low]), typicalSpend, risky, { currency: 'RUB' })[0]![0]!;
    // Intl puts no-break spaces between digit groups and before the sign.
    const spaced = (t: string) => t.replace(/\s/gu, ' ');
    expect(spaced(rub.ru)).toBe('потратил 20 ₽ за последние 90 дней (обычно 1 500 ₽)');
    expect(rub.en).toBe('spent ₽20 in the last 90 days (a typical retained customer: ₽1,500)');
    const plain = reasonsFor([low], risky([low]), typicalSpend, risky)[0]![0]!;
    expect(plain.en).toBe('spent 20 in the last 90 days (a typical retained customer: 1,500)');
  });
});
