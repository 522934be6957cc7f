// The calendar of the demo shop: how long the history is and how busy each day is.
// Everything is in UTC milliseconds; a day-indexed table keeps the hot loops free of Date objects.
import type { Random } from './random.ts';

export const DAY = 86_400_000;
// Three years: long enough for loyal customers to build the order counts a real shop has.
export const HISTORY_MONTHS = 36;

// Shoppers buy more around Black Friday and Christmas and less in summer.
const MONTH_FACTOR = [0.85, 0.8, 0.92, 0.95, 0.97, 0.85, 0.78, 0.82, 0.98, 1.05, 1.4, 1.55];
// Sunday first, as Date.getUTCDay counts.
const WEEKDAY_FACTOR = [1.1, 0.95, 0.92, 0.93, 0.98, 1.05, 1.12];
// Orders cluster in the lunch break and the evening.
const HOUR_WEIGHTS = [
  2, 1, 1, 0.5, 0.5, 0.8, 1.5, 3, 4, 5, 5.5, 6, 7, 6.5, 6, 5.5, 5.5, 6, 7, 8.5, 9, 8, 6, 4,
];

export interface Timeline {
  start: number;
  now: number;
  days: number;
  /** Seasonal × weekly demand factor per day since start. */
  demand: Float64Array;
  maxDemand: number;
}

/** Today 00:00 UTC: the default end of the generated history. */
export function startOfTodayUtc(clock: Date): Date {
  return new Date(Date.UTC(clock.getUTCFullYear(), clock.getUTCMonth(), clock.getUTCDate()));
}

export function createTimeline(now: Date): Timeline {
  const end = now.getTime();
  const start = Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - HISTORY_MONTHS, 1);
  const days = Math.ceil((end - start) / DAY);
  const demand = new Float64Array(days);
  let maxDemand = 0;
  for (let d = 0; d < days; d++) {
    const date = new Date(start + d * DAY);
    const month = date.getUTCMonth();
    const dayOfMonth = date.getUTCDate();
    let factor = MONTH_FACTOR[month]! * WEEKDAY_FACTOR[date.getUTCDay()]!;
    if (month === 10 && dayOfMonth >= 22) factor *= 1.5; // Black Friday week
    if (month === 11 && dayOfMonth > 24) factor *= 0.6; // shops are quiet after Christmas
    demand[d] = factor;
    maxDemand = Math.max(maxDemand, factor);
  }
  return { start, now: end, days, demand, maxDemand };
}

export function dayIndex(timeline: Timeline, at: number): number {
  return Math.floor((at - timeline.start) / DAY);
}

export function demandAt(timeline: Timeline, at: number): number {
  return timeline.demand[dayIndex(timeline, at)] ?? 0;
}

/** A time of day (ms since midnight) following the shop's hourly traffic. */
export function timeOfDay(random: Random): number {
  const hour = random.weighted(HOUR_WEIGHTS);
  return hour * 3_600_000 + random.int(0, 3599) * 1000;
}

/** Moves a moment to the same day at a realistic hour, never past the end of the history. */
export function atBusyHour(timeline: Timeline, random: Random, at: number): number {
  const midnight = timeline.start + Math.floor((at - timeline.start) / DAY) * DAY;
  const placed = midnight + timeOfDay(random);
  return Math.min(placed, timeline.now - 1000);
}

export function formatCents(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
