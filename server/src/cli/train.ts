// npm run train -- [--only segments|clv|elasticity|recs] [--as-of YYYY-MM-DD]
// Brings the derived analytics tables up to date, then trains and scores the models as of a
// day (default today in BUSINESS_TIMEZONE; an earlier day ignores later data, for backtests).
import { parseArgs } from 'node:util';
import { openDatabaseFromEnv } from '@retention/db';
import { dayOf, isoOf, todayIn } from '../analytics/periods.ts';
import { refreshDerived } from '../analytics/refresh.ts';
import { ConfigError, loadConfig } from '../config.ts';
import { type TrainableKind, trainableKinds, trainModel } from '../ml/train-model.ts';

const usage = `usage: npm run train -- [--only ${trainableKinds.join('|')}] [--as-of YYYY-MM-DD]`;

function fail(message: string): never {
  console.error(`train: ${message}\n${usage}`);
  process.exit(2);
}

let values: { only?: string; 'as-of'?: string } = {};
try {
  ({ values } = parseArgs({
    options: { only: { type: 'string' }, 'as-of': { type: 'string' } },
    strict: true,
  }));
} catch (err) {
  fail((err as Error).message);
}
const only = values.only;
if (only !== undefined && !(trainableKinds as readonly string[]).includes(only)) {
  fail(`--only must be one of ${trainableKinds.join(', ')}, not "${only}"`);
}
const kinds: readonly TrainableKind[] =
  only === undefined ? trainableKinds : [only as TrainableKind];

const { db, where } = await openDatabaseFromEnv();
try {
  const config = loadConfig(process.env);
  const asOfText = values['as-of'];
  const asOf = asOfText === undefined ? todayIn(config.analytics.timeZone) : dayOf(asOfText);
  if (Number.isNaN(asOf)) fail(`--as-of must be a date like 1997-09-30, not "${asOfText}"`);
  await db.migrate();
  console.log(`train: ${where}, as of ${isoOf(asOf)}`);
  const refreshed = await refreshDerived(db, config.analytics);
  const what =
    refreshed.mode === 'none'
      ? 'current'
      : `${refreshed.mode} refresh of ${refreshed.customers} customers`;
  console.log(`train: analytics tables ${what} (${refreshed.ms} ms)`);
  for (const kind of kinds) {
    const run = await trainModel(db, kind, {
      asOf,
      timeZone: config.analytics.timeZone,
      windowDays: config.analytics.windowDays,
      onProgress: (m) => console.log(`train: ${kind}: ${m}`),
    });
    const took = (run.metrics as { durationMs?: number }).durationMs ?? 0;
    console.log(`train: ${kind}: model run ${run.id} succeeded in ${(took / 1000).toFixed(1)} s`);
  }
} catch (err) {
  if (err instanceof ConfigError) console.error(`train: ${err.message}`);
  else console.error(`train: failed: ${(err as Error).message}`);
  process.exitCode = 1;
} finally {
  await db.close();
}
