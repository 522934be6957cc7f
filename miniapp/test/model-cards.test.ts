// The model cards' lines on the dashboard: which churn model scores and why, and how the CLV
// forecast did, in both languages.
import { describe, expect, it } from 'vitest';
import { modelText } from '../src/features/dashboard/components/at-risk';
import { clvCheckText } from '../src/features/dashboard/components/ltv-block';

const evaluation = (rocAuc: number) => ({ rocAuc }) as never;
const card = (treeServes: boolean) =>
  ({
    models: { random_forest: evaluation(0.68), gradient_boosting: evaluation(0.709) },
    baselines: {
      recency: evaluation(0.58),
      frequency: evaluation(0.704),
      rfm_rank_sum: evaluation(0.698),
      logistic_rfm: evaluation(0.7092),
    },
    verdict: {
      bestTree: 'gradient_boosting',
      bestBaseline: 'logistic_rfm',
      lift: treeServes ? 0.05 : -0.0001,
      minLift: 0.02,
      treeServes,
    },
  }) as never;

describe('model cards', () => {
  it('says when the simple rule serves because the trees did not beat it', () => {
    expect(modelText(card(false), 'en')).toBe(
      'Scoring: the simple rule "logistic regression on RFM", ROC-AUC 0.709 on held-out customers. The tree models (gradient boosting, 0.709) are not 0.02 better, as they must be to serve.',
    );
    expect(modelText(card(false), 'ru')).toBe(
      'Оценивает простое правило «логистическая регрессия по RFM»: ROC-AUC 0,709 на отложенных клиентах. Модели на деревьях (градиентный бустинг, 0,709) не лучше него на 0,02, как нужно, чтобы их использовать.',
    );
    expect(modelText(card(true), 'en')).toMatch(
      /^Scoring: gradient boosting, ROC-AUC 0\.709 .*\(logistic regression on RFM, 0\.709\) by 0\.05\.$/,
    );
    // Runs made before baselines existed have no verdict: no line.
    expect(modelText({ ...(card(true) as object), verdict: null } as never, 'en')).toBeNull();
  });

  it('gives the CLV holdout against the past rate, and the seasons verdict', () => {
    const forecast = (
      expected: number,
      biasPct: number,
      spearman: number,
      topDecile: number | null,
    ) => ({ expected, biasPct, spearman, topDecile });
    const clv = (topModel: number | null, topNaive: number | null) =>
      ({
        holdout: {
          horizonDays: 90,
          actual: 5619,
          model: forecast(6188, 10.12, 0.406, topModel),
          naiveRate: forecast(8385, 49.2, 0.43, topNaive),
          seasonal: null,
        },
        seasonality: { detected: false, months: 18 },
      }) as never;
    expect(clvCheckText(clv(0.545, 0.533), 'en')).toBe(
      "CLV checked on the last 90 days: the model expected 6,188 purchase days (+10.1%), 5,619 happened; each customer's past rate would have said 8,385 (+49.2%). Rank correlation per customer: model 0.41, past rate 0.43. The 10% of customers it ranks highest made 55% of those purchases (the past rate's top 10%: 53%). Seasons not checked (18 months of data; needs 24): a forecast over a peak season may be off.",
    );
    expect(clvCheckText(clv(0.545, 0.533), 'ru')).toMatch(
      /^Проверка CLV на последних 90 днях: модель ждала 6\s188 дней с покупками \(\+10,1 %\), было 5\s619;.* 10% клиентов, которых модель ставит выше всех, сделали 55\s%/u,
    );
    // A run made before the top-decile share was measured: no such sentence.
    expect(clvCheckText(clv(null, null), 'en')).toMatch(/past rate 0\.43\. Seasons not checked/);
    expect(clvCheckText({ holdout: null, seasonality: null } as never, 'en')).toBeNull();
  });
});
