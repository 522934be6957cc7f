// Why a customer is at risk, in plain words (en and ru). Features are grouped by what they say
// (recency, frequency, trend, spend...); a group's weight for one customer is how much the
// churn probability falls when the group's features are set to those of a typical retained
// customer. The three heaviest groups that raise the risk become the reasons.
import { countOf, formatAmount, formatCount } from '@retention/contracts';
import { type FeatureName, featureNames, named, noEvents } from './features.ts';

export interface Reason {
  group: string;
  /** Probability points this group adds to the customer's risk. */
  impact: number;
  en: string;
  ru: string;
}

type Values = Record<FeatureName, number>;

interface Group {
  name: string;
  features: FeatureName[];
  text: (v: Values, typical: Values, money: Money) => { en: string; ru: string };
}

// Counts with their words (Intl.PluralRules) and whole sums, as the product writes them.
const days = {
  en: (n: number) => countOf(Math.round(n), 'days', 'en'),
  ru: (n: number) => countOf(Math.round(n), 'days', 'ru'),
};
const orders = {
  en: (n: number) => countOf(Math.round(n), 'orders', 'en'),
  ru: (n: number) => countOf(Math.round(n), 'orders', 'ru'),
};
const categoriesRu = {
  one: 'категория',
  few: 'категории',
  many: 'категорий',
  other: 'категории',
};
const returnedRu = {
  one: 'заказ возвращён или отменён',
  few: 'заказа возвращены или отменены',
  many: 'заказов возвращены или отменены',
  other: 'заказа возвращены или отменены',
};

type Money = Record<'en' | 'ru', (v: number) => string>;
/** Whole sums in the business's currency (none: plain numbers). */
const moneyIn = (currency: string | null): Money => ({
  en: (v) => formatAmount(v, 'en', currency, 0),
  ru: (v) => formatAmount(v, 'ru', currency, 0),
});

const groups: Group[] = [
  {
    name: 'recency',
    features: ['recency_days', 'overdue_ratio', 'mean_gap_days', 'gap_trend', 'gap_cv'],
    text: (v) => {
      if (v.order_days === 0) return { en: 'no orders yet', ru: 'ещё не было заказов' };
      if (v.order_days === 1) {
        return {
          en: `no order for ${days.en(v.recency_days)} since the first one`,
          ru: `нет заказов ${days.ru(v.recency_days)} после первого`,
        };
      }
      if (v.recency_days <= v.mean_gap_days) {
        return {
          en: `orders only every ${days.en(v.mean_gap_days)} on average`,
          ru: `заказывает в среднем раз в ${days.ru(v.mean_gap_days)}`,
        };
      }
      return {
        en: `no order for ${days.en(v.recency_days)}; usually orders every ${Math.round(v.mean_gap_days)}`,
        ru: `нет заказов ${days.ru(v.recency_days)}; обычно заказывает раз в ${days.ru(v.mean_gap_days)}`,
      };
    },
  },
  {
    name: 'frequency',
    features: ['order_days', 'tenure_days'],
    // "only" where the customer ordered less often than a typical retained one: for a heavy
    // buyer the same facts raise the risk through their rhythm, not their count.
    text: (v, t) =>
      v.order_days <= t.order_days
        ? {
            en: `only ${orders.en(v.order_days)} in ${days.en(v.tenure_days)} as a customer`,
            ru: `всего ${orders.ru(v.order_days)} за ${days.ru(v.tenure_days)}`,
          }
        : {
            en: `${orders.en(v.order_days)} in ${days.en(v.tenure_days)} as a customer`,
            ru: `${orders.ru(v.order_days)} за ${days.ru(v.tenure_days)}`,
          },
  },
  {
    name: 'trend',
    features: ['order_days_90', 'order_days_prev_90'],
    text: (v) => ({
      en: `${orders.en(v.order_days_90)} in the last 90 days, ${v.order_days_prev_90} in the 90 before`,
      ru: `${orders.ru(v.order_days_90)} за последние 90 дней, ${v.order_days_prev_90} за 90 дней до них`,
    }),
  },
  {
    name: 'spend',
    features: ['revenue', 'revenue_90', 'order_value', 'spend_trend_90', 'basket_trend'],
    text: (v, t, money) => ({
      en: `spent ${money.en(v.revenue_90)} in the last 90 days (a typical retained customer: ${money.en(t.revenue_90)})`,
      ru: `потратил ${money.ru(v.revenue_90)} за последние 90 дней (обычно ${money.ru(t.revenue_90)})`,
    }),
  },
  {
    name: 'season',
    features: ['year_ago_days'],
    text: (v) =>
      v.year_ago_days === 0
        ? {
            en: 'did not order in the coming weeks’ season a year ago',
            ru: 'год назад в это же время года не заказывал',
          }
        : {
            en: `${orders.en(v.year_ago_days)} in the coming weeks’ season a year ago`,
            ru: `${orders.ru(v.year_ago_days)} год назад в это же время года`,
          },
  },
  {
    name: 'range',
    features: ['categories_180'],
    text: (v) => ({
      en: `${formatCount(v.categories_180, { one: 'product category', other: 'product categories' }, 'en')} in the last 180 days`,
      ru: `${formatCount(v.categories_180, categoriesRu, 'ru')} товаров за последние 180 дней`,
    }),
  },
  {
    name: 'channels',
    features: ['online_share', 'channels_used'],
    text: (v) => ({
      en: `${Math.round(v.online_share * 100)}% of orders online, ${formatCount(v.channels_used, { one: 'channel', other: 'channels' }, 'en')} used`,
      ru: `${Math.round(v.online_share * 100)}% заказов онлайн, каналов: ${v.channels_used}`,
    }),
  },
  {
    name: 'engagement',
    features: ['event_days_30', 'event_days_prev_60', 'days_since_event'],
    text: (v) => {
      if (v.days_since_event >= noEvents) {
        return {
          en: 'no app or site activity on record',
          ru: 'нет активности в приложении и на сайте',
        };
      }
      if (v.event_days_30 === 0) {
        return {
          en: `no app or site activity for ${days.en(v.days_since_event)}`,
          ru: `нет активности в приложении и на сайте ${days.ru(v.days_since_event)}`,
        };
      }
      return {
        en: `active on ${days.en(v.event_days_30)} in the last 30, ${v.event_days_prev_60} in the 60 before`,
        ru: `активен ${days.ru(v.event_days_30)} за последние 30, ${v.event_days_prev_60} за 60 до них`,
      };
    },
  },
  {
    name: 'contract',
    features: ['live_contract', 'mrr', 'mrr_change_90'],
    text: (v, _t, money) => {
      if (v.live_contract === 0)
        return { en: 'no active subscription', ru: 'нет активной подписки' };
      if (v.mrr_change_90 < 0) {
        return {
          en: `subscription cut by ${money.en(-v.mrr_change_90)} a month in the last 90 days`,
          ru: `подписка уменьшена на ${money.ru(-v.mrr_change_90)} в месяц за последние 90 дней`,
        };
      }
      return {
        en: `subscription of ${money.en(v.mrr)} a month`,
        ru: `подписка на ${money.ru(v.mrr)} в месяц`,
      };
    },
  },
  {
    name: 'offers',
    features: ['offers_365', 'offers_redeemed_365'],
    text: (v) =>
      v.offers_365 === 0
        ? { en: 'no offers in the last year', ru: 'не получал предложений за последний год' }
        : {
            en: `used ${v.offers_redeemed_365} of ${v.offers_365} offers in the last year`,
            ru: `использовал ${v.offers_redeemed_365} из ${v.offers_365} предложений за год`,
          },
  },
  {
    name: 'returns',
    features: ['returns_180'],
    text: (v) => ({
      en: `${orders.en(v.returns_180)} returned or cancelled in the last 180 days`,
      ru: `${formatCount(Math.round(v.returns_180), returnedRu, 'ru')} за 180 дней`,
    }),
  },
];

