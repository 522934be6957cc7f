// Numbers, money and dates as people read them, in the user's language (the shared Intl
// formatters of @retention/contracts) and in the business's currency. The currency is one
// fact of the server the app talks to, learnt from /me before any screen with money renders
// (every screen waits for /me to know the viewer's role), so it is kept here once rather
// than passed through every component.
import {
  formatDelta as formatDeltaIn,
  formatValue as formatValueIn,
  type Lang,
  type ValueKind,
} from '@retention/contracts';

export {
  formatCount,
  formatDate,
  formatDateRange,
  formatPeriod,
  formatPhone,
  pluralForm,
  type ValueKind as Kind,
} from '@retention/contracts';

let currency: string | null = null;

/** Called with /me's answer: the ISO 4217 code money is shown in, or null for none. */
export function setBusinessCurrency(code: string | null | undefined): void {
  currency = code ?? null;
}

export function formatValue(
  value: number | string | null | undefined,
  kind: ValueKind,
  lang: Lang,
): string {
  return formatValueIn(value, kind, lang, currency);
}

/** A change with its sign: "+3.2 pp" for rates, "+120" for counts, "+$120" for money. */
export function formatDelta(
  delta: number | string | null | undefined,
  kind: ValueKind,
  lang: Lang,
): string {
  return formatDeltaIn(delta, kind, lang, currency);
}
