// Field parsers for imports. Each returns a value or throws FieldError with a reason a
// person can act on; money stays in decimal strings (cents) and never touches floats.
// Dates and amounts must fit the bounds the API and ingestion share (contracts/src/api/bounds.ts).
import { amountProblem, type DateRule, dateProblem, maxQuantity } from '@retention/contracts';

export class FieldError extends Error {}

export type DateFormat = 'auto' | 'iso' | 'yyyymmdd' | 'dd/mm/yyyy' | 'mm/dd/yyyy' | 'dd.mm.yyyy';
export const dateFormats: DateFormat[] = [
  'auto',
  'iso',
  'yyyymmdd',
  'dd/mm/yyyy',
  'mm/dd/yyyy',
  'dd.mm.yyyy',
];

const iso =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/;
const compact = /^(\d{4})(\d{2})(\d{2})$/;
const dayFirst = /^(\d{1,2})[/.](\d{1,2})[/.](\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const dotted = /^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:,?[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
/** Excel's day numbers (days since 1899-12-30, a fraction for the time), 1955 to 2118. */
const excelSerial = /^[2-7]\d{4}(?:[.,]\d+)?$/;

function fromExcelSerial(days: number): Date {
  return new Date(Date.UTC(1899, 11, 30) + Math.round(days * 86_400_000));
}

function build(y: string, mo: string, d: string, h = '0', mi = '0', s = '0', zone?: string): Date {
  const [Y, M, D, H, Mi, S] = [y, mo, d, h, mi, s].map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  // Date.UTC reads years 0-99 as 1900-1999; setUTCFullYear takes the year as written.
  const check = new Date(0);
  check.setUTCFullYear(Y, M - 1, D);
  check.setUTCHours(H, Mi, S);
  let t = check.getTime();
  if (check.getUTCMonth() !== M - 1 || check.getUTCDate() !== D || H > 23 || Mi > 59 || S > 59) {
    throw new FieldError(`no such date or time`);
  }
  if (zone && zone !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.replace(/[^\d]/g, '');
    t -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
  }
  return new Date(t);
}

/**
 * Dates without a zone are taken as UTC. `auto` reads ISO 8601, yyyymmdd, dd.mm.yyyy (with
 * an optional time) and Excel's serial day numbers. The date must
 * be within `rule`'s bounds (contracts/src/api/bounds.ts): plans and prices by the calendar,
 * orders and events as facts.
 */
export function parseDate(raw: string, format: DateFormat, rule: DateRule = 'calendar'): Date {
  const at = readDate(raw.trim(), format);
  const problem = dateProblem(at, rule);
  if (problem) throw new FieldError(`${problem} (${raw.trim()})`);
  return at;
}

function readDate(v: string, format: DateFormat): Date {
  if (v === '') throw new FieldError('is empty');
  if (format === 'auto' || format === 'iso') {
    const m = iso.exec(v);
    if (m) return build(m[1]!, m[2]!, m[3]!, m[4], m[5], m[6], m[7]);
  }
  if (format === 'auto' || format === 'yyyymmdd') {
    const m = compact.exec(v);
    if (m) return build(m[1]!, m[2]!, m[3]!);
  }
  if (format === 'auto') {
    // Dots are day first wherever they are written (dd.mm.yyyy: Russia, Germany, 1C).
    const m = dotted.exec(v);
    if (m) return build(m[3]!, m[2]!, m[1]!, m[4], m[5], m[6]);
    const serial = excelSerial.exec(v);
    if (serial) return fromExcelSerial(Number(v.replace(',', '.')));
  }
  if (format === 'dd/mm/yyyy' || format === 'mm/dd/yyyy' || format === 'dd.mm.yyyy') {
    const m = dayFirst.exec(v);
    if (m) {
      const [a, b] = format === 'mm/dd/yyyy' ? [m[2]!, m[1]!] : [m[1]!, m[2]!];
      return build(m[3]!, b, a, m[4], m[5], m[6]);
    }
  }
  const hint =
    format === 'auto' && dayFirst.test(v) ? ' (give --date-format for day/month dates)' : '';
  throw new FieldError(`"${v}" is not a date in format ${format}${hint}`);
}

const decimal = /^([+-]?)(\d{1,12})(?:\.(\d+))?$/;

/** The character a file writes before the fraction of a number. */
export type DecimalMark = '.' | ',';

/**
 * A number as spreadsheets and exports write it, as a plain decimal ("-1234.56"): a
 * currency sign or code before or after it (`1 234,56 ₽`, `$1,234.56`, `1234 руб.`), spaces,
 * non-breaking spaces or apostrophes between thousands, an accounting minus in brackets
 * `(12.50)`. `mark` is the file's decimal mark; a value holding both marks has its fraction
 * after the last one whatever the file says.
 */
export function plainNumber(raw: string, mark: DecimalMark = '.'): string {
  let v = raw
    .trim()
    .replace(/^(?:[A-Z]{3}|руб\.?|р\.|[$€£₽¥₴₸])\s*/iu, '')
    .replace(/\s*(?:[A-Z]{3}|руб\.?|р\.?|[$€£₽¥₴₸])$/iu, '')
    .replace(/[\s\u00a0\u202f\u2009']/g, '');
  let negative = false;
  if (/^\(.*\)$/.test(v)) {
    negative = true;
    v = v.slice(1, -1);
  }
  v = v.replace(/^([+-]?)[$€£₽¥₴₸]/u, '$1');
  const at = fractionAt(v, mark);
  const grouped = at < 0 ? v : v.slice(0, at);
  // Thousands: one separator, not the fraction's, between groups of three digits. Anything
  // else ("1,5.5.5", "12,34.5") is returned as it is, for the caller to refuse.
  const separators = new Set(grouped.match(/[.,]/g) ?? []);
  const [thousands] = separators;
  if (
    thousands !== undefined &&
    (separators.size > 1 ||
      thousands === v[at] ||
      !new RegExp(`^[+-]?\\d{1,3}(\\${thousands}\\d{3})+$`).test(grouped))
  ) {
    return v;
  }
  const whole = grouped.replace(/[.,]/g, '');
  const plain = at < 0 ? whole : `${whole}.${v.slice(at + 1)}`;
  return negative && !plain.startsWith('-') ? `-${plain}` : plain;
}

/**
 * Where the fraction starts in `v` (-1: none): after the last mark when both appear; after
 * the file's mark when only it appears, once; after the other mark when only it appears,
 * once, and not as thousands (groups of exactly three digits: "1,234" in a "." file).
 */
function fractionAt(v: string, mark: DecimalMark): number {
  const other = mark === '.' ? ',' : '.';
  const [m, o] = [v.lastIndexOf(mark), v.lastIndexOf(other)];
  if (m >= 0 && o >= 0) return Math.max(m, o);
  if (m >= 0) return v.indexOf(mark) === m ? m : -1;
  if (o < 0) return -1;
  const grouped = new RegExp(`^[+-]?\\d{1,3}(\\${other}\\d{3})+$`).test(v);
  return !grouped && v.indexOf(other) === o ? o : -1;
}

/** A decimal amount to integer cents (half away from zero at the third decimal). */
export function parseCents(raw: string, mark?: DecimalMark): bigint {
  const v = mark === undefined ? raw.trim().replace(/^\$/, '') : plainNumber(raw, mark);
  const m = decimal.exec(v);
  if (!m) {
    const hint =
      mark === undefined || !/\d[\s,.]\d/.test(raw)
        ? ''
        : ` (this file's decimal mark is "${mark}"; give --decimal ${mark === ',' ? '.' : ','} if it is the other)`;
    throw new FieldError(raw.trim() === '' ? 'is empty' : `"${raw.trim()}" is not a number${hint}`);
  }
  const frac = (m[3] ?? '').padEnd(3, '0');
  let cents = BigInt(m[2]!) * 100n + BigInt(frac.slice(0, 2));
  if (Number(frac[2]) >= 5) cents += 1n;
  return m[1] === '-' ? -cents : cents;
}

/**
 * An amount for a column holding up to `max` cents (maxPriceCents, maxTotalCents), not
 * negative unless `negative`.
 */
export function parseAmount(
  raw: string,
  max: bigint,
  o: { negative?: boolean; mark?: DecimalMark } = {},
): bigint {
  const cents = parseCents(raw, o.mark);
  const problem = amountProblem(cents, max, o);
  if (problem) throw new FieldError(`${problem} (${raw.trim()})`);
  return cents;
}

/** Cents that must fit a column of up to `max` cents, such as a computed line amount. */
export function checkAmount(cents: bigint, max: bigint, what: string): bigint {
  const problem = amountProblem(cents, max, { negative: true });
  if (problem) throw new FieldError(`${what} ${problem}`);
  return cents;
}

export function formatCents(cents: bigint): string {
  const sign = cents < 0n ? '-' : '';
  const abs = cents < 0n ? -cents : cents;
  return `${sign}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
}

export function parseInteger(raw: string, mark?: DecimalMark): number {
  const v = mark === undefined ? raw.trim() : plainNumber(raw, mark);
  if (!/^[+-]?\d{1,9}(\.0+)?$/.test(v)) {
    throw new FieldError(raw.trim() === '' ? 'is empty' : `"${raw.trim()}" is not a whole number`);
  }
  return Number.parseInt(v, 10);
}

/** Units on an order line: a whole number within ±maxQuantity (negative: returned). */
export function parseQuantity(raw: string, mark?: DecimalMark): number {
  const q = parseInteger(raw, mark);
  if (Math.abs(q) > maxQuantity)
    throw new FieldError(`must be between -${maxQuantity} and ${maxQuantity} (${q})`);
  return q;
}

export function required(raw: string | undefined): string {
  const v = (raw ?? '').trim();
  if (v === '') throw new FieldError('is empty');
  if (v.length > 200) throw new FieldError('is longer than 200 characters');
  return v;
}

/** A phone number as stored: its digits only. */
export function phoneDigits(phone: string): string {
  return phone.replace(/\D/g, '');
}

/** An e-mail address as stored (lower case), or null when the text is not one. */
export function emailAddress(text: string): string | null {
  const email = text.trim().toLowerCase();
  return /^[^@\s]+@[^@\s]+$/.test(email) ? email : null;
}
