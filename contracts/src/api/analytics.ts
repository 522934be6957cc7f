// /api/v1/analytics: the filters every report takes and the reports' answers. The server's
// report threads write these answers as JSON bytes (server/src/analytics/reports.ts) that no
// route validates: the tests hold the reports to these schemas.
import { z } from 'zod';
import { definitionKeys } from '../definitions.ts';
import { churnBaselines, churnTrees } from '../vocabulary.ts';
import { Id, IsoDate, Label, Money, Pagination, Rate, ReasonBody } from './common.ts';

/** The same filters and period on every analytics route. Unknown parameters are refused. */
export const AnalyticsQuery = z
  .object({
    from: IsoDate.optional().describe('first day (inclusive); default: 12 periods back'),
    to: IsoDate.optional().describe('last day (inclusive); default and maximum: today'),
    granularity: z.enum(['week', 'month']).default('month'),
    region: Label.optional().describe('customer region (scoped managers: always their own)'),
    channel: Label.optional().describe('customer acquisition channel'),
    segment: Label.optional().describe(
      'RFM segment (champions, loyal, potential_loyalists, new, at_risk, cant_lose, hibernating, lost) or a segment of the latest segmentation run',
    ),
    plan: Label.optional().describe('customers with a contract on this plan during the range'),
    audience: Id.optional().describe(
      'members of this saved audience (GET /api/v1/audiences); a live one is brought up to date first',
    ),
  })
  .strict();

/** The values each filter above accepts, in the viewer's scope. */
export const FilterOptions = z.object({
  regions: z.array(z.string()).describe('customer regions (a scoped manager: their own)'),
  channels: z.array(z.string()).describe('acquisition channels of the customers in scope'),
  segments: z
    .array(
      z.object({
        value: z.string().describe('what `segment` takes'),
        name: z.string(),
        kind: z.enum(['rfm', 'model']),
      }),
    )
    .describe('the eight RFM segments, then the segments of the latest segmentation run'),
  plans: z.array(z.string()).describe('contract plans of the customers in scope'),
});

export const BreakdownQuery = AnalyticsQuery.extend({
  by: z.enum(['region', 'channel', 'segment']).default('region'),
}).strict();

const MaybeMoney = Money.nullable();

/** What a report counted and how: shown under every block. */
export const ReportDefinition = z.object({
  keys: z
    .array(z.enum(definitionKeys))
    .describe(
      'the definitions this block uses (their texts in both languages are in @retention/contracts)',
    ),
  text: z.string().describe('the definitions in English'),
  windowDays: z.number().int(),
  timeZone: z.string(),
  granularity: z.enum(['week', 'month']),
  from: IsoDate,
  to: IsoDate,
  asOf: IsoDate,
  filters: z.object({
    region: z.string().nullable(),
    channel: z.string().nullable(),
    segment: z.string().nullable(),
    segmentKind: z.enum(['rfm', 'model']).nullable(),
    plan: z.string().nullable(),
    audience: z.string().nullable().describe('the saved audience’s name'),
    scope: z.string().nullable(),
  }),
});

export const ReportPeriod = z.object({ start: IsoDate, end: IsoDate, partial: z.boolean() });

export const PeriodActivity = z.object({
  activeAtStart: z.number().int(),
  activeAtEnd: z.number().int(),
  activeInPeriod: z.number().int(),
  newCustomers: z.number().int(),
  churnedCustomers: z.number().int(),
  churnRate: Rate,
  retentionRate: Rate,
  orders: z.number().int(),
  buyers: z.number().int(),
  revenue: Money,
  aov: MaybeMoney,
  arpu: MaybeMoney,
});

const RevenueRetention = z.object({
  customersAtStart: z.number().int(),
  customersKept: z.number().int(),
  mrrAtStart: Money,
  mrrKept: Money,
  expansion: Money,
  contraction: Money,
  churned: Money,
  newMrr: Money,
  mrrAtEnd: Money,
  nrr: Rate,
  grr: Rate,
});

export const ChurnReport = z.object({
  definition: ReportDefinition,
  periods: z.array(
    PeriodActivity.extend({ period: ReportPeriod, revenueRetention: RevenueRetention }),
  ),
});

/** One KPI of the dashboard: its value now, before, and the change. */
export const KpiFigure = z.object({
  value: z.union([z.number(), z.string()]).nullable(),
  previous: z.union([z.number(), z.string()]).nullable(),
  delta: z.union([z.number(), z.string()]).nullable(),
  deltaPct: z.number().nullable(),
});

export const DashboardReport = z.object({
  definition: ReportDefinition,
  period: z.object({ from: IsoDate, to: IsoDate }),
  previousPeriod: z.object({ from: IsoDate, to: IsoDate }),
  kpis: z.record(z.string(), KpiFigure),
  series: z.array(
    z.object({
      period: ReportPeriod,
      activeAtEnd: z.number().int(),
      newCustomers: z.number().int(),
      churnedCustomers: z.number().int(),
      churnRate: Rate,
      revenue: Money,
    }),
  ),
});

