// The models that train as jobs, and the one place that picks the trainer of a kind (the
// CLI and the server's jobs both call it).
import type { Database } from '@retention/db';
import { runBacktest } from './backtest.ts';
import { trainChurn } from './churn/train-churn.ts';
import { trainClv } from './clv/train-clv.ts';
import { trainElasticity } from './elasticity/train-elasticity.ts';
import { trainRecs } from './recs/train-recs.ts';
import { trainSegments } from './segments/train-segments.ts';

/** In training order: recommendations use the segments for their cold start; the churn
 * model's value at risk reads the CLV run. */
export const trainableKinds = ['segments', 'clv', 'churn', 'elasticity', 'recs'] as const;
export type TrainableKind = (typeof trainableKinds)[number];
/** What runs as a job: a model's training, or a backtest of the models on past cutoffs. */
export type JobKind = TrainableKind | 'backtest';

export interface TrainOptions {
  asOf: number;
  timeZone: string;
  /** The churn window W the derived tables were built with. */
  windowDays: number;
  /** Share of active customers flagged at risk (AT_RISK_SHARE; churn only). */
  atRiskShare?: number;
  /** The churn label's horizon H in days (CHURN_HORIZON_DAYS; churn only; default W). */
  horizonDays?: number;
  /** A backtest's days between cutoffs (default H). */
  stepDays?: number;
  /** The currency the churn reasons write money in (CURRENCY; churn only). */
  currency?: string | null;
  onProgress?: (message: string) => void;
  onStart?: (modelRunId: number) => void;
}

export function trainModel(db: Database, kind: JobKind, o: TrainOptions) {
  switch (kind) {
    case 'segments':
      return trainSegments(db, o);
    case 'clv':
      return trainClv(db, o);
    case 'churn':
      return trainChurn(db, o);
    case 'elasticity':
      return trainElasticity(db, o);
    case 'recs':
      return trainRecs(db, o);
    case 'backtest':
      return runBacktest(db, o);
  }
}
