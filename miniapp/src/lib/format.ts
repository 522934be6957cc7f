// Numbers as people read them, in the user's language.
import type { Lang } from './i18n';

const locale = (lang: Lang) => (lang === 'ru' ? 'ru-RU' : 'en-US');

export type Kind = 'int' | 'money' | 'pct';

export function formatValue(value: number | string | null, kind: Kind, lang: Lang): string {
  if (value === null || value === '') return '—';
  const n = Number(value);
  if (!Number.isFinite(n)) return '—';
  if (kind === 'pct') {
    return `${(n * 100).toLocaleString(locale(lang), { maximumFractionDigits: 1 })}%`;
  }
  if (kind === 'money') {
    return n.toLocaleString(locale(lang), {
      minimumFractionDigits: Math.abs(n) < 1000 ? 2 : 0,
      maximumFractionDigits: Math.abs(n) < 1000 ? 2 : 0,
    });
  }
  return n.toLocaleString(locale(lang), { maximumFractionDigits: 0 });
}

/** A change with its sign: "+3.2%" for rates in points, "+120" for counts. */
export function formatDelta(delta: number | string | null, kind: Kind, lang: Lang): string {
  if (delta === null) return '—';
  const n = Number(delta);
  if (!Number.isFinite(n)) return '—';
  const sign = n > 0 ? '+' : n < 0 ? '−' : '±';
  if (kind === 'pct') {
    const points = Math.abs(n * 100).toLocaleString(locale(lang), { maximumFractionDigits: 1 });
    return `${sign}${points} ${lang === 'ru' ? 'п.п.' : 'pp'}`;
  }
  return `${sign}${formatValue(Math.abs(n), kind, lang)}`;
}

/** A period's first day as a short label: "Mar 26", or "Mar 2, 26" for a week. */
export function formatPeriod(iso: string, lang: Lang): string {
  return new Date(`${iso}T00:00:00Z`).toLocaleDateString(locale(lang), {
    timeZone: 'UTC',
    month: 'short',
    year: '2-digit',
    day: iso.endsWith('-01') ? undefined : 'numeric',
  });
}

export function formatDate(iso: string | null | undefined, lang: Lang): string {
  if (!iso) return '—';
  const d = new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
  return d.toLocaleDateString(locale(lang), {
    timeZone: 'UTC',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
  });
}
