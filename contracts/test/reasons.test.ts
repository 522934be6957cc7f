// Reasons: both languages name the same values, the values are filled in, and a reason
// survives being sent as plain data (an error body, a thread's message, a JSON column).
import { describe, expect, it } from 'vitest';
import { ReasonError, reasonOf, reasons, reasonText } from '../src/reasons.ts';

const names = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('reasons', () => {
  it('name the same values in English and Russian', () => {
    for (const [key, texts] of Object.entries(reasons)) {
      expect(new Set(names(texts.ru)), key).toEqual(new Set(names(texts.en)));
    }
  });

  it('fill in their values, and leave a value not given visible', () => {
    const reason = {
      key: 'fromAfterTo' as const,
      params: { from: '2024-03-01', to: '2024-01-01' },
    };
    expect(reasonText(reason, 'en')).toBe('from (2024-03-01) is after to (2024-01-01)');
    expect(reasonText(reason, 'ru')).toBe(
      'начало периода (2024-03-01) позже его конца (2024-01-01)',
    );
    expect(reasonText({ key: 'outsideScope', params: {} }, 'ru')).toBe(
      'ваш доступ ограничен регионом {region}',
    );
    // A value is put in as it is: no second round of filling.
    expect(reasonText({ key: 'outsideScope', params: { region: '{region}$&' } }, 'en')).toBe(
      'your access is limited to region {region}$&',
    );
  });

  it('travel as plain data and are refused when they are not reasons', () => {
    const error = new ReasonError('offerCodeTaken', { code: 'SAVE10' });
    expect(error.message).toBe('an offer with code SAVE10 exists already; choose another code');
    const sent = JSON.parse(JSON.stringify({ reason: error.reason }));
    expect(reasonOf(sent)).toEqual({ key: 'offerCodeTaken', params: { code: 'SAVE10' } });
    expect(reasonOf(new Error('plain'))).toBeNull();
    expect(reasonOf({ reason: { key: 'noSuchReason', params: {} } })).toBeNull();
    expect(reasonOf({ reason: { key: 'toString', params: {} } })).toBeNull();
    expect(reasonOf({ reason: { key: 'outsideScope', params: null } })).toBeNull();
    expect(reasonOf(null)).toBeNull();
  });
});
