// Calendar arithmetic of the analytics: periods, defaults and today in a time zone.
import { describe, expect, it } from 'vitest';
import { todayIn } from '../src/analytics/clock.ts';
import { dayOf, isoOf, periodsOf, previousRange, resolveRange } from '../src/analytics/periods.ts';

const iso = (periods: { start: number; end: number; partial: boolean }[]) =>
  periods.map((p) => [isoOf(p.start), isoOf(p.end - 1), p.partial]);

describe('analytics periods', () => {
  it('cuts months to the range and marks the cut ones', () => {
    expect(iso(periodsOf(dayOf('2023-12-15'), dayOf('2024-02-29'), 'month'))).toEqual([
      ['2023-12-15', '2023-12-31', true],
      ['2024-01-01', '2024-01-31', false],
      ['2024-02-01', '2024-02-29', false],
    ]);
  });

  it('starts weeks on Monday, across a year end', () => {
    expect(iso(periodsOf(dayOf('2024-12-30'), dayOf('2025-01-12'), 'week'))).toEqual([
      ['2024-12-30', '2025-01-05', false],
      ['2025-01-06', '2025-01-12', false],
    ]);
    expect(iso(periodsOf(dayOf('2025-01-01'), dayOf('2025-01-01'), 'week'))).toEqual([
      ['2025-01-01', '2025-01-01', true],
    ]);
  });

  it('defaults to twelve periods back to today and cuts a later `to` to today', () => {
    const today = dayOf('2026-11-21');
    const r = resolveRange({ granularity: 'month' }, today);
    expect([isoOf(r.from), isoOf(r.to), r.periods.length]).toEqual([
      '2025-12-01',
      '2026-11-21',
      12,
    ]);
    expect(r.periods.at(-1)?.partial).toBe(true);
    const w = resolveRange({ granularity: 'week', to: '2030-01-01' }, today);
    expect([isoOf(w.from), isoOf(w.to), w.periods.length]).toEqual([
      '2026-08-31',
      '2026-11-21',
      12,
    ]);
  });

  it('compares with the same number of days just before', () => {
    const p = previousRange(dayOf('2024-03-01'), dayOf('2024-03-31'));
    expect([isoOf(p.from), isoOf(p.to)]).toEqual(['2024-01-30', '2024-02-29']);
  });

  it('knows which day it is in the business time zone', () => {
    const late = new Date('2024-03-31T22:30:00Z');
    expect(isoOf(todayIn('UTC', late))).toBe('2024-03-31');
    expect(isoOf(todayIn('Europe/Berlin', late))).toBe('2024-04-01'); // 00:30 summer time
    expect(isoOf(todayIn('America/Los_Angeles', late))).toBe('2024-03-31');
  });

  it('rejects impossible dates', () => {
    expect(dayOf('2023-02-29')).toBeNaN();
    expect(dayOf('2024-02-29')).not.toBeNaN();
    expect(() =>
      resolveRange({ granularity: 'month', from: '2024-13-01' }, dayOf('2026-01-01')),
    ).toThrow(/must be a date/);
  });
});
