// /api/v1/share: a dashboard block sent to a chat as a picture with its title, range and
// filters (a prepared inline message the Mini App hands to Telegram's share dialog).
import { z } from 'zod';
import { blockNames } from '../blocks.ts';
import { AnalyticsQuery } from './analytics.ts';
import { Instant } from './common.ts';

export const ShareBody = AnalyticsQuery.extend({
  block: z.enum(blockNames).describe('the dashboard block to share'),
}).strict();

export const SharedMessage = z.object({
  id: z.string().describe('the prepared inline message’s id, for the Mini App’s shareMessage'),
  expiresAt: Instant.describe('when Telegram forgets the prepared message'),
  caption: z
    .array(z.string())
    .describe('the picture’s caption: title, range, filters (in the viewer’s language)'),
});

export const SharedImageParams = z.object({
  file: z
    .string()
    .regex(/^[A-Za-z0-9_-]{32}\.jpg$/, 'must be a shared picture’s file name')
    .describe('as the prepared message’s photo URL names it')
    .meta({ examples: ['Jm3kq9XwQ2a7Vb1cD4eF6gH8iJ0kL2mN.jpg'] }),
});
