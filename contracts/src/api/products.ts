// /api/v1/products: the catalogue with current prices.
import { z } from 'zod';
import { Instant, Label, Money, Pagination, pageOf, SearchText } from './common.ts';

export const ProductsQuery = Pagination.extend({
  q: SearchText.optional().describe('name or SKU'),
  category: Label.optional(),
  tag: Label.optional(),
  sort: z.enum(['name', '-name', 'sku', 'id']).default('name'),
});

export const Product = z.object({
  id: z.number().int(),
  sku: z.string(),
  name: z.string(),
  category: z.string().nullable(),
  tags: z.array(z.string()),
  price: Money.nullable(),
  priceSince: Instant.nullable(),
});

export const ProductPage = pageOf(Product);
