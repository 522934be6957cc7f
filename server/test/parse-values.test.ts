// Numbers and dates as exports write them (lib/parse-values.ts): what is read, and what is
// refused with a reason rather than read as something else.
import { describe, expect, it } from 'vitest';
import { type DecimalMark, parseCents, parseDate, parseQuantity } from '../src/lib/parse-values.ts';

const cents = (raw: string, mark: DecimalMark) => {
  try {
    return parseCents(raw, mark);
  } catch (err) {
    return (err as Error).message;
  }
};

describe('numbers as exports write them', () => {
  it('reads decimal commas, spaced thousands, currencies and accounting minus', () => {
    expect(cents('1 234,56 ₽', ',')).toBe(123456n);
    expect(cents('1\u00a0234,5', ',')).toBe(123450n);
    expect(cents('$1,234.56', '.')).toBe(123456n);
    expect(cents('1234 руб.', ',')).toBe(123400n);
    expect(cents('USD 10.00', '.')).toBe(1000n);
    expect(cents('€ 12,00', ',')).toBe(1200n);
    expect(cents('(12.50)', '.')).toBe(-1250n);
    // Both marks: the fraction follows the last, whatever the file's mark.
    expect(cents('1.234.567,89', '.')).toBe(123456789n);
    expect(cents('1,234,567.89', ',')).toBe(123456789n);
    // One mark, the other one: thousands when grouped by three, else the fraction.
    expect(cents('1,234', '.')).toBe(123400n);
    expect(cents('12.5', ',')).toBe(1250n);
    expect(cents('1,5', '.')).toBe(150n);
  });

  it('refuses what is not a number, naming it, rather than reading it as another', () => {
    expect(cents('', ',')).toBe('is empty');
    expect(cents('abc', ',')).toBe('"abc" is not a number');
    expect(cents('USD', '.')).toBe('"USD" is not a number');
    expect(cents('1,5.5.5', ',')).toMatch(/^"1,5\.5\.5" is not a number/);
    expect(cents('12,34.5', '.')).toMatch(/^"12,34\.5" is not a number/);
    expect(() => parseQuantity('abc', ',')).toThrow('"abc" is not a whole number');
    expect(parseQuantity('2,000', ',')).toBe(2);
  });
});

describe('dates as exports write them', () => {
  const iso = (raw: string) => parseDate(raw, 'auto', 'fact').toISOString();
  it('reads dd.mm.yyyy with a time, and Excel day numbers', () => {
    expect(iso('12.03.2023 10:15:00')).toBe('2023-03-12T10:15:00.000Z');
    expect(iso('1.3.2023 9:05')).toBe('2023-03-01T09:05:00.000Z');
    expect(iso('45901')).toBe('2025-09-01T00:00:00.000Z');
    expect(iso('45915.75')).toBe('2025-09-15T18:00:00.000Z');
    expect(() => iso('31.02.2023')).toThrow('no such date');
    expect(() => iso('12/03/2023')).toThrow('give --date-format');
  });
});
