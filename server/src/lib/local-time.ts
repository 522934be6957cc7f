// Wall-clock time in an IANA zone, DST included, with nothing but Intl: the local date and
// minute of an instant, and the instant of a local date and time.

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      weekday: 'short',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export interface LocalTime {
  /** YYYY-MM-DD */
  date: string;
  /** The same date as days since 1970-01-01. */
  day: number;
  /** Minutes since local midnight. */
  minute: number;
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  weekday: number;
}

const weekdays: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

function parts(t: number, timeZone: string) {
  const p = Object.fromEntries(
    formatter(timeZone)
      .formatToParts(new Date(t))
      .map((x) => [x.type, x.value]),
  );
  return {
    y: Number(p.year),
    mo: Number(p.month),
    d: Number(p.day),
    h: Number(p.hour),
    mi: Number(p.minute),
    s: Number(p.second),
    wd: weekdays[p.weekday ?? ''] ?? 1,
  };
}

export function localTime(t: Date, timeZone: string): LocalTime {
  const p = parts(t.getTime(), timeZone);
  const date = `${p.y}-${String(p.mo).padStart(2, '0')}-${String(p.d).padStart(2, '0')}`;
  const day = Date.UTC(p.y, p.mo - 1, p.d) / 86_400_000;
  return { date, day, minute: p.h * 60 + p.mi, weekday: p.wd };
}

/** The zone's offset from UTC at instant t, in milliseconds. */
function offsetAt(t: number, timeZone: string): number {
  const p = parts(t, timeZone);
  return Date.UTC(p.y, p.mo - 1, p.d, p.h, p.mi, p.s) - Math.floor(t / 1000) * 1000;
}

/**
 * The instant a local date (YYYY-MM-DD) shows `minute` minutes past midnight. A time the
 * clocks skip (spring forward) is taken on the old offset, so it lands as far past the gap
 * as it was into it (02:30 → 03:30); a time shown twice (fall back) is its first showing.
 */
export function instantOf(date: string, minute: number, timeZone: string): Date {
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  const wall = Date.UTC(y, mo - 1, d, Math.floor(minute / 60), minute % 60);
  const before = offsetAt(wall - 86_400_000 / 2, timeZone);
  const after = offsetAt(wall + 86_400_000 / 2, timeZone);
  const shows = (t: number) => offsetAt(t, timeZone) === wall - t;
  const candidates = [wall - before, wall - after].filter(shows).sort((a, b) => a - b);
  return new Date(candidates[0] ?? wall - before);
}

/** The calendar date `days` after a YYYY-MM-DD date. */
export function addDays(date: string, days: number): string {
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, mo - 1, d + days)).toISOString().slice(0, 10);
}

/** "HH:MM" (00:00-23:59) as minutes past midnight, or null when it is not such a time. */
export function minuteOf(hhmm: string): number | null {
  const m = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(hhmm.trim());
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

export const hhmm = (minute: number) =>
  `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;

/** An IANA time zone this runtime knows (UTC, Europe/Berlin…). */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
