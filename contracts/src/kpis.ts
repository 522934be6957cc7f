// The dashboard's KPIs: the one list the Mini App's cards, the bot's /analytics and the
// digests show, in this order, with how each is formatted, which way is good, and its name
// in both languages. The server computes the values (analytics/reports.ts, dashboardReport's
// KPI set). Adding a KPI: compute it there, and add it here.

export type KpiKind = 'int' | 'pct' | 'money';

export interface KpiEntry {
  key: string;
  kind: KpiKind;
  /** Which way of changing is good news. */
  good: 'up' | 'down';
  label: { en: string; ru: string };
  /** A shorter name where lines are narrow (the bot's text); the label when absent. */
  short?: { en: string; ru: string };
  /** Shown in the bot's text and digests as well as in the Mini App. */
  inChat: boolean;
  /** The Mini App leaves the card out when there is no value (NRR, GRR: no contracts). */
  hideWhenEmpty?: boolean;
}

export const kpiCatalogue = [
  {
    key: 'activeAtEnd',
    kind: 'int',
    good: 'up',
    label: { en: 'Active customers', ru: 'Активные клиенты' },
    inChat: true,
  },
  {
    key: 'newCustomers',
    kind: 'int',
    good: 'up',
    label: { en: 'New customers', ru: 'Новые клиенты' },
    short: { en: 'New', ru: 'Новые' },
    inChat: true,
  },
  {
    key: 'churnedCustomers',
    kind: 'int',
    good: 'down',
    label: { en: 'Churned', ru: 'Ушли' },
    inChat: true,
  },
  {
    key: 'churnRate',
    kind: 'pct',
    good: 'down',
    label: { en: 'Churn rate', ru: 'Отток' },
    inChat: true,
  },
  {
    key: 'retentionRate',
    kind: 'pct',
    good: 'up',
    label: { en: 'Retention', ru: 'Удержание' },
    inChat: true,
  },
  {
    key: 'revenue',
    kind: 'money',
    good: 'up',
    label: { en: 'Revenue', ru: 'Выручка' },
    inChat: true,
  },
  { key: 'orders', kind: 'int', good: 'up', label: { en: 'Orders', ru: 'Заказы' }, inChat: true },
  { key: 'arpu', kind: 'money', good: 'up', label: { en: 'ARPU', ru: 'ARPU' }, inChat: true },
  {
    key: 'aov',
    kind: 'money',
    good: 'up',
    label: { en: 'Average order', ru: 'Средний чек' },
    inChat: true,
  },
  {
    key: 'nrr',
    kind: 'pct',
    good: 'up',
    label: { en: 'NRR', ru: 'NRR' },
    inChat: true,
    hideWhenEmpty: true,
  },
  {
    key: 'grr',
    kind: 'pct',
    good: 'up',
    label: { en: 'GRR', ru: 'GRR' },
    inChat: false,
    hideWhenEmpty: true,
  },
] as const satisfies readonly KpiEntry[];

export type KpiKey = (typeof kpiCatalogue)[number]['key'];

export const kpiByKey = Object.fromEntries(kpiCatalogue.map((k) => [k.key, k])) as Record<
  KpiKey,
  KpiEntry
>;

/** A KPI's name in a language (`short` for narrow places when it has one). */
export function kpiLabel(entry: KpiEntry, lang: 'en' | 'ru', narrow = false): string {
  return ((narrow && entry.short) || entry.label)[lang];
}
