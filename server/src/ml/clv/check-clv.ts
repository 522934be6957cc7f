// How far the CLV forecasts can be trusted, measured inside every run: the calibration holdout
// (fit as of asOf − H, forecast H days, compare with what happened and with two baselines) and
// the business's annual pattern. The seasonal index the holdout scales by is the one known at
// its calibration end, so the scaled figures do not peek at the days they are judged on.
import type { Database } from '@retention/db';
import {
  daysPerUnit,
  detectSeasonality,
  type Forecast,
  type Holdout,
  runHoldout,
  type Season,
  type Seasonality,
} from '@retention/ml';
import { isoOf } from '../../analytics/periods.ts';
import { holdoutRows, purchaseDaysPerDay } from './clv-data.ts';

export interface ClvChecks {
  holdout: (Holdout & { calibrationEnd: string; seasonalWhy: string }) | null;
  holdoutWhy: string | null;
  seasonality: Seasonality & { note: string };
  /** The index forecasts are scaled by, when the pattern is clear. */
  season: Season | null;
}

/** A bias in %, signed ("+10.1%"), and a correlation to 3 places, as the logs and tables write them. */
export const pct = (v: number | null) =>
  v === null ? 'n/a' : `${v > 0 ? '+' : ''}${v.toFixed(1)}%`;
export const rho = (v: number | null | undefined) =>
  v === null || v === undefined ? 'n/a' : v.toFixed(3);
/** A share (0.472) as a percentage of the whole ("47.2%"). */
export const share = (v: number | null | undefined) =>
  v === null || v === undefined ? 'n/a' : `${(v * 100).toFixed(1)}%`;
const line = (name: string, f: Forecast) =>
  `${name} ${f.expected.toFixed(1)} (bias ${pct(f.biasPct)}, Spearman ${rho(f.spearman)}, top 10% made ${share(f.topDecile)})`;

export async function checkClv(
  db: Database,
  asOf: number,
  horizonDays: number,
  say: (message: string) => void,
): Promise<ClvChecks> {
  const daily = await purchaseDaysPerDay(db, asOf);
  const found = detectSeasonality(daily, asOf);
  const index = found.index?.map((v) => Math.round(v * 1000) / 1000) ?? null;
  say(`Seasonality: ${found.why}${index ? `; index Jan-Dec ${index.join(' ')}` : ''}`);

  const end = asOf - horizonDays;
  const atEnd = detectSeasonality(daily, end);
  const rows = await holdoutRows(db, end, asOf, horizonDays);
  const season = atEnd.detected && atEnd.index ? { index: atEnd.index, day: end } : null;
  const result = runHoldout(rows, { horizonDays, daysPerUnit, season });
  const h = result.holdout;
  if (h) {
    say(
      `Holdout ${isoOf(end)} → ${isoOf(asOf)}: ${h.customers} customers, ${h.actual} purchase days; expected: ${line('model', h.model)}, ${line('naive rate', h.naiveRate)}, ${line('last period', h.lastPeriod)}`,
    );
    if (h.seasonal) say(`Holdout scaled by the seasonal index: ${line('model', h.seasonal)}`);
    else say(`Holdout not scaled: as of ${isoOf(end)}, ${atEnd.why}`);
  } else say(`Holdout skipped: ${result.why}`);

  const measured = h
    ? `the ${horizonDays}-day holdout's bias was ${pct(h.model.biasPct)}`
    : `no holdout measured it (${result.why})`;
  const note = found.detected
    ? `forecasts scaled by the seasonal index${h?.seasonal ? `; holdout bias ${pct(h.model.biasPct)} unscaled, ${pct(h.seasonal.biasPct)} scaled` : ''}`
    : `${found.why}; forecasts over a seasonal peak may be biased (${measured})`;
  if (!found.detected) say(`Seasonality not used: ${note}`);
  return {
    holdout: h ? { ...h, calibrationEnd: isoOf(end), seasonalWhy: atEnd.why } : null,
    holdoutWhy: result.why,
    seasonality: { ...found, index, note },
    season: found.detected && found.index ? { index: found.index, day: asOf } : null,
  };
}
