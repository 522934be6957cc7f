// npm run train -- [--only segments|clv|churn|elasticity|recs] [--as-of YYYY-MM-DD] [--backtest DAYS]
// Brings the derived analytics tables up to date, then trains and scores the models as of a
// day (default the business's today: AS_OF, or the data's last day when it ended longer ago
// than the churn window; an earlier day ignores later data, for backtests). Trains every
// model it can: one the data cannot support is skipped with the reason; the exit code is 1
// only when a model it could train failed. --backtest DAYS trains nothing that serves: it fits
// the churn models and CLV as of past cutoffs DAYS apart and prints how each did on what
// followed (server/src/ml/backtest.ts).
import { parseArgs } from 'node:util';
import { openDatabaseFromEnv } from '@retention/db';
import { businessDay, lastDataDay } from '../analytics/clock.ts';
import { dayOf, isoOf } from '../analytics/periods.ts';
import { refreshDerived } from '../analytics/refresh.ts';
import { ConfigError, loadConfig } from '../config.ts';
import { NotEnoughData } from '../ml/not-enough-data.ts';
import { type JobKind, trainableKinds, trainModel } from '../ml/train-model.ts';
import { backtestTable } from './backtest-table.ts';

const usage = `usage: npm run train -- [--only ${trainableKinds.join('|')}] [--as-of YYYY-MM-DD] [--backtest DAYS]`;

function fail(message: string): never {
  console.error(`train: ${message}\n${usage}`);
  process.exit(2);
}

let values: { only?: string; 'as-of'?: string; backtest?: string } = {};
try {
  ({ values } = parseArgs({
    options: {
      only: { type: 'string' },
      'as-of': { type: 'string' },
      backtest: { type: 'string' },
    },
    strict: true,
  }));
} catch (err) {
  fail((err as Error).message);
}
const only = values.only;
if (only !== undefined && !(trainableKinds as readonly string[]).includes(only)) {
  fail(`--only must be one of ${trainableKinds.join(', ')}, not "${only}"`);
}
const stepDays = values.backtest === undefined ? undefined : Number(values.backtest);
if (stepDays !== undefined && !(Number.isInteger(stepDays) && stepDays >= 7 && stepDays <= 730)) {
  fail(`--backtest takes the days between cutoffs (7 to 730), not "${values.backtest}"`);
}
if (stepDays !== undefined && only !== undefined) fail('--backtest and --only do not go together');
const kinds: readonly JobKind[] =
  stepDays !== undefined ? ['backtest'] : only === undefined ? trainableKinds : [only as JobKind];

const { db, where } = await openDatabaseFromEnv();
try {
  const config = loadConfig(process.env);
  const asOfText = values['as-of'];
  const given = asOfText === undefined ? null : dayOf(asOfText);
  if (Number.isNaN(given)) fail(`--as-of must be a date like 1997-09-30, not "${asOfText}"`);
  await db.migrate();
  const refreshed = await refreshDerived(db, config.analytics);
  const what =
    refreshed.mode === 'none'
      ? 'current'
      : `${refreshed.mode} refresh of ${refreshed.customers} customers`;
  console.log(`train: ${where}; analytics tables ${what} (${refreshed.ms} ms)`);
  const day = businessDay(config.analytics, await lastDataDay(db));
  const asOf = given ?? day.today;
  const why =
    given !== null
      ? '--as-of'
      : day.by === 'data ends'
        ? `the data ends then; AS_OF=today or --as-of to train as of another day`
        : day.by === 'AS_OF'
          ? 'AS_OF'
          : 'today';
  console.log(`train: as of ${isoOf(asOf)} (${why})`);
  const outcomes: string[] = [];
  for (const kind of kinds) {
    try {
      const run = await trainModel(db, kind, {
        asOf,
        timeZone: config.analytics.timeZone,
        windowDays: config.analytics.windowDays,
        atRiskShare: config.analytics.atRiskShare,
        horizonDays: config.analytics.horizonDays,
        stepDays,
        currency: config.analytics.currency,
        onProgress: (m) => console.log(`train: ${kind}: ${m}`),
      });
      const took = (run.metrics as { durationMs?: number }).durationMs ?? 0;
      if (kind === 'backtest') console.log(backtestTable(run.metrics as never));
      console.log(`train: ${kind}: model run ${run.id} succeeded in ${(took / 1000).toFixed(1)} s`);
      outcomes.push(`${kind} trained`);
    } catch (err) {
      const message = (err as Error).message;
      if (err instanceof NotEnoughData) {
        console.log(`train: ${kind}: skipped: ${message}`);
        outcomes.push(`${kind} skipped`);
      } else {
        console.error(`train: ${kind}: failed: ${message}`);
        outcomes.push(`${kind} FAILED`);
        process.exitCode = 1;
      }
    }
  }
  console.log(`train: ${outcomes.join(', ')}`);
} catch (err) {
  if (err instanceof ConfigError) console.error(`train: ${err.message}`);
  else console.error(`train: failed: ${(err as Error).message}`);
  process.exitCode = 1;
} finally {
  await db.close();
}
