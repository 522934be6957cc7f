// What is due when: local times in the subscriber's zone (DST included), the weekly
// digest's weekday, quiet hours wrapping midnight, and catching up after a short outage.
import { describe, expect, it } from 'vitest';
import {
  catchUpMs,
  dueDigest,
  inQuietHours,
  isoWeekday,
  releaseAt,
  type Schedule,
} from '../src/alerts/schedule.ts';
import { instantOf, localTime } from '../src/lib/local-time.ts';

const daily: Schedule = {
  digest: 'daily',
  digestTime: '09:00',
  weekday: 1,
  timeZone: 'Europe/Berlin',
  quietStart: null,
  quietEnd: null,
};
const at = (iso: string) => new Date(iso);

describe('local times', () => {
  it('finds the instant of a local time across DST changes', () => {
    // Berlin: CET (+1) in winter, CEST (+2) in summer; 2026 switches Mar 29 and Oct 25.
    expect(instantOf('2026-01-15', 9 * 60, 'Europe/Berlin').toISOString()).toBe(
      '2026-01-15T08:00:00.000Z',
    );
    expect(instantOf('2026-07-15', 9 * 60, 'Europe/Berlin').toISOString()).toBe(
      '2026-07-15T07:00:00.000Z',
    );
    // 02:30 does not exist on Mar 29: taken as 03:30 CEST.
    expect(instantOf('2026-03-29', 150, 'Europe/Berlin').toISOString()).toBe(
      '2026-03-29T01:30:00.000Z',
    );
    // 02:30 happens twice on Oct 25: the first one (CEST).
    expect(instantOf('2026-10-25', 150, 'Europe/Berlin').toISOString()).toBe(
      '2026-10-25T00:30:00.000Z',
    );
    expect(localTime(at('2026-10-25T01:30:00Z'), 'Europe/Berlin')).toEqual({
      date: '2026-10-25',
      day: Date.parse('2026-10-25') / 86_400_000,
      minute: 150,
      weekday: 7,
    });
    expect(instantOf('2026-06-01', 0, 'America/New_York').toISOString()).toBe(
      '2026-06-01T04:00:00.000Z',
    );
  });
});

describe('the digest due at an instant', () => {
  it('is due from its local time, for the catch-up window, once per local date', () => {
    expect(dueDigest(daily, at('2026-01-15T07:59:59Z'))).toBeNull();
    expect(dueDigest(daily, at('2026-01-15T08:00:00Z'))).toEqual({
      slot: '2026-01-15',
      at: at('2026-01-15T08:00:00Z'),
    });
    expect(dueDigest(daily, at('2026-01-15T08:30:00Z'))?.slot).toBe('2026-01-15');
    expect(dueDigest(daily, new Date(at('2026-01-15T08:00:00Z').getTime() + catchUpMs))).toBeNull();
    expect(dueDigest({ ...daily, digest: 'off' }, at('2026-01-15T08:00:00Z'))).toBeNull();
  });

  it('follows the wall clock over DST: 09:00 local on both sides of the change', () => {
    expect(dueDigest(daily, at('2026-03-28T08:00:00Z'))?.slot).toBe('2026-03-28');
    expect(dueDigest(daily, at('2026-03-29T07:00:00Z'))?.slot).toBe('2026-03-29');
    expect(dueDigest(daily, at('2026-03-29T06:59:00Z'))).toBeNull();
    expect(dueDigest(daily, at('2026-10-26T08:00:00Z'))?.slot).toBe('2026-10-26');
    expect(dueDigest(daily, at('2026-10-26T07:00:00Z'))).toBeNull();
  });

  it('sends the weekly digest on its weekday only', () => {
    const weekly: Schedule = { ...daily, digest: 'weekly', weekday: 5 }; // Friday
    expect(isoWeekday('2026-01-16')).toBe(5);
    expect(dueDigest(weekly, at('2026-01-15T08:00:00Z'))).toBeNull();
    expect(dueDigest(weekly, at('2026-01-16T08:00:00Z'))?.slot).toBe('2026-01-16');
    expect(dueDigest(weekly, at('2026-01-17T08:00:00Z'))).toBeNull();
    expect(dueDigest({ ...weekly, weekday: 7 }, at('2026-01-18T08:00:00Z'))?.slot).toBe(
      '2026-01-18',
    );
  });

  it('moves a digest in quiet hours to their end, also past midnight', () => {
    const late: Schedule = {
      ...daily,
      timeZone: 'UTC',
      digestTime: '23:30',
      quietStart: '22:00',
      quietEnd: '07:00',
    };
    expect(dueDigest(late, at('2026-01-15T23:30:00Z'))).toBeNull();
    expect(dueDigest(late, at('2026-01-16T06:59:00Z'))).toBeNull();
    expect(dueDigest(late, at('2026-01-16T07:00:00Z'))).toEqual({
      slot: '2026-01-15',
      at: at('2026-01-16T07:00:00Z'),
    });
    const early = { ...late, digestTime: '06:00' };
    expect(dueDigest(early, at('2026-01-16T06:00:00Z'))).toBeNull();
    expect(dueDigest(early, at('2026-01-16T07:00:00Z'))?.slot).toBe('2026-01-16');
  });
});

describe('quiet hours', () => {
  const q: Schedule = { ...daily, timeZone: 'UTC', quietStart: '22:00', quietEnd: '07:00' };

  it('wrap midnight: [start, end)', () => {
    expect(inQuietHours(q, at('2026-01-15T21:59:00Z'))).toBe(false);
    expect(inQuietHours(q, at('2026-01-15T22:00:00Z'))).toBe(true);
    expect(inQuietHours(q, at('2026-01-16T03:00:00Z'))).toBe(true);
    expect(inQuietHours(q, at('2026-01-16T07:00:00Z'))).toBe(false);
    const day = { ...q, quietStart: '12:00', quietEnd: '14:00' };
    expect(inQuietHours(day, at('2026-01-16T13:00:00Z'))).toBe(true);
    expect(inQuietHours(day, at('2026-01-16T15:00:00Z'))).toBe(false);
    expect(inQuietHours({ ...q, quietEnd: '22:00' }, at('2026-01-16T22:30:00Z'))).toBe(false);
  });

  it('hold what is due to their end, in local time', () => {
    expect(releaseAt(q, at('2026-01-15T23:10:00Z'))).toEqual(at('2026-01-16T07:00:00Z'));
    expect(releaseAt(q, at('2026-01-16T05:00:00Z'))).toEqual(at('2026-01-16T07:00:00Z'));
    expect(releaseAt(q, at('2026-01-16T12:00:00Z'))).toEqual(at('2026-01-16T12:00:00Z'));
    const berlin = { ...q, timeZone: 'Europe/Berlin' };
    expect(releaseAt(berlin, at('2026-07-15T23:00:00Z'))).toEqual(at('2026-07-16T05:00:00Z'));
  });
});
