// The server's one config schema, parsed once at start. Nothing else reads process.env.
import path from 'node:path';
import { isCurrencyCode, Label } from '@retention/contracts';
import { z } from 'zod';
import { isTimeZone } from './lib/local-time.ts';

const botToken = /^\d{5,20}:[A-Za-z0-9_-]{30,64}$/;
const telegramId = /^[1-9]\d{0,15}$/;
const placeholderSecrets = new Set(['change-me-to-a-long-random-string']);

const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (v === '' ? undefined : v), schema.optional());

/** A loyalty tier of LOYALTY_TIERS. */
export interface LoyaltyTier {
  name: string;
  /** Spend over the last 365 days from which the tier applies (the first tier's is 0). */
  from: number;
}

const list = (s: string) =>
  s
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);

export interface StaffSeat {
  telegramUserId: bigint;
  /** Region scope of a manager; null means every region. */
  region: string | null;
}

const variables = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LOG_DIR: optional(z.string().min(1)),
  METRICS_TOKEN: optional(
    z.string().regex(/^[\x21-\x7e]{16,256}$/, 'must be 16-256 printable characters, no spaces'),
  ),
  DATA_DIR: z.string().min(1).default('.data'),
  DATABASE_URL: optional(
    z.string().regex(/^postgres(ql)?:\/\//, 'must start with postgresql:// or postgres://'),
  ),
  DEMO_KEY: optional(z.string().regex(/^[\w-]{16,128}$/, 'must be 16-128 letters, digits, - or _')),
  DEMO_DATA: z.enum(['auto', 'on', 'off']).default('auto'),
  DEMO_CUSTOMERS: z.coerce.number().int().min(10).max(1_000_000).default(5000),
  BOT_TOKEN: optional(z.string().regex(botToken, 'is not a bot token like 123456:ABC-DEF...')),
  BOT_MODE: optional(z.enum(['polling', 'webhook', 'off'])),
  PUBLIC_URL: optional(z.url({ protocol: /^https?$/ }).transform((u) => u.replace(/\/+$/, ''))),
  WEBHOOK_SECRET: optional(
    z.string().regex(/^[A-Za-z0-9_-]{16,256}$/, 'must be 16-256 of A-Z a-z 0-9 _ -'),
  ),
  TELEGRAM_API_ROOT: z.url().default('https://api.telegram.org'),
  TELEGRAM_TIMEOUT_SECONDS: z.coerce.number().int().min(5).max(600).default(60),
  ADMIN_TELEGRAM_IDS: z
    .string()
    .default('')
    .transform((s, ctx) => {
      const bad = list(s).filter((id) => !telegramId.test(id));
      if (bad.length > 0) {
        ctx.addIssue({ code: 'custom', message: `not Telegram user ids: ${bad.join(', ')}` });
        return [];
      }
      return list(s).map((id) => BigInt(id));
    }),
  MANAGER_TELEGRAM_IDS: z
    .string()
    .default('')
    .transform((s, ctx): StaffSeat[] => {
      // The region is everything after the first ":", bounded as every label is (trimmed,
      // 1-100 characters, no control characters).
      const seats = list(s).map((entry) => {
        const colon = entry.indexOf(':');
        const id = colon < 0 ? entry : entry.slice(0, colon);
        const region = colon < 0 ? null : Label.safeParse(entry.slice(colon + 1));
        return { entry, id, region };
      });
      const bad = seats.filter((e) => !telegramId.test(e.id) || e.region?.success === false);
      if (bad.length > 0) {
        const shown = bad.map((b) => JSON.stringify(b.entry.slice(0, 40))).join(', ');
        ctx.addIssue({
          code: 'custom',
          message: `not "id" or "id:Region" entries (a region is 1-100 characters, no control characters): ${shown}`,
        });
        return [];
      }
      return seats.map((e) => ({
        telegramUserId: BigInt(e.id),
        region: e.region?.success ? e.region.data : null,
      }));
    }),
  INITDATA_MAX_AGE: z.coerce.number().int().min(60).max(31_536_000).default(86_400),
  RATE_LIMIT_MAX: z.coerce.number().int().min(1).default(600),
  TRUST_PROXY: z
    .string()
    .default('false')
    .transform((v, ctx): false | number | string => {
      if (v === 'false' || v === '') return false;
      if (/^\d{1,2}$/.test(v)) return Number(v);
      if (/^[\d.:a-fA-F/]+(\s*,\s*[\d.:a-fA-F/]+)*$/.test(v)) return v;
      ctx.addIssue({
        code: 'custom',
        message:
          'must be false, a number of proxy hops (e.g. 1) or proxy addresses/CIDRs (e.g. 127.0.0.1,10.0.0.0/8); "true" would trust client-written X-Forwarded-For',
      });
      return false;
    }),
  CHURN_WINDOW_DAYS: z.coerce.number().int().min(7).max(730).default(90),
  CHURN_HORIZON_DAYS: z.coerce.number().int().min(7).max(730).optional(),
  BUSINESS_TIMEZONE: z
    .string()
    .default('UTC')
    .refine(isTimeZone, 'is not an IANA time zone like UTC or Europe/Berlin'),
  AS_OF: z
    .string()
    .default('auto')
    .refine(
      (v) =>
        v === 'auto' ||
        v === 'today' ||
        (/^\d{4}-\d{2}-\d{2}$/.test(v) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v)),
      'is auto, today or a date like 1998-06-30',
    ),
  AT_RISK_SHARE: z.coerce.number().gt(0).max(1).default(0.2),
  GROSS_MARGIN: z.coerce.number().gt(0).max(1).default(1),
  ANALYTICS_REFRESH_SECONDS: z.coerce.number().int().min(1).max(86_400).default(30),
  ANALYTICS_REFRESH_GAP_SECONDS: z.coerce.number().min(0).max(3600).default(5),
  ANALYTICS_CACHE_MB: z.coerce.number().int().min(0).max(65_536).default(64),
  RETRAIN_HOURS: z.coerce.number().min(0).max(8760).default(24),
  DELIVERY_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(3600).default(5),
  CHROMIUM_PATH: z.string().min(1).default('/usr/bin/chromium'),
  LOYALTY_TIERS: z
    .string()
    .default('Member:0,Silver:500,Gold:1500,Platinum:5000')
    .transform((s, ctx): LoyaltyTier[] => {
      const tiers = list(s).map((entry) => {
        const [name = '', from = ''] = entry.split(':').map((p) => p.trim());
        return { entry, name, from: /^\d+(\.\d+)?$/.test(from) ? Number(from) : Number.NaN };
      });
      const bad = tiers.filter((t) => !t.name || Number.isNaN(t.from));
      const ascending = tiers.every((t, i) => i === 0 || t.from > (tiers[i - 1]?.from ?? 0));
      if (bad.length > 0 || tiers[0]?.from !== 0 || !ascending) {
        ctx.addIssue({
          code: 'custom',
          message:
            'must be "Name:from" entries with rising amounts, the first from 0, e.g. Member:0,Silver:500,Gold:1500',
        });
        return [];
      }
      return tiers.map(({ name, from }) => ({ name, from }));
    }),
  SUPPORT_TELEGRAM: optional(
    z
      .string()
      .regex(/^@?[A-Za-z][A-Za-z0-9_]{3,31}$/, 'must be a Telegram username like @shop_support')
      .transform((u) => u.replace(/^@/, '')),
  ),
  SUPPORT_EMAIL: optional(z.email()),
  SUPPORT_PHONE: optional(
    z.string().regex(/^\+?[\d\s()-]{5,30}$/, 'must be a phone number like +44 20 7946 0000'),
  ),
  SUPPORT_HOURS: optional(z.string().trim().min(1).max(100)),
  CURRENCY: optional(
    z
      .string()
      .trim()
      .transform((c) => c.toUpperCase())
      .refine(isCurrencyCode, 'must be an ISO 4217 currency code like RUB, USD or EUR'),
  ),
});

