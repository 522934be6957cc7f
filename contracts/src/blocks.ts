// The dashboard's blocks that open alone at /block/:name in the Mini App: what the bot's
// /screenshot offers, the server's screenshotter pictures and a manager shares to a chat; and
// the words that say what a picture shows (title, range, filters).
import { formatDateRange } from './format.ts';
import type { Lang } from './lang.ts';
import { nameFor } from './vocabulary.ts';
export const blockNames = [
  'kpis',
  'trends',
  'cohorts',
  'ltv',
  'segments',
  'at-risk',
  'campaigns',
  'breakdown',
] as const;
export type BlockName = (typeof blockNames)[number];

export function isBlockName(name: string): name is BlockName {
  return (blockNames as readonly string[]).includes(name);
}

/** Each block's title, as a screenshot and a shared message name it. */
export const blockTitles: Record<BlockName, { en: string; ru: string }> = {
  kpis: { en: 'Key figures', ru: 'Ключевые показатели' },
  trends: { en: 'Churn and active customers', ru: 'Отток и активные клиенты' },
  cohorts: { en: 'Cohort retention', ru: 'Удержание по когортам' },
  ltv: { en: 'Retention curve and LTV', ru: 'Кривая удержания и LTV' },
  segments: { en: 'Segments', ru: 'Сегменты' },
  'at-risk': { en: 'Customers at risk', ru: 'Клиенты под угрозой ухода' },
  campaigns: { en: 'Campaigns', ru: 'Кампании' },
  breakdown: { en: 'Summary', ru: 'Сводка' },
};

/** Each block's name on a button, where the title is too long. */
export const blockLabels: Record<BlockName, { en: string; ru: string }> = {
  kpis: { en: 'KPIs', ru: 'Показатели' },
  trends: { en: 'Trends', ru: 'Динамика' },
  cohorts: { en: 'Cohorts', ru: 'Когорты' },
  ltv: { en: 'LTV', ru: 'LTV' },
  segments: { en: 'Segments', ru: 'Сегменты' },
  'at-risk': { en: 'At risk', ru: 'Под угрозой' },
  campaigns: { en: 'Campaigns', ru: 'Кампании' },
  breakdown: { en: 'Summary', ru: 'Сводка' },
};

/** The filters a report was computed with (its definition's `filters`). */
export interface ShownFilters {
  region: string | null;
  channel: string | null;
  segment: string | null;
  plan: string | null;
  audience: string | null;
}

const filterWords = {
  region: { en: 'Region', ru: 'Регион' },
  channel: { en: 'Channel', ru: 'Канал' },
  segment: { en: 'Segment', ru: 'Сегмент' },
  plan: { en: 'Plan', ru: 'Тариф' },
  audience: { en: 'Audience', ru: 'Аудитория' },
  all: { en: 'All customers', ru: 'Все клиенты' },
};

/** What a block's picture shows, in three lines: its title, its range, its filters. */
export function blockCaption(
  block: BlockName,
  shown: { from: string; to: string; filters: ShownFilters },
  lang: Lang,
): [string, string, string] {
  const f = shown.filters;
  const parts = (['region', 'channel', 'segment', 'plan', 'audience'] as const)
    .filter((key) => f[key] !== null)
    .map((key) => {
      const value = String(f[key]);
      return `${filterWords[key][lang]}: ${key === 'segment' ? nameFor(value, lang) : value}`;
    });
  return [
    blockTitles[block][lang],
    formatDateRange(shown.from, shown.to, lang),
    parts.length ? parts.join(' · ') : filterWords.all[lang],
  ];
}
