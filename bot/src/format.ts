// Numbers, dates and cards as chat text.
import {
  countOf,
  formatDate,
  formatDateRange,
  formatDelta,
  formatPercent,
  formatPhone,
  formatValue,
  type KpiEntry,
  kpiByKey,
  kpiLabel,
  nameFor,
  orderStatuses,
  wordFor,
} from '@retention/contracts';
import type { Lang } from './i18n.ts';
import { t } from './i18n.ts';
import type { CustomerBrief, CustomerCardView, Kpi, KpiSummary, OfferView } from './services.ts';

/**
 * Text for a message sent with parse_mode HTML. Telegram refuses the whole message when a `<`
 * does not open one of its tags, so every value put into such a message (names, offer titles,
 * our own texts too) goes through this; the Bot API asks for exactly these three replaced.
 * Messages without parse_mode (cards, lists, digests) show text as it is and must not use it.
 */
export function escapeHtml(s: string): string {
  return s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

/** The change against the previous period: points for rates, percent for the rest. */
function change(k: Kpi, lang: Lang, currency: string | null): string {
  if (k.value === null || k.previous === null) return '';
  const diff = k.value - k.previous;
  if (k.kind === 'pct' || k.previous === 0)
    return ` (${formatDelta(diff, k.kind, lang, currency)})`;
  const pct = formatPercent(Math.abs((diff / k.previous) * 100), lang);
  return ` (${diff > 0 ? '+' : diff < 0 ? '−' : '±'}${pct})`;
}

export function kpiText(s: KpiSummary, lang: Lang): string {
  const head = `${t('kpiTitle', lang)}${s.region ? ` · ${s.region}` : ''}: ${formatDateRange(s.from, s.to, lang)}\n(${t('vsPrevious', lang)} ${formatDateRange(s.previousFrom, s.previousTo, lang)})`;
  const lines = s.kpis.flatMap((k) => {
    const entry = (kpiByKey as Record<string, KpiEntry | undefined>)[k.key];
    if (!entry) return [];
    return [
      `${kpiLabel(entry, lang, true)}: ${formatValue(k.value, k.kind, lang, s.currency)}${change(k, lang, s.currency)}`,
    ];
  });
  const ends = s.dataEnds
    ? [t('dataEnds', lang).replace('{day}', formatDate(s.dataEnds, lang)), '']
    : [];
  return [head, '', ...ends, ...lines].join('\n');
}

export function briefLine(c: CustomerBrief, lang: Lang, currency: string | null): string {
  return `#${c.id} ${c.name ?? '—'}${c.region ? ` (${c.region})` : ''} · ${countOf(c.orders, 'orders', lang)}, ${formatValue(c.revenue, 'money', lang, currency)}`;
}

export function cardText(c: CustomerCardView, lang: Lang, currency: string | null): string {
  const lines = [
    `#${c.id} ${c.name ?? '—'}`,
    [c.region, c.phone && formatPhone(c.phone), c.email].filter(Boolean).join(' · '),
    `${countOf(c.orders, 'orders', lang)}, ${t('spent', lang)} ${formatValue(c.revenue, 'money', lang, currency)}, ${t('lastOrder', lang)} ${formatDate(c.lastOrderAt, lang)}`,
    `${t('loyalty', lang)}: ${nameFor(c.loyaltyTier, lang)}`,
  ];
  if (c.tags.length > 0) lines.push(`${t('tags', lang)}: ${c.tags.join(', ')}`);
  const s = c.score;
  if (s) {
    const risk =
      s.churnProbability === null
        ? t('notActive', lang)
        : `${formatValue(s.churnProbability, 'pct', lang)}${s.atRisk ? ` (${t('atRisk', lang)})` : ''}`;
    lines.push(
      '',
      `${t('segment', lang)}: ${nameFor(s.segment, lang)}`,
      `${t('churnRisk', lang)}: ${risk}`,
      ...s.reasons.map((r) => `  – ${r[lang]}`),
      `${t('pAlive', lang)}: ${formatValue(s.pAlive, 'pct', lang)}`,
      `${t('clv', lang)}: ${formatValue(s.clv, 'money', lang, currency)}`,
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
            `  ${formatDate(o.placedAt, lang)} · ${formatValue(o.total, 'money', lang, currency)} · ${wordFor(orderStatuses, o.status, lang)}`,
        ),
    );
  }
  return lines.filter((l, i) => l !== '' || lines[i - 1] !== '').join('\n');
}

export function offerLine(o: OfferView, lang: Lang): string {
  const terms = o.terms ? `\n  ${o.terms}` : '';
  return `• ${o.title} — ${t('code', lang)} ${o.code}, ${t('validUntil', lang)} ${formatDate(o.validTo, lang)}${terms}`;
}
