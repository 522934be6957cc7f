// The business's "today": the day default ranges end on, models train as of and cards count
// from. Today, unless the data stopped long ago (a historical export, the CDNOW data set
// ending 1998-06-30): when the newest order, event or contract is older than the churn
// window, every customer would look churned and every default screen would be empty, so the
// day is the data's last day, and the screens say so. AS_OF sets it by hand.
import type { Database } from '@retention/db';
import type { AnalyticsSettings } from '../config.ts';
import { localTime } from '../lib/local-time.ts';
import { dayOf, isoOf } from './periods.ts';

export interface BusinessDay {
  /** The day (days since 1970-01-01) taken as today. */
  today: number;
  /** Why: the calendar, the data's last day, or the AS_OF setting. */
  by: 'calendar' | 'data ends' | 'AS_OF';
  /** The data's last day when it is older than the window (shown as "data ends ..."), else null. */
  dataEnds: string | null;
  /** The instant taken as now: the present, or the end of the day taken as today. */
  at: Date;
}

/** The calendar's date in `timeZone` at `now`, as days since 1970-01-01. */
export function todayIn(timeZone: string, now = new Date()): number {
  return localTime(now, timeZone).day;
}

export function businessDay(
  settings: Pick<AnalyticsSettings, 'asOf' | 'timeZone' | 'windowDays'>,
  lastDataDay: number | null,
  now = new Date(),
): BusinessDay {
  const calendar = todayIn(settings.timeZone, now);
  const stale = lastDataDay !== null && lastDataDay < calendar - settings.windowDays;
  const dataEnds = stale ? isoOf(lastDataDay) : null;
  const endOf = (day: number) => new Date((day + 1) * 86_400_000 - 1);
  if (settings.asOf === 'today') return { today: calendar, by: 'calendar', dataEnds, at: now };
  if (settings.asOf !== 'auto') {
    const day = dayOf(settings.asOf);
    return { today: day, by: 'AS_OF', dataEnds, at: endOf(day) };
  }
  return stale
    ? { today: lastDataDay, by: 'data ends', dataEnds, at: endOf(lastDataDay) }
    : { today: calendar, by: 'calendar', dataEnds: null, at: now };
}

/**
 * The newest day the data knows of: an order, an event, a contract starting or ending (up to
 * today); null when there is none. A contract without an end is live: the data is current.
 */
export async function lastDataDay(db: Database): Promise<number | null> {
  const { rows } = await db.query<{ day: string | null }>(
    `SELECT to_char(CASE WHEN EXISTS (SELECT 1 FROM contracts WHERE end_at IS NULL)
                         THEN current_date
                         ELSE greatest(
                           (SELECT max(last_order_day) FROM analytics_customers),
                           (SELECT max(day) FROM analytics_event_days),
                           -- least() skips NULL: no contracts would give today.
                           (SELECT CASE WHEN count(*) > 0
                                        THEN least(max(greatest(start_at, end_at))::date, current_date)
                                   END FROM contracts))
                    END, 'YYYY-MM-DD') AS day`,
  );
  const day = rows[0]?.day;
  return day ? dayOf(day) : null;
}
