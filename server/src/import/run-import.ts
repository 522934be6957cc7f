// Streams a file through a mapper into batched, idempotent writes. One batch is written
// while the next is read, each batch in its own transaction: a crash loses at most the
// batch in flight, and a re-run skips what is stored.
import { stat } from 'node:fs/promises';
import type { Database } from '@retention/db';
import {
  bumpDataVersion,
  type OrderLine,
  type WriteLinesResult,
  writeOrderLines,
} from '../ingest/write-order-lines.ts';
import { type ColumnMap, HeaderError } from './columns.ts';
import { cdnowMapper, isCdnowHeader } from './kinds/cdnow.ts';
import { transactionMapper } from './kinds/transactions.ts';
import type { DateFormat } from './parse-values.ts';
import { csvRecords, type ReadProgress, sniffDelimiter, whitespaceRecords } from './readers.ts';
import type { ImportRecord, RowOutcome } from './records.ts';
import { RejectReport } from './reject-report.ts';
import { databaseTotals, type ImportSummary } from './summary.ts';

export type ImportKind = 'transactions' | 'cdnow';

export interface ImportOptions {
  file: string;
  kind: ImportKind;
  source: string;
  map: ColumnMap;
  dateFormat: DateFormat;
  delimiter: string | undefined;
  cancelledPrefix: string | null;
  /** Lines naming unknown products are rejected instead of creating the product. */
  strict: boolean;
  dryRun: boolean;
  maxErrors: number;
  reportPath: string;
  batchSize: number;
  onProgress?: (p: { bytes: number; totalBytes: number; rows: number }) => void;
}

export async function runImport(db: Database, o: ImportOptions): Promise<ImportSummary> {
  const started = Date.now();
  const totalBytes = (await stat(o.file)).size;
  const progress: ReadProgress = { bytes: 0 };
  const report = new RejectReport(o.reportPath);
  const counts = {
    read: 0,
    loaded: 0,
    duplicates: 0,
    ordersCreated: 0,
    customersCreated: 0,
    productsCreated: 0,
  };

  const records =
    o.kind === 'cdnow'
      ? whitespaceRecords(o.file, progress)
      : csvRecords(o.file, o.delimiter ?? (await sniffDelimiter(o.file)), progress, (bad) =>
          report.add(bad.line, 'row', bad.reason),
        );
  let map: ((r: ImportRecord) => RowOutcome<OrderLine>) | undefined;
  let batch: OrderLine[] = [];
  let inFlight: Promise<void> = Promise.resolve();

  const write = (lines: OrderLine[]) => {
    const previous = inFlight;
    inFlight = (async () => {
      await previous;
      if (o.dryRun) return;
      const r: WriteLinesResult = await db.transaction((s) =>
        writeOrderLines(s, lines, {
          source: o.source,
          createCustomers: true,
          createProducts: !o.strict,
        }),
      );
      for (const x of r.rejected) report.add(x.ref, x.field, x.reason);
      counts.loaded += r.linesInserted;
      counts.duplicates += r.staged - r.rejected.length - r.linesInserted;
      counts.ordersCreated += r.ordersInserted;
      counts.customersCreated += r.customersCreated;
      counts.productsCreated += r.productsCreated;
    })();
  };

  for await (const record of records) {
    if (!map) {
      if (o.kind === 'cdnow') {
        map = cdnowMapper();
        if (isCdnowHeader(record)) continue;
      } else {
        map = transactionMapper(record.fields, o.map, {
          dateFormat: o.dateFormat,
          cancelledPrefix: o.cancelledPrefix,
        });
        continue;
      }
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
  if (!o.dryRun) await db.transaction(bumpDataVersion);
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
