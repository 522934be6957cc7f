// /api/v1/analytics/clv: the CLV model's card. Each CLV run checks its own forecasts: BG/NBD
// fitted H days before the run's day must forecast those H days better than two baselines,
// and an annual pattern is looked for, to scale forecasts by when it is clear.
import { z } from 'zod';
import { IsoDate } from './common.ts';

const Forecast = z.object({
  expected: z.number().describe('purchase days forecast over the holdout, all customers'),
  biasPct: z.number().nullable().describe('(expected − actual) / actual, in %'),
  spearman: z
    .number()
    .nullable()
    .describe('rank correlation of forecast and actual purchase days per customer'),
  topDecile: z
    .number()
    .nullable()
    .describe(
      'share of the actual purchase days made by the 10% of customers the forecast ranks highest (ties at the cut in proportion); null for runs made before it was measured',
    ),
});

export const ClvCard = z.object({
  scope: z
    .literal('business')
    .describe('the model is fit over every customer of the business, the same for every viewer'),
  run: z
    .object({
      id: z.number().int(),
      asOf: IsoDate,
      finishedAt: z.string().nullable(),
      customers: z.number().int().nullable(),
      repeaters: z.number().int().nullable(),
    })
    .nullable(),
  holdout: z
    .object({
      horizonDays: z.number().int(),
      calibrationEnd: IsoDate.describe('the fit used histories up to this day'),
      customers: z.number().int().describe('customers who had bought by the calibration end'),
      actual: z.number().int().describe('their purchase days in the holdout'),
      model: Forecast.describe('BG/NBD'),
      naiveRate: Forecast.describe("each customer's own past rate of repeat purchase days"),
      lastPeriod: Forecast.describe(
        "each customer's repeat purchase days in the calibration's last H days, carried forward",
      ),
      seasonal: Forecast.nullable().describe(
        'BG/NBD scaled by the seasonal index known at the calibration end; null when none was clear then',
      ),
      seasonalWhy: z.string().describe('the seasonality verdict as of the calibration end'),
    })
    .nullable()
    .describe('null: the history before the calibration end was too short (see holdoutWhy)'),
  holdoutWhy: z.string().nullable(),
  seasonality: z
    .object({
      months: z.number().int().describe('full calendar months of data'),
      detected: z.boolean().describe('forecasts are scaled by the index'),
      index: z.array(z.number()).length(12).nullable().describe('January to December, mean 1'),
      amplitude: z.number().nullable(),
      agreement: z.number().nullable().describe("correlation of the two latest years' ratios"),
      why: z.string(),
      note: z.string().describe('what it means for the forecasts, with the holdout bias'),
    })
    .nullable()
    .describe('null for runs made before the check existed'),
  message: z.string().nullable(),
});