export const RetentionReport = z.object({
  definition: ReportDefinition,
  periods: z.array(ReportPeriod),
  cohorts: z.array(
    z.object({
      period: ReportPeriod,
      size: z.number().int(),
      revenue: Money,
      cells: z.array(
        z.object({
          k: z.number().int(),
          period: ReportPeriod,
          customers: z.number().int(),
          share: Rate,
          onOrAfter: z.number().int(),
          onOrAfterShare: Rate,
          revenue: Money,
          revenueShare: Rate,
        }),
      ),
    }),
  ),
});

export const RetentionCurveReport = z.object({
  definition: ReportDefinition,
  points: z.array(
    z.object({
      k: z.number().int(),
      cohorts: z.number().int(),
      customers: z.number().int(),
      retention: Rate,
      onOrAfter: Rate,
      revenueRetention: Rate,
    }),
  ),
});

export const LtvReport = z.object({
  definition: ReportDefinition,
  historical: z.array(
    z.object({
      k: z.number().int(),
      cohorts: z.number().int(),
      customers: z.number().int(),
      cumulativeRevenuePerCustomer: MaybeMoney,
    }),
  ),
  simple: z.object({
    months: z.number().int(),
    monthlyArpu: MaybeMoney,
    monthlyChurnRate: Rate,
    grossMargin: z.number(),
    ltv: MaybeMoney,
    reason: z.string().nullable(),
  }),
});

export const RfmReport = z.object({
  definition: ReportDefinition,
  customers: z.number().int(),
  segments: z.array(
    z.object({
      slug: z.string(),
      name: z.string(),
      customers: z.number().int(),
      share: Rate,
      revenue: Money,
      meanRecencyDays: z.number().nullable(),
      meanFrequency: z.number().nullable(),
      meanMonetary: MaybeMoney,
      meanMonetaryScore: z.number().nullable(),
    }),
  ),
  grid: z.array(
    z.object({
      r: z.number().int(),
      f: z.number().int(),
      segment: z.string(),
      customers: z.number().int(),
    }),
  ),
});

export const LifecycleReport = z.object({
  definition: ReportDefinition,
  periods: z.array(
    z.object({
      period: ReportPeriod,
      newCustomers: z.number().int(),
      returning: z.number().int(),
      resurrecting: z.number().int(),
      dormant: z.number().int(),
      quickRatio: z.number().nullable(),
    }),
  ),
});

export const StickinessReport = z.object({
  definition: ReportDefinition,
  periods: z.array(
    z.object({
      period: ReportPeriod,
      averageDau: z.number(),
      mau: z.number().int(),
      dauOverMau: Rate,
    }),
  ),
});

const Outcome = z.object({
  members: z.number().int(),
  retained: z.number().int(),
  retention: Rate,
  revenue: Money,
  revenuePerMember: MaybeMoney,
});

const Interval = z.object({
  estimate: z.number(),
  low: z.number(),
  high: z.number(),
  significant: z.boolean(),
});

export const CampaignsReport = z.object({
  definition: ReportDefinition,
  campaigns: z.array(
    z.object({
      id: z.number().int(),
      name: z.string(),
      status: z.string(),
      offerCode: z.string(),
      offerTitle: z.string(),
      startDay: IsoDate,
      endDay: IsoDate,
      measuredTo: IsoDate,
      controlShare: z.number(),
      sent: z.number().int(),
      opened: z.number().int(),
      redeemed: z.number().int(),
      redemptionRate: Rate,
      target: Outcome,
      control: Outcome,
      retentionUplift: Interval.nullable().describe('target − control retention, 95% interval'),
      revenueUplift: z
        .object({ estimate: Money, low: Money, high: Money, significant: z.boolean() })
        .nullable()
        .describe('target − control revenue per member, 95% interval'),
      incrementalRevenue: MaybeMoney.describe(
        'revenue uplift per member × targeted members: the revenue the campaign added',
      ),
      discountCost: Money.describe(
        'cost of the redeemed offers: percent discounts as total × p ÷ (100 − p), amounts, gift costs',
      ),
      roi: z
        .number()
        .nullable()
        .describe('(incremental revenue − cost) ÷ cost; null without cost or uplift'),
      weeks: z
        .array(
          z.object({
            day: IsoDate.describe('the week’s last day (the last measured one while it runs)'),
            targetRetention: Rate.describe('targeted members with an order from the start to day'),
            controlRetention: Rate,
            redeemed: z.number().int().describe('redemptions from the start to day'),
          }),
        )
        .describe('week by week from the start: the results over time'),
    }),
  ),
});

