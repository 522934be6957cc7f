// /api/v1/recommendations: products for a customer.
import { z } from 'zod';
import { Id } from './common.ts';

export const RecommendationParams = z.object({ id: Id });

export const Recommendations = z.object({
  customerId: z.number().int(),
  run: z.object({ id: z.number().int(), asOf: z.string() }).nullable(),
  items: z.array(
    z.object({
      id: z.number().int(),
      sku: z.string(),
      name: z.string(),
      category: z.string().nullable(),
      score: z.number(),
      basis: z
        .enum(['similar', 'popular'])
        .describe('from what they bought, or popular in their segment'),
      becauseProductId: z.number().int().nullable(),
    }),
  ),
  message: z.string().nullable(),
});
