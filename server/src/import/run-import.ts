// Streams a file through a mapper into batched, idempotent writes. One batch is written
// while the next is read, each batch in its own transaction: a crash loses at most the
// batch in flight, and a re-run skips what is stored.
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { Database } from '@retention/db';
import { recordIngestFailure } from '../ingest/record-failure.ts';
import { HeaderError } from './columns.ts';
import { type ImportKind, type PlanOptions, planFor } from './plans.ts';
import { csvRecords, type ReadProgress, sniffDelimiter, whitespaceRecords } from './readers.ts';
import type { ImportRecord, RowOutcome } from './records.ts';
import { RejectReport } from './reject-report.ts';
import { databaseTotals, type ImportSummary } from './summary.ts';

export type { ImportKind } from './plans.ts';

export interface ImportOptions extends PlanOptions {
  file: string;
  kind: ImportKind;
  delimiter: string | undefined;
  dryRun: boolean;
  maxErrors: number;
  reportPath: string;
  batchSize: number;
  onProgress?: (p: { bytes: number; totalBytes: number; rows: number }) => void;
}

/** Options with defaults, for callers that set only a few (tests, benchmarks); the CLI sets its own. */
export function importOptions(
  file: string,
  reportPath: string,
  o: Partial<ImportOptions> = {},
): ImportOptions {
  return {
    file,
    kind: 'transactions',
    source: 'default',
    map: {},
    dateFormat: 'auto',
    delimiter: undefined,
    cancelledPrefix: null,
    strict: false,
    dryRun: false,
    maxErrors: 100,
    reportPath,
    batchSize: 5000,
    ...o,
  };
}

/**
 * Imports one file; a failed import (an error, or more rejected rows than allowed) is also
 * recorded in ingest_failures for the staff's failure alerts (not for a dry run).
 */
export async function runImport(db: Database, o: ImportOptions): Promise<ImportSummary> {
  const record = (message: string) =>
    o.dryRun
      ? Promise.resolve()
      : recordIngestFailure(db.prisma, {
          channel: 'import',
          what: `${o.kind} ${path.basename(o.file)}`,
          message,
        });
  let summary: ImportSummary;
  try {
    summary = await importFile(db, o);
  } catch (error) {
    await record((error as Error).message);
    throw error;
  }
  if (summary.failed) {
    await record(`${summary.rejected} rows rejected, more than --max-errors ${o.maxErrors}`);
  }
  return summary;
}

async function importFile(db: Database, o: ImportOptions): Promise<ImportSummary> {
  const started = Date.now();
  const totalBytes = (await stat(o.file)).size;
  const progress: ReadProgress = { bytes: 0 };
  const report = new RejectReport(o.reportPath);
  const plan = planFor(o.kind, o);
  const counts = {
    read: 0,
    loaded: 0,
    duplicates: 0,
    ordersCreated: 0,
    customersCreated: 0,
    productsCreated: 0,
  };

  const records =
    plan.format === 'whitespace'
      ? whitespaceRecords(o.file, progress)
      : csvRecords(o.file, o.delimiter ?? (await sniffDelimiter(o.file)), progress, (bad) =>
          report.add(bad.line, 'row', bad.reason),
        );
  let map: ((r: ImportRecord) => RowOutcome<unknown>) | undefined;
  let batch: unknown[] = [];
  let inFlight: Promise<void> = Promise.resolve();

  const write = (rows: unknown[]) => {
    const previous = inFlight;
    inFlight = (async () => {
      await previous;
      if (o.dryRun) return;
      const r = await db.transaction((s) => plan.write(s, rows));
      for (const x of r.rejected) report.add(x.ref, x.field, x.reason);
      counts.loaded += r.loaded;
      counts.duplicates += r.duplicates;
      counts.ordersCreated += r.created.orders;
      counts.customersCreated += r.created.customers;
      counts.productsCreated += r.created.products;
    })();
  };

  for await (const record of records) {
    if (!map) {
      const started = plan.start(record);
      map = started.map;
      if (started.header) continue;
    }
    counts.read++;
    const outcome = map(record);
    if (outcome.ok) batch.push(outcome.value);
    else report.add(record.line, outcome.field, outcome.reason);
    if (batch.length >= o.batchSize) {
      await inFlight; // at most one batch written while the next is read: flat memory
      write(batch);
      batch = [];
      o.onProgress?.({ bytes: progress.bytes, totalBytes, rows: counts.read });
    }
  }
  if (!map) throw new HeaderError('the file holds no rows');
  if (batch.length > 0) write(batch);
  await inFlight;
  o.onProgress?.({ bytes: totalBytes, totalBytes, rows: counts.read });
  await report.close();
  return {
    ...counts,
    rejected: report.count,
    reportPath: report.count > 0 ? o.reportPath : null,
    dryRun: o.dryRun,
    failed: report.count > o.maxErrors,
    seconds: (Date.now() - started) / 1000,
    database: await databaseTotals(db),
  };
}