export const BreakdownReport = z.object({
  definition: ReportDefinition.extend({ by: z.enum(['region', 'channel', 'segment']) }),
  rows: z.array(PeriodActivity.extend({ key: z.string().nullable() })),
  total: PeriodActivity,
});

/** What a model's figures cover: a fit over every customer, the same for every viewer. */
const BusinessWide = z
  .literal('business')
  .describe(
    'these figures come from a model fit over every customer of the business, the same for every viewer (a region-scoped manager too)',
  );

export const SegmentsReport = z.object({
  definition: ReportDefinition,
  run: z
    .object({
      scope: BusinessWide.describe('k, silhouette and DBSCAN eps/minPts are business-wide'),
      id: z.number().int(),
      asOf: IsoDate,
      finishedAt: z.string().nullable(),
      k: z.number().int(),
      silhouette: z.array(z.object({ k: z.number().int(), silhouette: z.number() })),
      dbscan: z
        .object({
          eps: z.number(),
          minPts: z.number().int(),
          epsRule: z.string(),
          outliers: z
            .number()
            .int()
            .describe('outliers among the selection’s customers (a scoped manager: the region)'),
        })
        .nullable()
        .describe('DBSCAN outlier detection of the run (null for runs made before it existed)'),
    })
    .nullable(),
  segments: z.array(
    z.object({
      name: z.string(),
      customers: z.number().int(),
      outliers: z.number().int().describe('DBSCAN noise: customers unlike any dense group'),
      share: Rate,
      revenue: Money,
      revenueShare: Rate,
      meanOrders: z.number(),
      meanDaysSinceLastOrder: z.number(),
    }),
  ),
  message: z.string().nullable(),
});

const Estimate = z
  .object({
    elasticity: z.number().describe('% change in units per 1% change in price'),
    se: z.number(),
    low: z.number(),
    high: z.number(),
    observations: z.number().int().describe('price spells with sales'),
  })
  .nullable();

export const ElasticityReport = z.object({
  scope: BusinessWide.describe(
    'products, units, price spells and estimates are the whole business’s, for every viewer',
  ),
  run: z.object({ id: z.number().int(), asOf: IsoDate }).nullable(),
  categories: z.array(
    z.object({ category: z.string(), products: z.number().int(), estimate: Estimate }),
  ),
  products: z.array(
    z.object({
      productId: z.number().int(),
      sku: z.string(),
      name: z.string(),
      category: z.string().nullable(),
      priceSpells: z.number().int(),
      unitsSold: z.number(),
      estimate: Estimate,
      insufficient: z.string().nullable().describe('why there is no own estimate'),
      categoryEstimate: Estimate,
    }),
  ),
  message: z.string().nullable(),
});

const Probability = z.number().min(0).max(1);

export const ChurnRiskQuery = AnalyticsQuery.pick({
  region: true,
  channel: true,
  segment: true,
  plan: true,
  audience: true,
})
  .extend({
    sort: z
      .enum(['risk', 'value'])
      .default('risk')
      .describe('risk = highest probability first; value = highest value at risk first'),
    minProbability: z.coerce.number().min(0).max(1).default(0),
    atRiskOnly: z
      .enum(['true', 'false'])
      .default('false')
      .transform((v) => v === 'true')
      .describe('only customers at or above the model’s operating threshold'),
    ...Pagination.shape,
  })
  .strict();

const Reason = z.object({
  group: z
    .string()
    .describe(
      'recency, frequency, trend, spend, channels, engagement, contract, offers or returns',
    ),
  impact: z
    .number()
    .describe('probability points this reason adds against a typical retained customer'),
  en: z.string(),
  ru: z.string(),
});

const ModelEvaluation = z.object({
  parameters: z.record(z.string(), z.unknown()),
  fitMs: z.number(),
  rocAuc: z.number().describe('on the model’s label: no order in the next H days'),
  spellRocAuc: z
    .number()
    .optional()
    .describe('the same scores against the dashboard’s churn: the active spell ends within W days'),
  prAuc: z.number(),
  brier: z.number(),
  calibration: z.object({
    platt: z.object({ a: z.number(), b: z.number() }),
    reliability: z.array(
      z.object({
        from: z.number(),
        to: z.number(),
        customers: z.number().int(),
        meanPredicted: z.number().nullable(),
        observedRate: z.number().nullable(),
      }),
    ),
  }),
  atThreshold: z.object({
    threshold: z.number(),
    precision: z.number().nullable(),
    recall: z.number().nullable(),
    f1: z.number().nullable(),
    flagged: z.number().int(),
  }),
});

/** Flagging the top `share` of customers by churn probability: what it catches, held out. */
const AtShare = z.object({
  share: z.number(),
  threshold: z.number().describe('the lowest probability flagged'),
  flagged: z.number().int(),
  precision: z.number().nullable().describe('share of those flagged who churned'),
  recall: z.number().nullable().describe('share of those who churned who were flagged'),
});

