// Raw SQL in one transaction on one connection, with COPY for bulk loads (pg-copy-streams;
// the embedded database's wire server turns COPY FROM STDIN into PGlite's own). Bulk writers
// (imports, ingestion) use this; everything else goes through Prisma.
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

export interface SqlSession {
  /** Runs one statement with $1.. parameters; returns its rows and the affected row count. */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<SqlResult<T>>;
  /** `COPY <target> FROM STDIN (FORMAT csv)` with `csv` as the data. */
  copyCsv(target: string, csv: string): Promise<void>;
}

export interface SqlResult<T> {
  rows: T[];
  rowCount: number;
}

export type RunInTransaction = <T>(work: (session: SqlSession) => Promise<T>) => Promise<T>;

/** `query` over a pg pool or client. */
export function pgQuery(on: pg.Pool | pg.PoolClient): SqlSession['query'] {
  return async (sql, params) => {
    const r = await on.query(sql, params as unknown[]);
    return { rows: r.rows, rowCount: r.rowCount ?? 0 };
  };
}

export function pgTransactions(pool: pg.Pool): RunInTransaction {
  return async (work) => {
    const client = await pool.connect();
    // A connection the server drops (restart, crash) emits 'error' on a checked-out client,
    // where no pool listener catches it and the process would end. The query in flight fails
    // on its own; remember the error so the client is discarded, not pooled.
    let broken: Error | undefined;
    const onError = (err: Error) => {
      broken = err;
    };
    client.on('error', onError);
    const session: SqlSession = {
      query: pgQuery(client),
      copyCsv: async (target, csv) => {
        const stream = client.query(copyFrom(`COPY ${target} FROM STDIN WITH (FORMAT csv)`));
        await pipeline(Readable.from([csv]), stream);
      },
    };
    try {
      await client.query('BEGIN');
      const result = await work(session);
      await client.query('COMMIT');
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => {});
      throw err;
    } finally {
      client.removeListener('error', onError);
      client.release(broken);
    }
  };
}

/** One CSV line for COPY, newline included. */
export function csvRow(values: (string | number | null | undefined)[]): string {
  return `${values.map(csvField).join(',')}\n`;
}

/** One CSV field for COPY: quoted when it must be, empty (unquoted) for NULL. */
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  const s = String(value);
  return /[",\n\r]/.test(s) || s === '' ? `"${s.replaceAll('"', '""')}"` : s;
}
