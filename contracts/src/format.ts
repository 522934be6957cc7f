// Numbers, money, dates and counted words as people read them in each language: the one
// formatter the Mini App, the bot and the server's chat texts share, all through Intl.
import type { Lang } from './lang.ts';

export type ValueKind = 'int' | 'pct' | 'money';

export const localeOf = (lang: Lang) => (lang === 'ru' ? 'ru-RU' : 'en-US');

/** ISO 4217 codes this runtime can format (CURRENCY is checked against them). */
export function isCurrencyCode(code: string): boolean {
  return /^[A-Z]{3}$/.test(code) && Intl.supportedValuesOf('currency').includes(code);
}

/**
 * A value of a kind: percent from a share (0.352 → "35.2%"), money with the business's
 * currency when it has one (`null`: the plain number), whole numbers otherwise. Money under
 * 1,000 keeps its cents; larger sums are rounded to whole units, as dashboards show them.
 */
export function formatValue(
  value: number | string | null | undefined,
  kind: ValueKind,
  lang: Lang,
  currency: string | null = null,
): string {
  if (value === null || value === undefined || value === '') return '—';
  const n = Number(value);
  if (!Number.isFinite(n)) return '—';
  const locale = localeOf(lang);
  if (kind === 'pct') {
    return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(n);
  }
  if (kind === 'money') return formatAmount(n, lang, currency, Math.abs(n) < 1000 ? 2 : 0);
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(n);
}

/** A sum of money with `fractionDigits` decimals, in `currency` when there is one. */
export function formatAmount(
  n: number,
  lang: Lang,
  currency: string | null,
  fractionDigits: number,
): string {
  return new Intl.NumberFormat(localeOf(lang), {
    minimumFractionDigits: fractionDigits,
    maximumFractionDigits: fractionDigits,
    ...(currency ? { style: 'currency', currency, currencyDisplay: 'narrowSymbol' } : {}),
  }).format(n);
}

/** A change with its sign: "+3.2 pp" for rates (points), "+120" or "+$120" for the rest. */
export function formatDelta(
  delta: number | string | null | undefined,
  kind: ValueKind,
  lang: Lang,
  currency: string | null = null,
): string {
  if (delta === null || delta === undefined) return '—';
  const n = Number(delta);
  if (!Number.isFinite(n)) return '—';
  const sign = n > 0 ? '+' : n < 0 ? '−' : '±';
  if (kind === 'pct') {
    const points = new Intl.NumberFormat(localeOf(lang), { maximumFractionDigits: 1 }).format(
      Math.abs(n * 100),
    );
    return `${sign}${points} ${lang === 'ru' ? 'п.п.' : 'pp'}`;
  }
  return `${sign}${formatValue(Math.abs(n), kind, lang, currency)}`;
}

/** A number in few characters, for a chart's axis: "3.3K", "3,3 тыс.". */
export function formatCompact(n: number, lang: Lang): string {
  return new Intl.NumberFormat(localeOf(lang), {
    notation: 'compact',
    maximumFractionDigits: 1,
  }).format(n);
}

/** A share already in percent (12.5 → "12.5%"), for changes measured relative to a value. */
export function formatPercent(percent: number, lang: Lang): string {
  return formatValue(percent / 100, 'pct', lang);
}

const dayOf = (d: Date | string) =>
  typeof d === 'string' ? new Date(d.length === 10 ? `${d}T00:00:00Z` : d) : d;

/** A calendar day ("30 июн. 1998 г.", "Jun 30, 1998"); days are dates at UTC midnight. */
export function formatDate(d: Date | string | null | undefined, lang: Lang): string {
  if (d === null || d === undefined || d === '') return '—';
  return dayOf(d).toLocaleDateString(localeOf(lang), {
    timeZone: 'UTC',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
  });
}

/** Two days as one range, the way the language writes it ("1–30 июн. 1998 г."). */
export function formatDateRange(from: Date | string, to: Date | string, lang: Lang): string {
  return new Intl.DateTimeFormat(localeOf(lang), {
    timeZone: 'UTC',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
  }).formatRange(dayOf(from), dayOf(to));
}

/** A period's first day as a short label: "Mar 26", or "Mar 2, 26" for a week. */
export function formatPeriod(iso: string, lang: Lang): string {
  return dayOf(iso).toLocaleDateString(localeOf(lang), {
    timeZone: 'UTC',
    month: 'short',
    year: '2-digit',
    day: iso.endsWith('-01') ? undefined : 'numeric',
  });
}

/** A word's forms by plural category: Russian needs one, few and many; English one and other. */
export interface WordForms {
  one: string;
  few?: string;
  many?: string;
  other: string;
}

/** The form of a word that goes with n ("1 день", "3 дня", "5 дней", "2,5 дня"; "1 day"). */
export function pluralForm(n: number, forms: WordForms, lang: Lang, fractionDigits = 0): string {
  const category = new Intl.PluralRules(localeOf(lang), {
    maximumFractionDigits: fractionDigits,
  }).select(n);
  return (
    (category === 'one' || category === 'few' || category === 'many'
      ? forms[category]
      : undefined) ?? forms.other
  );
}

/** A count with its word: "1 234 клиента", "5 days"; a mean keeps `fractionDigits` ("2,3 заказа"). */
export function formatCount(n: number, forms: WordForms, lang: Lang, fractionDigits = 0): string {
  const number = new Intl.NumberFormat(localeOf(lang), { maximumFractionDigits: fractionDigits });
  return `${number.format(n)} ${pluralForm(n, forms, lang, fractionDigits)}`;
}

/**
 * A phone number as stored (digits, perhaps with a leading +) written to be read: a Russian
 * number +7 912 000-11-22 (11 digits from 7 or 8), another of 11 or more digits +<digits>;
 * anything else as it is.
 */
export function formatPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  const ru = /^[78](\d{3})(\d{3})(\d{2})(\d{2})$/.exec(digits);
  if (ru) return `+7 ${ru[1]} ${ru[2]}-${ru[3]}-${ru[4]}`;
  if (digits.length >= 11 && /^\+?[\d\s().-]+$/.test(phone)) return `+${digits}`;
  return phone;
}
