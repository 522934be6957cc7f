// Per kind of file: how to read it, map its rows, and write a batch.
import type { SqlSession } from '@retention/db';
import { writeCustomers } from '../ingest/write-customers.ts';
import { writeOrderLines } from '../ingest/write-order-lines.ts';
import { writeProducts } from '../ingest/write-products.ts';
import type { DateFormat } from '../lib/parse-values.ts';
import type { ColumnMap } from './columns.ts';
import { cdnowMapper, isCdnowHeader } from './kinds/cdnow.ts';
import { customerMapper, productMapper } from './kinds/profiles.ts';
import { transactionMapper } from './kinds/transactions.ts';
import type { ImportRecord, RowOutcome } from './records.ts';

export type ImportKind = 'transactions' | 'customers' | 'products' | 'cdnow';
export const importKinds: ImportKind[] = ['transactions', 'customers', 'products', 'cdnow'];

export interface PlanOptions {
  source: string;
  map: ColumnMap;
  dateFormat: DateFormat;
  cancelledPrefix: string | null;
  strict: boolean;
}

export interface BatchOutcome {
  loaded: number;
  duplicates: number;
  created: { orders: number; customers: number; products: number };
  rejected: { ref: number; field: string; reason: string }[];
}

export interface Plan {
  /** CDNOW files are whitespace-separated; the others are CSV. */
  format: 'csv' | 'whitespace';
  /** Reads the first record: a mapper, and whether that record was a header. */
  start(first: ImportRecord): { map: (r: ImportRecord) => RowOutcome<unknown>; header: boolean };
  write(s: SqlSession, rows: unknown[]): Promise<BatchOutcome>;
}

const none = { orders: 0, customers: 0, products: 0 };

export function planFor(kind: ImportKind, o: PlanOptions): Plan {
  switch (kind) {
    case 'cdnow':
    case 'transactions':
      return {
        format: kind === 'cdnow' ? 'whitespace' : 'csv',
        start: (first) =>
          kind === 'cdnow'
            ? { map: cdnowMapper(), header: isCdnowHeader(first) }
            : { map: transactionMapper(first.fields, o.map, o), header: true },
        write: async (s, rows) => {
          const r = await writeOrderLines(s, rows as never, {
            source: o.source,
            createCustomers: true,
            createProducts: !o.strict,
          });
          return {
            loaded: r.linesInserted,
            duplicates: r.staged - r.rejected.length - r.linesInserted,
            created: {
              orders: r.ordersInserted,
              customers: r.customersCreated,
              products: r.productsCreated,
            },
            rejected: r.rejected,
          };
        },
      };
    case 'customers':
      return upsertPlan(customerMapper, writeCustomers, 'customers', o);
    case 'products':
      return upsertPlan(productMapper, writeProducts, 'products', o);
  }
}

/** Files of profiles (customers, products): upserted rows; unchanged ones count as duplicates. */
function upsertPlan<T>(
  mapper: (
    header: string[],
    map: PlanOptions['map'],
    format: PlanOptions['dateFormat'],
  ) => (r: ImportRecord) => RowOutcome<T>,
  write: (
    s: SqlSession,
    rows: T[],
    source: string,
  ) => Promise<{ staged: number; inserted: number; updated: number }>,
  created: 'customers' | 'products',
  o: PlanOptions,
): Plan {
  return {
    format: 'csv',
    start: (first) => ({ map: mapper(first.fields, o.map, o.dateFormat), header: true }),
    write: async (s, rows) => {
      const r = await write(s, rows as T[], o.source);
      const loaded = r.inserted + r.updated;
      return {
        loaded,
        duplicates: r.staged - loaded,
        created: { ...none, [created]: r.inserted },
        rejected: [],
      };
    },
  };
}
