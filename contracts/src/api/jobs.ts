// /api/v1/jobs: training runs, and the answer of the routes that start one.
import { z } from 'zod';
import { Id } from './common.ts';

// A job trains a model on every customer of the business: its metrics and progress messages
// are business-wide, and hold counts of customers (scored, per segment, outliers) that a
// region-scoped manager does not see anywhere else. Such a manager gets the job's state, to
// follow a run they started; the model figures they need are in the analytics reports, within
// their region or labelled business-wide there.
export const Job = z.object({
  id: z.number().int(),
  kind: z.string(),
  status: z.enum(['running', 'succeeded', 'failed']),
  asOf: z.string(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  error: z.string().nullable(),
  scope: z
    .literal('business')
    .describe('metrics and progress cover every customer of the business, whoever asks'),
  metrics: z
    .record(z.string(), z.unknown())
    .nullable()
    .describe('null for a region-scoped manager: business-wide counts of customers'),
  progress: z
    .array(z.string())
    .describe(
      'messages so far, when the job runs in this server (none for a region-scoped manager)',
    ),
});

export const JobParams = z.object({ id: Id });

/** POST /analytics/segmentation and /churn-prediction: the job started, or the running one. */
export const JobStarted = z.object({
  jobId: z.number().int(),
  alreadyRunning: z.boolean(),
  status: z.string(),
});
