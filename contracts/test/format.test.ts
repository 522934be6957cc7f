// The shared formatter as each language writes numbers: read against what a Russian and an
// English reader expect, not against Intl's own output.
import { describe, expect, it } from 'vitest';
import { formatCompact, formatPercent, formatPhone, formatValue } from '../src/format.ts';

// Intl separates Russian thousands and units with no-break spaces (U+00A0, U+202F).
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('the formatter', () => {
  it("writes an axis's short numbers in the viewer's language", () => {
    expect(formatCompact(3300, 'en')).toBe('3.3K');
    expect(plain(formatCompact(3300, 'ru'))).toBe('3,3 тыс.');
    expect(plain(formatCompact(6000, 'ru'))).toBe('6 тыс.');
    expect(formatCompact(1_250_000, 'en')).toBe('1.3M');
    expect(formatCompact(0, 'ru')).toBe('0');
  });

  it('writes percents and money with the decimal mark of the language', () => {
    expect(formatPercent(28.52, 'en')).toBe('28.5%');
    expect(plain(formatPercent(28.52, 'ru'))).toBe('28,5 %');
    expect(plain(formatValue(1069356.5, 'money', 'ru', 'RUB'))).toBe('1 069 357 ₽');
    expect(formatValue(38.01, 'money', 'en', 'USD')).toBe('$38.01');
  });
});

describe('formatPhone', () => {
  it('writes a stored phone to be read, and leaves what is no phone as it is', () => {
    expect(formatPhone('79607661619')).toBe('+7 960 766-16-19');
    expect(formatPhone('8 (960) 766-16-19')).toBe('+7 960 766-16-19');
    expect(formatPhone('4915112345678')).toBe('+4915112345678');
    expect(formatPhone('5551234')).toBe('5551234');
    expect(formatPhone('ask the shop')).toBe('ask the shop');
  });
});
