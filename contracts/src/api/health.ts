// /health, /health/live, /health/ready: what the probes and operators read.
import { z } from 'zod';

export const Health = z.object({
  status: z.enum(['ok', 'unhealthy']),
  database: z.enum(['postgres', 'pglite']),
  migrations: z.object({ applied: z.number().int(), latest: z.string().nullable() }),
  mode: z.enum(['demo', 'telegram']),
  bot: z.enum(['polling', 'webhook', 'off']),
  version: z.string(),
  uptimeSeconds: z.number(),
  error: z.string().optional(),
});

export const HealthLive = z.object({ status: z.literal('ok'), uptimeSeconds: z.number() });
export const HealthReady = z.object({
  status: z.enum(['ready', 'unready']),
  migrations: z.object({ applied: z.number().int(), expected: z.number().int() }),
  reason: z.string().optional(),
});
