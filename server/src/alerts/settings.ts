// A staff member's alert and digest settings: read with defaults, changed with validation
// (a refused change comes back with its reason, as the bot shows it).

import { type BlockName, blockNames, type ReasonKey } from '@retention/contracts';
import type { PrismaClient } from '@retention/db';
import { Refusal } from '../errors.ts';
import { isTimeZone, minuteOf } from '../lib/local-time.ts';
import type { Schedule } from './schedule.ts';

export interface AlertSettings extends Schedule {
  telegramUserId: bigint;
  language: 'en' | 'ru' | null;
  screenshotBlock: BlockName | null;
  /** Percent, 0-100. */
  churnRateAbove: number | null;
  /** Percent, 0-100. */
  churnProbabilityAtLeast: number | null;
  /** CLV or value at risk at least this makes a customer "high value". */
  highValueFrom: number;
  /** Failures since this instant are alerted; null = off. */
  failuresSince: Date | null;
}

export interface AlertSettingsChange {
  language?: 'en' | 'ru';
  digest?: 'off' | 'daily' | 'weekly';
  digestTime?: string;
  weekday?: number;
  timeZone?: string | null;
  screenshotBlock?: string | null;
  quietStart?: string | null;
  quietEnd?: string | null;
  churnRateAbove?: number | null;
  churnProbabilityAtLeast?: number | null;
  highValueFrom?: number;
  failureAlerts?: boolean;
}

type Row = NonNullable<Awaited<ReturnType<PrismaClient['alertSettings']['findUnique']>>>;

export function settingsOf(row: Row, businessTimeZone: string): AlertSettings {
  const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  return {
    telegramUserId: row.telegramUserId,
    language: row.language === 'ru' || row.language === 'en' ? row.language : null,
    digest: row.digest,
    digestTime: row.digestTime,
    weekday: row.weekday,
    timeZone: row.timeZone ?? businessTimeZone,
    screenshotBlock: (blockNames as readonly string[]).includes(row.screenshotBlock ?? '')
      ? (row.screenshotBlock as BlockName)
      : null,
    quietStart: row.quietStart,
    quietEnd: row.quietEnd,
    churnRateAbove: num(row.churnRateAbove),
    churnProbabilityAtLeast: num(row.churnProbabilityAtLeast),
    highValueFrom: Number(row.highValueFrom),
    failuresSince: row.failuresSince,
  };
}

export async function readAlertSettings(
  prisma: PrismaClient,
  telegramUserId: bigint,
  businessTimeZone: string,
): Promise<AlertSettings> {
  const row = await prisma.alertSettings.findUnique({ where: { telegramUserId } });
  return settingsOf(
    row ?? {
      telegramUserId,
      language: null,
      digest: 'off',
      digestTime: '09:00',
      timeZone: null,
      weekday: 1,
      screenshotBlock: null,
      quietStart: null,
      quietEnd: null,
      churnRateAbove: null,
      churnProbabilityAtLeast: null,
      highValueFrom: 1000 as unknown as Row['highValueFrom'],
      failuresSince: null,
      createdAt: new Date(0),
      updatedAt: new Date(0),
    },
    businessTimeZone,
  );
}

const bad = (key: ReasonKey, params: Record<string, string> = {}) =>
  new Refusal('bad_request', key, params);

const time = (key: 'badDigestTime' | 'badQuietHours', v: string) => {
  const m = minuteOf(v);
  if (m === null) throw bad(key);
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
};

const percent = (key: 'badChurnRateAlert' | 'badChurnProbabilityAlert', v: number | null) => {
  if (v === null) return null;
  if (!Number.isFinite(v) || v <= 0 || v >= 100) throw bad(key);
  return Math.round(v * 100) / 100;
};

/** Checks a change; returns the columns to write, or throws bad_request with the reason. */
function columnsOf(c: AlertSettingsChange, now: Date) {
  const data: Record<string, unknown> = {};
  if (c.language !== undefined) data.language = c.language;
  if (c.digest !== undefined) {
    if (!['off', 'daily', 'weekly'].includes(c.digest)) throw bad('badDigest');
    data.digest = c.digest;
  }
  if (c.digestTime !== undefined) data.digestTime = time('badDigestTime', c.digestTime);
  if (c.weekday !== undefined) {
    if (!Number.isInteger(c.weekday) || c.weekday < 1 || c.weekday > 7) {
      throw bad('badWeekday');
    }
    data.weekday = c.weekday;
  }
  if (c.timeZone !== undefined) {
    if (c.timeZone !== null && !isTimeZone(c.timeZone)) {
      throw bad('badTimeZone');
    }
    data.timeZone = c.timeZone;
  }
  if (c.screenshotBlock !== undefined) {
    if (
      c.screenshotBlock !== null &&
      !(blockNames as readonly string[]).includes(c.screenshotBlock)
    ) {
      throw bad('badBlock', { blocks: blockNames.join(', ') });
    }
    data.screenshotBlock = c.screenshotBlock;
  }
  for (const key of ['quietStart', 'quietEnd'] as const) {
    const v = c[key];
    if (v !== undefined) data[key] = v === null ? null : time('badQuietHours', v);
  }
  if (c.churnRateAbove !== undefined)
    data.churnRateAbove = percent('badChurnRateAlert', c.churnRateAbove);
  if (c.churnProbabilityAtLeast !== undefined) {
    data.churnProbabilityAtLeast = percent('badChurnProbabilityAlert', c.churnProbabilityAtLeast);
  }
  if (c.highValueFrom !== undefined) {
    if (!Number.isFinite(c.highValueFrom) || c.highValueFrom < 0 || c.highValueFrom > 1e11) {
      throw bad('badAlertAmount');
    }
    data.highValueFrom = Math.round(c.highValueFrom * 100) / 100;
  }
  if (c.failureAlerts !== undefined) data.failuresSince = c.failureAlerts ? now : null;
  return data;
}

export async function changeAlertSettings(
  prisma: PrismaClient,
  telegramUserId: bigint,
  change: AlertSettingsChange,
  businessTimeZone: string,
  now = new Date(),
): Promise<AlertSettings> {
  const data = columnsOf(change, now);
  // Turning failure alerts on again keeps the earlier start: nothing is alerted twice anyway.
  if (change.failureAlerts === true) {
    const current = await readAlertSettings(prisma, telegramUserId, businessTimeZone);
    if (current.failuresSince) delete data.failuresSince;
  }
  const row = await prisma.alertSettings.upsert({
    where: { telegramUserId },
    create: { telegramUserId, ...data },
    update: data,
  });
  return settingsOf(row, businessTimeZone);
}