export const ChurnRiskReport = z.object({
  definition: ReportDefinition,
  model: z
    .object({
      scope: BusinessWide.describe(
        'the card is the model’s, trained and evaluated on every customer; totals and customers are the selection’s',
      ),
      runId: z.number().int(),
      asOf: IsoDate,
      finishedAt: z.string().nullable(),
      clvRunId: z.number().int().nullable(),
      windowDays: z.number().int(),
      trainCutoffs: z.array(IsoDate),
      evaluationCutoff: IsoDate,
      horizonDays: z
        .number()
        .int()
        .describe('H: the label is "no order in the next H days" (older runs: W)'),
      chosen: z.enum([...churnTrees, ...churnBaselines]).describe('the model that scores'),
      threshold: Probability,
      rows: z.record(z.string(), z.number()),
      churnRate: z.record(z.string(), z.number()),
      models: z.object({ random_forest: ModelEvaluation, gradient_boosting: ModelEvaluation }),
      baselines: z
        .object({
          recency: ModelEvaluation,
          frequency: ModelEvaluation,
          rfm_rank_sum: ModelEvaluation,
          logistic_rfm: ModelEvaluation,
        })
        .nullable()
        .describe(
          'the simple rules the trees must beat, on the same held-out customers; null for older runs',
        ),
      verdict: z
        .object({
          bestTree: z.enum(churnTrees),
          bestBaseline: z.enum(churnBaselines),
          lift: z.number().describe('held-out ROC-AUC of the best tree minus the best baseline’s'),
          minLift: z.number(),
          treeServes: z
            .boolean()
            .describe('false: the trees do not earn their place and the baseline serves'),
        })
        .nullable(),
      importance: z.array(z.object({ feature: z.string(), aucDrop: z.number(), sd: z.number() })),
      operating: z
        .object({
          heldOut: AtShare.describe('the operating point (AT_RISK_SHARE) on the held-out snapshot'),
          tradeOff: z.array(AtShare).describe('the same at 5, 10, 20, 30 and 50%'),
        })
        .nullable()
        .describe(
          'who is "at risk": the top AT_RISK_SHARE of active customers; null for older runs',
        ),
    })
    .nullable()
    .describe('the model card: both models on the held-out snapshot, the one serving, importance'),
  totals: z
    .object({
      customers: z
        .number()
        .int()
        .describe('scored customers (active on the run’s day) in the selection'),
      atRisk: z.number().int(),
      expectedChurners: z.number(),
      valueAtRisk: Money,
    })
    .nullable(),
  customers: z.array(
    z.object({
      id: z.number().int(),
      name: z.string().nullable(),
      region: z.string().nullable(),
      channel: z.string().nullable(),
      lastOrderDay: IsoDate.nullable(),
      probability: Probability,
      atRisk: z.boolean(),
      clv: MaybeMoney,
      valueAtRisk: MaybeMoney,
      reasons: z.array(Reason),
    }),
  ),
  page: z.number().int(),
  pageSize: z.number().int(),
  total: z.number().int(),
  message: z.string().nullable(),
});

export const ElasticityQuery = z.object({ category: Label.optional() }).strict();

/** No parameters at all. */
export const NoQuery = z.object({}).strict();

/** The models the product trains (model_runs.kind). */
export const modelKinds = ['segments', 'churn', 'clv', 'recs', 'elasticity'] as const;
export type ModelKind = (typeof modelKinds)[number];
/** What a model run can be: a model's training, or a backtest of them on past cutoffs. */
export type RunKind = ModelKind | 'backtest';

export const AnalyticsVersion = z.object({
  generation: z.number().int(),
  changedAt: z.string().nullable().describe('when the generation last changed'),
  asOf: z
    .string()
    .describe("the business's today (YYYY-MM-DD): default ranges end on it, models train as of it"),
  asOfBy: z
    .enum(['calendar', 'data ends', 'AS_OF'])
    .describe(
      "why: today's date, the data's last day (it ended longer ago than the churn window), or the AS_OF setting",
    ),
  dataEnds: z
    .string()
    .nullable()
    .describe(
      "the data's last day when it ended longer ago than the churn window (YYYY-MM-DD), else null",
    ),
  models: z
    .record(
      z.enum(modelKinds),
      z.object({
        status: z.enum(['never', 'training', 'failed', 'trained']),
        error: z.string().nullable().describe('why the newest run failed'),
        reason: ReasonBody.nullable().describe(
          "the same reason as a key and its values (contracts/src/reasons.ts), to show in the viewer's language",
        ),
        at: z.string().nullable().describe('when the newest run started'),
      }),
    )
    .describe("where each model's training stands: its newest run of any outcome"),
});
