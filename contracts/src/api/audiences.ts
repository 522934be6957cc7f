// /api/v1/audiences: lists of customers saved under a name, to filter the dashboard by and to
// aim a campaign at. A live audience is its list's definition, brought up to date when the
// data or the models change; a snapshot keeps the customers it had when saved.
import { z } from 'zod';
import { Id, Instant, Label } from './common.ts';
import { checkListParams, ListDefinition } from './customers-behind.ts';

export const AudienceMode = z
  .enum(['live', 'snapshot'])
  .describe('live: re-evaluated as the data changes; snapshot: the customers as saved');

export const AudienceBody = z
  .object({
    name: Label,
    mode: AudienceMode.default('live'),
    list: ListDefinition.superRefine(checkListParams).describe(
      'the list to save, named as GET /api/v1/analytics/customers takes it (less sort and page)',
    ),
  })
  .strict();

export const Audience = z.object({
  id: z.number().int(),
  name: z.string(),
  mode: AudienceMode,
  size: z.number().int().describe('members when last evaluated'),
  list: z
    .record(z.string(), z.union([z.string(), z.number()]))
    .describe('the saved list’s definition; a snapshot’s range as it was resolved when saved'),
  scope: z
    .string()
    .nullable()
    .describe('the region its creator was scoped to: it never holds customers outside it'),
  createdBy: z.string().nullable().describe('Telegram user id of its creator'),
  createdAt: Instant,
  evaluatedAt: Instant.describe('when its members were last computed'),
});

export const AudienceList = z.object({ items: z.array(Audience) });
export const AudienceParams = z.object({ id: Id });
