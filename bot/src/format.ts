// Numbers, dates and cards as chat text.
import { type KpiEntry, kpiByKey, kpiLabel } from '@retention/contracts';
import type { Lang } from './i18n.ts';
import { t } from './i18n.ts';
import type { CustomerBrief, CustomerCardView, Kpi, KpiSummary, OfferView } from './services.ts';

const locale = (lang: Lang) => (lang === 'ru' ? 'ru-RU' : 'en-US');

/**
 * Text for a message sent with parse_mode HTML. Telegram refuses the whole message when a `<`
 * does not open one of its tags, so every value put into such a message (names, offer titles,
 * our own texts too) goes through this; the Bot API asks for exactly these three replaced.
 * Messages without parse_mode (cards, lists, digests) show text as it is and must not use it.
 */
export function escapeHtml(s: string): string {
  return s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

export function formatNumber(v: number | string | null, kind: Kpi['kind'], lang: Lang): string {
  if (v === null) return '—';
  const n = Number(v);
  if (!Number.isFinite(n)) return '—';
  if (kind === 'pct')
    return `${(n * 100).toLocaleString(locale(lang), { maximumFractionDigits: 1 })}%`;
  const digits = kind === 'money' && Math.abs(n) < 1000 ? 2 : 0;
  return n.toLocaleString(locale(lang), {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
}

export function formatDay(d: Date | string | null, lang: Lang): string {
  if (d === null) return '—';
  const date = typeof d === 'string' ? new Date(`${d.slice(0, 10)}T00:00:00Z`) : d;
  return date.toLocaleDateString(locale(lang), {
    timeZone: 'UTC',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
  });
}

/** The change against the previous period: points for rates, percent for the rest. */
function change(k: Kpi, lang: Lang): string {
  if (k.value === null || k.previous === null) return '';
  const diff = k.value - k.previous;
  const sign = diff > 0 ? '+' : diff < 0 ? '−' : '±';
  if (k.kind === 'pct') {
    const points = Math.abs(diff * 100).toLocaleString(locale(lang), { maximumFractionDigits: 1 });
    return ` (${sign}${points} ${lang === 'ru' ? 'п.п.' : 'pp'})`;
  }
  if (k.previous === 0) return ` (${sign}${formatNumber(Math.abs(diff), k.kind, lang)})`;
  const pct = Math.abs((diff / k.previous) * 100).toLocaleString(locale(lang), {
    maximumFractionDigits: 1,
  });
  return ` (${sign}${pct}%)`;
}

export function kpiText(s: KpiSummary, lang: Lang): string {
  const head = `${t('kpiTitle', lang)}${s.region ? ` · ${s.region}` : ''}: ${s.from} – ${s.to}\n(${t('vsPrevious', lang)} ${s.previousFrom} – ${s.previousTo})`;
  const lines = s.kpis.flatMap((k) => {
    const entry = (kpiByKey as Record<string, KpiEntry | undefined>)[k.key];
    if (!entry) return [];
    return [
      `${kpiLabel(entry, lang, true)}: ${formatNumber(k.value, k.kind, lang)}${change(k, lang)}`,
    ];
  });
  const ends = s.dataEnds
    ? [t('dataEnds', lang).replace('{day}', formatDay(s.dataEnds, lang)), '']
    : [];
  return [head, '', ...ends, ...lines].join('\n');
}

export function briefLine(c: CustomerBrief, lang: Lang): string {
  return `#${c.id} ${c.name ?? '—'}${c.region ? ` (${c.region})` : ''} · ${c.orders} ${t('orders', lang)}, ${formatNumber(c.revenue, 'money', lang)}`;
}

export function cardText(c: CustomerCardView, lang: Lang): string {
  const lines = [
    `#${c.id} ${c.name ?? '—'}`,
    [c.region, c.phone, c.email].filter(Boolean).join(' · '),
    `${c.orders} ${t('orders', lang)}, ${t('spent', lang)} ${formatNumber(c.revenue, 'money', lang)}, ${t('lastOrder', lang)} ${formatDay(c.lastOrderAt, lang)}`,
    `${t('loyalty', lang)}: ${c.loyaltyTier}`,
  ];
  if (c.tags.length > 0) lines.push(`${t('tags', lang)}: ${c.tags.join(', ')}`);
  const s = c.score;
  if (s) {
    const risk =
      s.churnProbability === null
        ? t('notActive', lang)
        : `${formatNumber(s.churnProbability, 'pct', lang)}${s.atRisk ? ` (${t('atRisk', lang)})` : ''}`;
    lines.push(
      '',
      `${t('segment', lang)}: ${s.segment ?? '—'}`,
      `${t('churnRisk', lang)}: ${risk}`,
      ...s.reasons.map((r) => `  – ${r[lang]}`),
      `${t('pAlive', lang)}: ${formatNumber(s.pAlive, 'pct', lang)}`,
      `${t('clv', lang)}: ${formatNumber(s.clv, 'money', lang)}`,
    );
  } else {
    lines.push('', t('noScores', lang));
  }
  if (c.recentOrders.length > 0) {
    lines.push(
      '',
      `${t('recentOrders', lang)}:`,
      ...c.recentOrders
        .slice(0, 5)
        .map(
          (o) =>
            `  ${formatDay(o.placedAt, lang)} · ${formatNumber(o.total, 'money', lang)} · ${o.status}`,
        ),
    );
  }
  return lines.filter((l, i) => l !== '' || lines[i - 1] !== '').join('\n');
}

export function offerLine(o: OfferView, lang: Lang): string {
  const terms = o.terms ? `\n  ${o.terms}` : '';
  return `• ${o.title} — ${t('code', lang)} ${o.code}, ${t('validUntil', lang)} ${formatDay(o.validTo, lang)}${terms}`;
}
