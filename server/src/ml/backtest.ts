// Backtests: how the models would have done on the business's own history. For each past
// cutoff c = asOf − k·step (k = 1…4, while the history allows), the churn candidates (both
// trees and the baselines) are fitted as a run on c would have been and judged on the
// customers active at c by whether they ordered in the next H days (known by asOf); CLV is
// fitted on the histories up to c and judged on the purchase days of the `step` days after
// it, against the naive rate and the last period. Nothing is scored or served: the run
// (kind 'backtest') keeps only the table.

import { ReasonError } from '@retention/contracts';
import type { Database } from '@retention/db';
import { type ChurnJudgement, type Holdout, needEnough } from '@retention/ml';
import { isoOf } from '../analytics/periods.ts';
import { judgeInWorker } from './churn/fit-in-worker.ts';
import { churnSnapshots } from './churn/train-churn.ts';
import { checkClv } from './clv/check-clv.ts';
import { recordRun } from './model-run.ts';

export interface BacktestOptions {
  asOf: number;
  timeZone: string;
  windowDays: number;
  horizonDays?: number;
  /** Days between cutoffs, and the CLV forecast's length (default: the churn horizon). */
  stepDays?: number;
  atRiskShare?: number;
  onProgress?: (message: string) => void;
  onStart?: (modelRunId: number) => void;
}

export interface BacktestRow {
  cutoff: string;
  churn:
    | ({ customers: number; churned: number } & Omit<ChurnJudgement, 'models' | 'baselines'>)
    | { skipped: string };
  clv: Omit<Holdout, 'bgnbd'> | { skipped: string };
}

const maxCutoffs = 4;

async function churnAt(db: Database, o: BacktestOptions, cutoff: number, say: (m: string) => void) {
  try {
    const rows = await churnSnapshots(db, { ...o, asOf: cutoff, onProgress: say });
    needEnough(
      rows.now.map((r) => r.label),
      'evaluation',
      10,
      isoOf(cutoff),
    );
    const { verdict, chosen, judged } = await judgeInWorker(
      { ...rows, seed: 42, atRiskShare: o.atRiskShare ?? 0.2 },
      say,
    );
    const churned = rows.now.filter((r) => r.label === 1).length;
    return { customers: rows.now.length, churned, verdict, chosen, judged };
  } catch (err) {
    // Too little history at this cutoff is a row of the table; anything else is a failure.
    if (!(err instanceof ReasonError)) throw err;
    return { skipped: err.message };
  }
}

async function clvAt(db: Database, cutoff: number, step: number, say: (m: string) => void) {
  const checks = await checkClv(db, cutoff + step, step, say);
  if (!checks.holdout) return { skipped: checks.holdoutWhy ?? 'no holdout' };
  const { bgnbd: _, ...figures } = checks.holdout;
  return figures;
}

export async function runBacktest(db: Database, o: BacktestOptions) {
  const horizon = o.horizonDays ?? o.windowDays;
  const step = o.stepDays ?? horizon;
  const say = o.onProgress ?? (() => {});
  // The churn label of customers active at c needs the H days after it.
  const first = Math.ceil(horizon / step);
  const cutoffs = Array.from({ length: maxCutoffs }, (_, k) => o.asOf - (first + k) * step);
  const parameters = { stepDays: step, horizonDays: horizon, cutoffs: cutoffs.map(isoOf) };
  return recordRun(
    db,
    { kind: 'backtest', asOf: o.asOf, parameters, onStart: o.onStart },
    async () => {
      const rows: BacktestRow[] = [];
      for (const cutoff of cutoffs) {
        const at = (m: string) => say(`${isoOf(cutoff)}: ${m}`);
        const row = {
          cutoff: isoOf(cutoff),
          churn: await churnAt(db, { ...o, horizonDays: horizon }, cutoff, at),
          clv: await clvAt(db, cutoff, step, at),
        };
        rows.push(row);
        if ('skipped' in row.churn && 'skipped' in row.clv) break;
      }
      return { metrics: { stepDays: step, horizonDays: horizon, rows } };
    },
  );
}
