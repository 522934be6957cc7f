// A report thread: computes one report (its SQL and the shaping of a possibly large answer)
// and serialises it to JSON bytes, so that none of that work runs on the thread that answers
// HTTP requests. Each thread opens the database once per address and keeps it.
import { type Reason, reasonOf } from '@retention/contracts';
import { type Database, openDatabase } from '@retention/db';
import { Piscina } from 'piscina';
import { AppError, type ErrorCode } from '../errors.ts';
import type { MetricContext } from './context.ts';
import { type ReportName, reportTable } from './report-table.ts';

export interface ReportTask {
  databaseUrl: string;
  name: ReportName;
  args: unknown;
  settings: MetricContext['settings'];
  range: MetricContext['range'];
  selection: MetricContext['selection'];
}

/** What a failed report tells the main thread (errors lose their class crossing threads). */
export interface ReportFailure {
  failed: {
    message: string;
    code?: string | undefined;
    appCode?: ErrorCode | undefined;
    reason?: Reason | null;
  };
}

const databases = new Map<string, Promise<Database>>();

function databaseAt(url: string): Promise<Database> {
  let db = databases.get(url);
  if (!db) {
    db = openDatabase({ databaseUrl: url, dataDir: '' });
    databases.set(url, db);
  }
  return db;
}

export default async function runReport(task: ReportTask): Promise<Uint8Array | ReportFailure> {
  try {
    const db = await databaseAt(task.databaseUrl);
    const ctx = { db, settings: task.settings, range: task.range, selection: task.selection };
    const report = reportTable[task.name] as (ctx: MetricContext, args: unknown) => unknown;
    const bytes = new TextEncoder().encode(JSON.stringify(await report(ctx, task.args)));
    return Piscina.move(bytes) as unknown as Uint8Array;
  } catch (err) {
    const e = err as Error & { code?: unknown };
    return {
      failed: {
        message: e.message ?? String(err),
        code: typeof e.code === 'string' ? e.code : undefined,
        appCode: err instanceof AppError ? err.code : undefined,
        reason: reasonOf(err),
      },
    };
  }
}
