// Per kind of file: how to read it, map its rows, and write a batch.
import type { SqlSession } from '@retention/db';
import { writeCustomers } from '../ingest/write-customers.ts';
import { type OrderLine, writeOrderLines } from '../ingest/write-order-lines.ts';
import { writeProducts } from '../ingest/write-products.ts';
import type { ColumnMap } from './columns.ts';
import { cdnowMapper, isCdnowHeader } from './kinds/cdnow.ts';
import { customerMapper, productMapper } from './kinds/profiles.ts';
import { transactionMapper } from './kinds/transactions.ts';
import type { ImportRecord, Mapped, PlanOptions } from './records.ts';

export type ImportKind = 'transactions' | 'customers' | 'products' | 'cdnow';
export const importKinds: ImportKind[] = ['transactions', 'customers', 'products', 'cdnow'];

export interface BatchOutcome {
  loaded: number;
  duplicates: number;
  created: { orders: number; customers: number; products: number };
  rejected: { ref: number; field: string; reason: string }[];
}

/** A file's rows as values to write, once its first record is read; `header`: that record
 * was a header, not a row. */
export type Started = Mapped<unknown> & { header: boolean };

export interface Plan {
  /** Reads the first record: a mapper, and whether that record was a header. */
  start(first: ImportRecord): Started;
  write(s: SqlSession, rows: unknown[]): Promise<BatchOutcome>;
}

const none = { orders: 0, customers: 0, products: 0 };

export function planFor(kind: ImportKind, o: PlanOptions): Plan {
  switch (kind) {
    case 'cdnow':
    case 'transactions':
      return {
        start: (first) =>
          kind === 'cdnow'
            ? {
                map: cdnowMapper(),
                columns: {},
                layout: 'CDNOW purchases',
                header: isCdnowHeader(first),
              }
            : { ...transactionMapper(first.fields, o.map, o), header: true },
        write: async (s, rows) => {
          // A row of a file may hold several lines (products packed in one cell).
          const r = await writeOrderLines(s, (rows as (OrderLine | OrderLine[])[]).flat(), {
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
  mapper: (header: string[], map: ColumnMap, o: PlanOptions) => Mapped<T>,
  write: (
    s: SqlSession,
    rows: T[],
    source: string,
  ) => Promise<{ staged: number; inserted: number; updated: number }>,
  created: 'customers' | 'products',
  o: PlanOptions,
): Plan {
  return {
    start: (first) => ({ ...mapper(first.fields, o.map, o), header: true }),
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
