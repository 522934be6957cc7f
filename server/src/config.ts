// The server's one config schema, parsed once at start. Nothing else reads process.env.
import path from 'node:path';
import { z } from 'zod';

const botToken = /^\d{5,20}:[A-Za-z0-9_-]{30,64}$/;

const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (v === '' ? undefined : v), schema.optional());

const variables = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATA_DIR: z.string().min(1).default('.data'),
  DATABASE_URL: optional(
    z.string().regex(/^postgres(ql)?:\/\//, 'must start with postgresql:// or postgres://'),
  ),
  DEMO_DATA: z.enum(['auto', 'on', 'off']).default('auto'),
  DEMO_CUSTOMERS: z.coerce.number().int().min(10).max(1_000_000).default(5000),
  BOT_TOKEN: optional(z.string().regex(botToken, 'is not a bot token like 123456:ABC-DEF...')),
  BOT_MODE: optional(z.enum(['polling', 'webhook', 'off'])),
  PUBLIC_URL: optional(z.url({ protocol: /^https?$/ }).transform((u) => u.replace(/\/+$/, ''))),
  WEBHOOK_SECRET: optional(
    z.string().regex(/^[A-Za-z0-9_-]{16,256}$/, 'must be 16-256 of A-Z a-z 0-9 _ -'),
  ),
  TELEGRAM_API_ROOT: z.url().default('https://api.telegram.org'),
  ADMIN_TELEGRAM_IDS: z
    .string()
    .default('')
    .transform((s, ctx) => {
      const ids = s
        .split(',')
        .map((p) => p.trim())
        .filter(Boolean);
      const bad = ids.filter((id) => !/^[1-9]\d{0,15}$/.test(id));
      if (bad.length > 0) {
        ctx.addIssue({ code: 'custom', message: `not Telegram user ids: ${bad.join(', ')}` });
        return [];
      }
      return ids.map((id) => BigInt(id));
    }),
  INITDATA_MAX_AGE: z.coerce.number().int().min(60).max(31_536_000).default(86_400),
  RATE_LIMIT_MAX: z.coerce.number().int().min(1).default(600),
  TRUST_PROXY: z.stringbool().default(false),
});

/** Every environment variable the server reads. */
export const configVariables = Object.keys(variables.shape);

const schema = variables.superRefine((c, ctx) => {
  if (c.BOT_MODE === 'webhook') {
    if (!c.PUBLIC_URL?.startsWith('https://')) {
      ctx.addIssue({
        code: 'custom',
        path: ['PUBLIC_URL'],
        message: 'an https URL is required when BOT_MODE=webhook',
      });
    }
    if (!c.WEBHOOK_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['WEBHOOK_SECRET'],
        message: 'is required when BOT_MODE=webhook',
      });
    }
  }
  if (c.BOT_MODE && c.BOT_MODE !== 'off' && !c.BOT_TOKEN) {
    ctx.addIssue({
      code: 'custom',
      path: ['BOT_TOKEN'],
      message: `is required when BOT_MODE=${c.BOT_MODE}`,
    });
  }
});

export type Env = Record<string, string | undefined>;

export interface Config {
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  logLevel: string;
  dataDir: string;
  databaseUrl: string | undefined;
  demoData: 'auto' | 'on' | 'off';
  demoCustomers: number;
  /** No BOT_TOKEN: initData is signed with a per-process secret and demo sessions exist. */
  demo: boolean;
  botToken: string | undefined;
  botMode: 'polling' | 'webhook' | 'off';
  publicUrl: string | undefined;
  webhookSecret: string | undefined;
  telegramApiRoot: string;
  adminTelegramIds: bigint[];
  initDataMaxAge: number;
  rateLimitMax: number;
  trustProxy: boolean;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment; throws ConfigError listing every bad variable at once. */
export function loadConfig(env: Env, cwd = process.cwd()): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => `${i.path.join('.') || 'environment'}: ${i.message}`),
    );
  }
  const c = parsed.data;
  return {
    env: c.NODE_ENV,
    host: c.HOST,
    port: c.PORT,
    logLevel: c.LOG_LEVEL,
    dataDir: path.resolve(cwd, c.DATA_DIR),
    databaseUrl: c.DATABASE_URL,
    demoData: c.DEMO_DATA,
    demoCustomers: c.DEMO_CUSTOMERS,
    demo: !c.BOT_TOKEN,
    botToken: c.BOT_TOKEN,
    botMode: c.BOT_MODE ?? (c.BOT_TOKEN ? 'polling' : 'off'),
    publicUrl: c.PUBLIC_URL,
    webhookSecret: c.WEBHOOK_SECRET,
    telegramApiRoot: c.TELEGRAM_API_ROOT,
    adminTelegramIds: c.ADMIN_TELEGRAM_IDS,
    initDataMaxAge: c.INITDATA_MAX_AGE,
    rateLimitMax: c.RATE_LIMIT_MAX,
    trustProxy: c.TRUST_PROXY,
  };
}
