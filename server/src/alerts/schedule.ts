// What is due at an instant: pure functions of a subscriber's settings and `now`. Times are
// the subscriber's wall-clock times in their zone, DST included (lib/local-time.ts).
import { addDays, instantOf, localTime, minuteOf } from '../lib/local-time.ts';

export interface Schedule {
  digest: 'off' | 'daily' | 'weekly';
  /** "HH:MM" local. */
  digestTime: string;
  /** ISO weekday of the weekly digest: 1 = Monday … 7 = Sunday. */
  weekday: number;
  timeZone: string;
  /** Quiet hours [start, end) local "HH:MM"; may wrap midnight; null = none. */
  quietStart: string | null;
  quietEnd: string | null;
}

/** A digest that is late by more than this (the server was down) is not sent any more. */
export const catchUpMs = 60 * 60_000;

/** Quiet hours as minutes, or null when none (unset, invalid, or start = end). */
function quiet(s: Schedule): { start: number; end: number } | null {
  const start = minuteOf(s.quietStart ?? '');
  const end = minuteOf(s.quietEnd ?? '');
  return start === null || end === null || start === end ? null : { start, end };
}

export function inQuietHours(s: Schedule, t: Date): boolean {
  const q = quiet(s);
  if (!q) return false;
  const { minute } = localTime(t, s.timeZone);
  return q.start < q.end
    ? minute >= q.start && minute < q.end
    : minute >= q.start || minute < q.end;
}

/** When something due at `t` may be sent: `t`, or the end of the quiet hours it falls in. */
export function releaseAt(s: Schedule, t: Date): Date {
  const q = quiet(s);
  if (!q || !inQuietHours(s, t)) return t;
  const { date } = localTime(t, s.timeZone);
  const today = instantOf(date, q.end, s.timeZone);
  return today > t ? today : instantOf(addDays(date, 1), q.end, s.timeZone);
}

export interface DueDigest {
  /** The local date the digest is for: its unique slot. */
  slot: string;
  /** Its time, or the end of the quiet hours it fell in. */
  at: Date;
}

/**
 * The digest due at `now`, if any: today's (or yesterday's, moved past midnight by quiet
 * hours) once its time has come, for up to `catchUpMs` after it.
 */
export function dueDigest(s: Schedule, now: Date): DueDigest | null {
  const minute = minuteOf(s.digestTime);
  if (s.digest === 'off' || minute === null) return null;
  const { date: today } = localTime(now, s.timeZone);
  for (const date of [today, addDays(today, -1)]) {
    if (s.digest === 'weekly' && isoWeekday(date) !== s.weekday) continue;
    const at = releaseAt(s, instantOf(date, minute, s.timeZone));
    const late = now.getTime() - at.getTime();
    if (late >= 0 && late < catchUpMs) return { slot: date, at };
  }
  return null;
}

/** ISO weekday of a YYYY-MM-DD date (1 = Monday). */
export function isoWeekday(date: string): number {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}