/** Every environment variable the server reads. */
export const configVariables = Object.keys(variables.shape);

const schema = variables.superRefine((c, ctx) => {
  const problem = (variable: string, message: string) =>
    ctx.addIssue({ code: 'custom', path: [variable], message });
  if (c.BOT_MODE === 'webhook') {
    if (!c.PUBLIC_URL?.startsWith('https://')) {
      problem('PUBLIC_URL', 'an https URL is required when BOT_MODE=webhook');
    }
    if (!c.WEBHOOK_SECRET) problem('WEBHOOK_SECRET', 'is required when BOT_MODE=webhook');
  }
  if (c.WEBHOOK_SECRET && placeholderSecrets.has(c.WEBHOOK_SECRET)) {
    problem('WEBHOOK_SECRET', 'is the example value; choose your own random string');
  }
  if (c.METRICS_TOKEN && placeholderSecrets.has(c.METRICS_TOKEN)) {
    problem('METRICS_TOKEN', 'is the example value; choose your own random string');
  }
  if (c.BOT_MODE && c.BOT_MODE !== 'off' && !c.BOT_TOKEN) {
    problem('BOT_TOKEN', `is required when BOT_MODE=${c.BOT_MODE}`);
  }
  if (c.NODE_ENV === 'production' && !c.BOT_TOKEN) {
    problem(
      'BOT_TOKEN',
      'is required when NODE_ENV=production (without it the server runs in demo mode, which signs in anyone on this machine)',
    );
  }
});

export type Env = Record<string, string | undefined>;

