// /api/v1/demo (demo mode only): signed initData for a demo user.
import { z } from 'zod';
import { langs } from '../lang.ts';
import { demoRoles } from '../roles.ts';

export const DemoSessionBody = z.object({
  role: z.enum(demoRoles),
  key: z.string().max(200).optional().describe("the demo key from the start log's link"),
  lang: z
    .enum(langs)
    .default('en')
    .describe("the demo user's Telegram language (?lang= in the link)"),
});

export const DemoSession = z.object({
  initDataRaw: z.string(),
  role: z.string(),
  user: z.object({
    id: z.number(),
    first_name: z.string(),
    last_name: z.string().optional(),
    username: z.string().optional(),
    language_code: z.string().optional(),
  }),
});
