// Streams a file through a mapper into batched, idempotent writes. One batch is written
// while the next is read, each batch in its own transaction: a crash loses at most the
// batch in flight, and a re-run skips what is stored.
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { Database } from '@retention/db';
import { recordIngestFailure } from '../ingest/record-failure.ts';
import type { DecimalMark } from '../lib/parse-values.ts';
import { HeaderError } from './columns.ts';
import type { Detected, Encoding } from './encoding.ts';
import { type ImportKind, planFor, type Started } from './plans.ts';
import {
  type CsvFormat,
  csvRecords,
  detectCsvFormat,
  type ReadProgress,
  whitespaceRecords,
} from './readers.ts';
import type { ImportRecord, PlanOptions, RowOutcome } from './records.ts';
import { RejectReport } from './reject-report.ts';
import { databaseTotals, type ImportSummary } from './summary.ts';

export type { ImportKind } from './plans.ts';

export interface ImportOptions extends Omit<PlanOptions, 'decimal'> {
  file: string;
  kind: ImportKind;
  /** As given (--encoding, --delimiter, --decimal), else detected. */
  encoding?: Encoding | undefined;
  delimiter: string | undefined;
  decimal?: DecimalMark | undefined;
  dryRun: boolean;
  maxErrors: number;
  reportPath: string;
  batchSize: number;
  onProgress?: (p: { bytes: number; totalBytes: number; rows: number }) => void;
  /** What was detected, told once the header is read and before anything is written. */
  onDetected?: (d: Detection) => void;
}

/** How the file is read: for `--dry-run` and the start of every import's output. */
export interface Detection {
  /** Null for the whitespace-separated CDNOW files (ASCII). */
  encoding: Detected | null;
  delimiter: string | null;
  decimal: DecimalMark;
  /** A known export layout (layouts.ts), or null: columns found by their names. */
  layout: string | null;
  /** Field → the file's column. */
  columns: Record<string, string>;
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
  if (summary.failure) await record(summary.failure);
  return summary;
}

/** Lines above the header that an import passes over (a report's title and parameters). */
const maxTitleRows = 20;

/** A report's total line ("Итого", "Total"): its first filled cell says so. */
function isTotalRow(r: ImportRecord): boolean {
  const first = r.fields.find((f) => f.trim() !== '') ?? '';
  return /^(итого|всего|total|grand total)(?!\p{L})/iu.test(first.trim());
}

async function importFile(db: Database, o: ImportOptions): Promise<ImportSummary> {
  const started = Date.now();
  const totalBytes = (await stat(o.file)).size;
  const progress: ReadProgress = { bytes: 0 };
  const report = new RejectReport(o.reportPath);
  const format: CsvFormat | null = o.kind === 'cdnow' ? null : await detectCsvFormat(o.file, o);
  // Excel writes ";" between fields exactly where "," is the decimal mark.
  const decimal = o.decimal ?? (format?.delimiter === ';' ? ',' : '.');
  const plan = planFor(o.kind, { ...o, decimal });
  const counts = {
    read: 0,
    skipped: 0,
    loaded: 0,
    duplicates: 0,
    ordersCreated: 0,
    customersCreated: 0,
    productsCreated: 0,
  };

  const records = format
    ? csvRecords(o.file, format, progress, (bad) => report.add(bad.line, 'row', bad.reason))
    : whitespaceRecords(o.file, progress);
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

  let firstHeaderError: HeaderError | undefined;
  for await (const record of records) {
    if (!map) {
      let started: Started;
      try {
        started = plan.start(record);
      } catch (err) {
        // Reports saved from 1C and spreadsheets put a title and parameters above the header.
        if (!(err instanceof HeaderError) || counts.skipped >= maxTitleRows) {
          throw firstHeaderError ?? err;
        }
        firstHeaderError ??= err;
        counts.skipped++;
        continue;
      }
      map = started.map;
      o.onDetected?.({
        encoding: format?.encoding ?? null,
        delimiter: format?.delimiter ?? null,
        decimal,
        layout: started.layout ?? null,
        columns: started.columns,
      });
      if (started.header) continue;
    }
    if (isTotalRow(record)) {
      counts.skipped++;
      continue;
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
  if (!map) throw firstHeaderError ?? new HeaderError('the file holds no rows');
  if (batch.length > 0) write(batch);
  await inFlight;
  o.onProgress?.({ bytes: totalBytes, totalBytes, rows: counts.read });
  await report.close();
  const failure =
    counts.read > 0 && report.count >= counts.read && counts.loaded + counts.duplicates === 0
      ? `every row was rejected (${report.count}): see ${o.reportPath}`
      : report.count > o.maxErrors
        ? `${report.count} rows rejected, more than --max-errors ${o.maxErrors}`
        : null;
  return {
    ...counts,
    rejected: report.count,
    reportPath: report.count > 0 ? o.reportPath : null,
    dryRun: o.dryRun,
    failed: failure !== null,
    failure,
    seconds: (Date.now() - started) / 1000,
    database: await databaseTotals(db),
  };
}
