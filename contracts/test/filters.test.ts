// Filters in the URL and in Telegram's startapp parameter ([A-Za-z0-9_-], at most 512).
import { describe, expect, it } from 'vitest';
import {
  decodeStartParam,
  encodeStartParam,
  filtersFromSearch,
  filtersToSearch,
} from '../src/filters.ts';

describe('dashboard filters', () => {
  it('read and write the URL query, dropping what is not a filter', () => {
    const f = filtersFromSearch(
      '?from=2025-01-01&to=2025-06-30&granularity=week&region=North&channel=web&segment=Loyal%20high%20spenders&role=client&from2=x',
    );
    expect(f).toEqual({
      from: '2025-01-01',
      to: '2025-06-30',
      granularity: 'week',
      region: 'North',
      channel: 'web',
      segment: 'Loyal high spenders',
    });
    expect(filtersFromSearch(filtersToSearch(f))).toEqual(f);
    expect(filtersFromSearch('?from=yesterday&granularity=day')).toEqual({ granularity: 'month' });
    // A saved audience is named by its id; anything else is dropped.
    expect(filtersFromSearch('?audience=12')).toEqual({ granularity: 'month', audience: '12' });
    expect(filtersFromSearch('?audience=twelve')).toEqual({ granularity: 'month' });
  });

  it('travel through a startapp value made only of allowed characters', () => {
    const filters = {
      from: '2025-01-01',
      granularity: 'week' as const,
      region: 'Северо-Запад',
      segment: 'Can’t lose & friends',
      audience: '42',
    };
    const param = encodeStartParam({ screen: 'dashboard', filters });
    expect(param).toMatch(/^[A-Za-z0-9_-]{1,512}$/);
    expect(decodeStartParam(param)).toEqual({ screen: 'dashboard', filters });
    expect(encodeStartParam({ screen: 'customer', id: 1234 })).toBe('c1234');
    expect(decodeStartParam('c1234')).toEqual({ screen: 'customer', id: 1234 });
  });

  it('ignores start values it cannot read, and refuses links too long for Telegram', () => {
    for (const bad of ['', 'x', 'd!!', 'dnotbase64json', 'c12a', `d${'A'.repeat(600)}`]) {
      expect(decodeStartParam(bad), bad).toBeNull();
    }
    expect(() =>
      encodeStartParam({
        screen: 'dashboard',
        filters: {
          granularity: 'month',
          segment: 'x'.repeat(100),
          region: 'y'.repeat(100),
          channel: 'z'.repeat(100),
          from: '2025-01-01',
          to: '2025-02-01',
        },
      }),
    ).not.toThrow();
    expect(() =>
      encodeStartParam({
        screen: 'dashboard',
        filters: {
          granularity: 'month',
          segment: 'é'.repeat(100),
          region: 'ж'.repeat(100),
          channel: 'ü'.repeat(100),
        },
      }),
    ).toThrow(/too long/);
  });
});
