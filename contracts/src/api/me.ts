// /api/v1/me and /api/v1/support: who is signed in, and how clients reach the business.
import { z } from 'zod';
import { roles } from '../roles.ts';

export const Me = z.object({
  user: z.object({
    telegramId: z.string(),
    firstName: z.string(),
    lastName: z.string().nullable(),
    username: z.string().nullable(),
    languageCode: z.string().nullable(),
  }),
  role: z.enum(roles),
  scope: z.object({ region: z.string().nullable() }),
  customer: z.object({ id: z.number().int(), name: z.string().nullable() }).nullable(),
  demo: z.boolean(),
  business: z.object({
    currency: z
      .string()
      .nullable()
      .describe('ISO 4217 code money is shown in (the CURRENCY setting); null: plain numbers'),
  }),
});

export const Support = z.object({
  telegram: z.string().nullable().describe('username without @'),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  hours: z.string().nullable(),
});