/** Smallest impact (probability points) worth naming. */
const minImpact = 0.005;

/** Per-feature medians of the given rows: the "typical" values reasons compare against. */
export function typicalValues(rows: number[][]): number[] {
  return featureNames.map((_, f) => {
    const v = rows.map((r) => r[f] ?? 0).sort((a, b) => a - b);
    if (v.length === 0) return 0;
    const mid = v.length >> 1;
    return v.length % 2 ? (v[mid] as number) : ((v[mid - 1] as number) + (v[mid] as number)) / 2;
  });
}

const indexOf = new Map<FeatureName, number>(featureNames.map((f, i) => [f, i]));

/**
 * Top reasons for each row, given the model's probabilities (`predict`) and the typical values.
 * Rows are handled in chunks so the counterfactual copies stay small.
 */
export function reasonsFor(
  rows: number[][],
  probabilities: number[],
  typical: number[],
  predict: (X: number[][]) => number[],
  o: { top?: number; currency?: string | null } = {},
): Reason[][] {
  const top = o.top ?? 3;
  const money = moneyIn(o.currency ?? null);
  const typicalNamed = named(typical);
  const out: Reason[][] = [];
  const chunk = 2000;
  for (let start = 0; start < rows.length; start += chunk) {
    const part = rows.slice(start, start + chunk);
    const copies: number[][] = [];
    for (const x of part) {
      for (const g of groups) {
        const y = x.slice();
        for (const f of g.features)
          y[indexOf.get(f) as number] = typical[indexOf.get(f) as number] as number;
        copies.push(y);
      }
    }
    const counterfactual = predict(copies);
    part.forEach((x, i) => {
      const p = probabilities[start + i] as number;
      const values = named(x);
      const reasons = groups
        .map((g, j) => ({ g, impact: p - (counterfactual[i * groups.length + j] as number) }))
        .filter((r) => r.impact >= minImpact)
        .sort((a, b) => b.impact - a.impact)
        .slice(0, top)
        .map(({ g, impact }) => ({
          group: g.name,
          impact: Math.round(impact * 1000) / 1000,
          ...g.text(values, typicalNamed, money),
        }));
      out.push(reasons);
    });
  }
  return out;
}
