// Catalogue rows: products upserted like customers; a price is recorded in the price
// history when it is dated (once per date) or, undated, when it differs from the price in
// force now, so re-importing the same catalogue adds nothing.
import { csvRow, type SqlSession } from '@retention/db';
import { createStage, rowByKey } from './stage.ts';
import type { UpsertResult } from './write-customers.ts';

export interface ProductRow {
  ref: number;
  sku: string;
  name: string;
  category: string | null;
  tags: string[];
  price: string | null;
  priceFrom: Date | null;
}

export async function writeProducts(
  s: SqlSession,
  rows: ProductRow[],
  source: string,
): Promise<UpsertResult> {
  await createStage(
    s,
    'stage_products',
    `ref int, sku text, name text, category text, tags text[], price numeric(12,2),
    price_from timestamptz`,
  );
  const pgArray = (tags: string[]) =>
    `{${tags.map((t) => `"${t.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`).join(',')}}`;
  const csv = rows
    .map((r) =>
      csvRow([
        r.ref,
        r.sku,
        r.name,
        r.category,
        pgArray(r.tags),
        r.price,
        r.priceFrom?.toISOString() ?? null,
      ]),
    )
    .join('');
  await s.copyCsv('stage_products', csv);
  const r = await s.query<{ inserted: boolean }>(
    `INSERT INTO products (source, sku, name, category, tags)
     SELECT DISTINCT ON (sku) $1, sku, name, category, tags FROM stage_products ORDER BY sku, ref DESC
     ON CONFLICT (source, sku) DO UPDATE SET name = EXCLUDED.name, category = EXCLUDED.category, tags = EXCLUDED.tags
     WHERE (products.name, products.category, products.tags)
       IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.category, EXCLUDED.tags)
     RETURNING (xmax = 0) AS inserted`,
    [source],
  );
  await s.query(
    `INSERT INTO product_prices (product_id, price, valid_from)
     SELECT p.id, x.price, coalesce(x.price_from, now())
     FROM (SELECT DISTINCT ON (sku) sku, price, price_from FROM stage_products
           WHERE price IS NOT NULL ORDER BY sku, ref DESC) x
     CROSS JOIN LATERAL ${rowByKey('products', 'sku', 'x.sku')} p
     WHERE x.price_from IS NOT NULL OR x.price IS DISTINCT FROM (
       SELECT pp.price FROM product_prices pp WHERE pp.product_id = p.id AND pp.valid_from <= now()
       ORDER BY pp.valid_from DESC LIMIT 1)
     ON CONFLICT (product_id, valid_from) DO NOTHING`,
    [source],
  );
  const inserted = r.rows.filter((x) => x.inserted).length;
  return {
    staged: rows.length,
    inserted,
    updated: r.rows.length - inserted,
  };
}