export interface Config {
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  logLevel: string;
  /** JSON logs also go to rotating files here (daily, 7 kept); unset = console only. */
  logDir: string | undefined;
  /** Bearer token for GET /metrics; unset = loopback callers only. */
  metricsToken: string | undefined;
  dataDir: string;
  databaseUrl: string | undefined;
  demoData: 'auto' | 'on' | 'off';
  demoCustomers: number;
  /** No BOT_TOKEN: initData is signed with a per-process secret and demo sessions exist. */
  demo: boolean;
  /** Demo mode: the key a demo session must show (printed in the start log's link). */
  demoKey: string | undefined;
  botToken: string | undefined;
  botMode: 'polling' | 'webhook' | 'off';
  publicUrl: string | undefined;
  webhookSecret: string | undefined;
  telegramApiRoot: string;
  /** A Bot API call not answered in this time fails (and is retried); long polls wait less. */
  telegramTimeoutSeconds: number;
  adminTelegramIds: bigint[];
  managerTelegramIds: StaffSeat[];
  initDataMaxAge: number;
  rateLimitMax: number;
  /** false, a number of trusted proxy hops, or trusted proxy addresses (comma-separated). */
  trustProxy: false | number | string;
  analytics: AnalyticsSettings;
  /** Models retrain this often (hours); 0 = only when asked. */
  retrainHours: number;
  /** Queued campaign offers are looked for this often (seconds) where the bot runs. */
  deliveryIntervalSeconds: number;
  /** The Chromium the bot's screenshots are rendered with. */
  chromiumPath: string;
  /** Loyalty tiers by spend over the last 365 days, ascending, the first from 0. */
  loyaltyTiers: LoyaltyTier[];
  /** How clients reach the business; every field optional. */
  support: SupportContacts;
}

export interface SupportContacts {
  telegram: string | null;
  email: string | null;
  phone: string | null;
  hours: string | null;
}

export interface AnalyticsSettings {
  /** Inactivity window W in days: active = an order in the last W days or a live contract. */
  windowDays: number;
  /** IANA zone whose calendar days, weeks and months the metrics use. */
  timeZone: string;
  /**
   * The business's "today" for default ranges, training and cards: `auto` is today, or the
   * data's last day when the newest data is older than the window; `today`; or a date.
   */
  asOf: string;
  /** Share of active customers the churn model flags as at risk: the team's capacity. */
  atRiskShare: number;
  /** The churn model's horizon H: "no order in the next H days" (default W). */
  horizonDays: number;
  /** Share of revenue kept as gross margin, for simple LTV. */
  grossMargin: number;
  /** The ISO 4217 currency money is shown in (CURRENCY); null: plain numbers. */
  currency: string | null;
  /** How often derived tables catch up with new data, at most. */
  refreshSeconds: number;
  /** After ingestion, the least time between two refreshes (by any instance). */
  gapSeconds: number;
  /** Bytes of report answers the result cache keeps; 0 keeps none. */
  cacheBytes: number;
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
    logDir: c.LOG_DIR && path.resolve(cwd, c.LOG_DIR),
    metricsToken: c.METRICS_TOKEN,
    dataDir: path.resolve(cwd, c.DATA_DIR),
    databaseUrl: c.DATABASE_URL,
    demoData: c.DEMO_DATA,
    demoCustomers: c.DEMO_CUSTOMERS,
    demo: !c.BOT_TOKEN,
    demoKey: c.DEMO_KEY,
    botToken: c.BOT_TOKEN,
    botMode: c.BOT_MODE ?? (c.BOT_TOKEN ? 'polling' : 'off'),
    publicUrl: c.PUBLIC_URL,
    webhookSecret: c.WEBHOOK_SECRET,
    telegramApiRoot: c.TELEGRAM_API_ROOT,
    telegramTimeoutSeconds: c.TELEGRAM_TIMEOUT_SECONDS,
    adminTelegramIds: c.ADMIN_TELEGRAM_IDS,
    managerTelegramIds: c.MANAGER_TELEGRAM_IDS,
    initDataMaxAge: c.INITDATA_MAX_AGE,
    rateLimitMax: c.RATE_LIMIT_MAX,
    trustProxy: c.TRUST_PROXY,
    analytics: {
      windowDays: c.CHURN_WINDOW_DAYS,
      timeZone: c.BUSINESS_TIMEZONE,
      asOf: c.AS_OF,
      atRiskShare: c.AT_RISK_SHARE,
      horizonDays: c.CHURN_HORIZON_DAYS ?? c.CHURN_WINDOW_DAYS,
      grossMargin: c.GROSS_MARGIN,
      currency: c.CURRENCY ?? null,
      refreshSeconds: c.ANALYTICS_REFRESH_SECONDS,
      gapSeconds: c.ANALYTICS_REFRESH_GAP_SECONDS,
      cacheBytes: c.ANALYTICS_CACHE_MB * 2 ** 20,
    },
    retrainHours: c.RETRAIN_HOURS,
    deliveryIntervalSeconds: c.DELIVERY_INTERVAL_SECONDS,
    chromiumPath: c.CHROMIUM_PATH,
    loyaltyTiers: c.LOYALTY_TIERS,
    support: {
      telegram: c.SUPPORT_TELEGRAM ?? null,
      email: c.SUPPORT_EMAIL ?? null,
      phone: c.SUPPORT_PHONE ?? null,
      hours: c.SUPPORT_HOURS ?? null,
    },
  };
}
