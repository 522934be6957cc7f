// The product's own words for things the server names in English (segment names, statuses,
// roles, default loyalty tiers) with their Russian, so every screen and chat shows them in the
// viewer's language. The API keeps the English names (they are also filter values); the Mini
// App and the bot translate them with `wordFor`. Names a business chose itself (a custom
// loyalty tier, a region) are not here and are shown as written.
import { formatCount, type WordForms } from './format.ts';
import type { Lang } from './lang.ts';

export interface Words {
  en: string;
  ru: string;
}

/** The RFM segments (DESIGN: recency × frequency scores), by slug, in grid order. */
export const rfmSegments = [
  { slug: 'champions', name: { en: 'Champions', ru: 'Чемпионы' } },
  { slug: 'loyal', name: { en: 'Loyal', ru: 'Лояльные' } },
  { slug: 'potential_loyalists', name: { en: 'Potential loyalists', ru: 'Будущие лояльные' } },
  { slug: 'new', name: { en: 'New', ru: 'Новые' } },
  { slug: 'at_risk', name: { en: 'At risk', ru: 'Под угрозой' } },
  { slug: 'cant_lose', name: { en: "Can't lose", ru: 'Нельзя потерять' } },
  { slug: 'hibernating', name: { en: 'Hibernating', ru: 'Спящие' } },
  { slug: 'lost', name: { en: 'Lost', ru: 'Потерянные' } },
] as const satisfies readonly { slug: string; name: Words }[];

export type RfmSlug = (typeof rfmSegments)[number]['slug'];

/** The names the segmentation model gives its clusters (from their centroids). */
export const modelSegmentNames = {
  'Lapsed regulars': { en: 'Lapsed regulars', ru: 'Бывшие постоянные' },
  'Lapsed one-off buyers': { en: 'Lapsed one-off buyers', ru: 'Разовые, давно не покупали' },
  Newcomers: { en: 'Newcomers', ru: 'Новички' },
  'Loyal high spenders': { en: 'Loyal high spenders', ru: 'Лояльные с большими тратами' },
  'Big-basket buyers': { en: 'Big-basket buyers', ru: 'Крупные чеки' },
  'Engaged browsers': { en: 'Engaged browsers', ru: 'Активно смотрят' },
  Regulars: { en: 'Regulars', ru: 'Постоянные' },
  'Recent buyers': { en: 'Recent buyers', ru: 'Недавние покупатели' },
  'Occasional buyers': { en: 'Occasional buyers', ru: 'Редкие покупатели' },
} as const satisfies Record<string, Words>;

export type ModelSegmentName = keyof typeof modelSegmentNames;

export const orderStatuses = {
  completed: { en: 'completed', ru: 'выполнен' },
  pending: { en: 'pending', ru: 'в обработке' },
  cancelled: { en: 'cancelled', ru: 'отменён' },
  returned: { en: 'returned', ru: 'возвращён' },
} as const satisfies Record<string, Words>;

export const campaignStatuses = {
  draft: { en: 'draft', ru: 'черновик' },
  running: { en: 'running', ru: 'идёт' },
  paused: { en: 'paused', ru: 'приостановлена' },
  finished: { en: 'finished', ru: 'завершена' },
  cancelled: { en: 'cancelled', ru: 'отменена' },
} as const satisfies Record<string, Words>;

export const deliveryStates = {
  pending: { en: 'pending', ru: 'ожидает' },
  queued: { en: 'queued', ru: 'в очереди' },
  sending: { en: 'sending', ru: 'отправляется' },
  sent: { en: 'sent', ru: 'отправлено' },
  failed: { en: 'failed', ru: 'ошибка' },
  blocked: { en: 'blocked the bot', ru: 'бот заблокирован' },
  no_telegram: { en: 'no Telegram', ru: 'нет Telegram' },
  opted_out: { en: 'opted out', ru: 'отписались' },
} as const satisfies Record<string, Words>;

/** The churn models: the trees, and the simple rules they must beat (the baselines). */
export const churnTreeNames = {
  random_forest: { en: 'random forest', ru: 'случайный лес' },
  gradient_boosting: { en: 'gradient boosting', ru: 'градиентный бустинг' },
} as const satisfies Record<string, Words>;

export const churnBaselineNames = {
  recency: { en: 'days since the last order', ru: 'дни с последнего заказа' },
  frequency: { en: 'number of order days', ru: 'число дней с заказами' },
  rfm_rank_sum: { en: 'RFM rank sum', ru: 'сумма рангов RFM' },
  logistic_rfm: { en: 'logistic regression on RFM', ru: 'логистическая регрессия по RFM' },
} as const satisfies Record<string, Words>;

export type ChurnTreeName = keyof typeof churnTreeNames;
export type ChurnBaselineName = keyof typeof churnBaselineNames;
export const churnTrees = Object.keys(churnTreeNames) as [ChurnTreeName, ...ChurnTreeName[]];
export const churnBaselines = Object.keys(churnBaselineNames) as [
  ChurnBaselineName,
  ...ChurnBaselineName[],
];

export const roleNames = {
  admin: { en: 'Admin', ru: 'Администратор' },
  manager: { en: 'Manager', ru: 'Менеджер' },
  client: { en: 'Client', ru: 'Клиент' },
  unknown: { en: 'Not linked', ru: 'Не привязан' },
} as const satisfies Record<string, Words>;

/** LOYALTY_TIERS' default names; a business's own names are shown as it wrote them. */
export const defaultTierNames = {
  Member: { en: 'Member', ru: 'Участник' },
  Silver: { en: 'Silver', ru: 'Серебро' },
  Gold: { en: 'Gold', ru: 'Золото' },
  Platinum: { en: 'Platinum', ru: 'Платина' },
} as const satisfies Record<string, Words>;

const rfmByName: Record<string, Words> = Object.fromEntries(
  rfmSegments.flatMap((s) => [
    [s.slug, s.name],
    [s.name.en, s.name],
  ]),
);

const known: Record<string, Words> = {
  ...modelSegmentNames,
  ...defaultTierNames,
  ...rfmByName,
};

/**
 * A name the product gave (a segment, a default tier; "Regulars 2" keeps its number) in the
 * viewer's language; any other name as it is.
 */
export function nameFor(name: string | null | undefined, lang: Lang): string {
  if (!name) return '—';
  const numbered = /^(.*) (\d+)$/.exec(name);
  const words = known[name] ?? (numbered ? known[numbered[1] as string] : undefined);
  if (!words) return name;
  return numbered && !known[name] ? `${words[lang]} ${numbered[2]}` : words[lang];
}

/** A status or other code from one of the lists above, in the viewer's language. */
export function wordFor(list: Record<string, Words>, code: string, lang: Lang): string {
  return list[code]?.[lang] ?? code;
}

/** Counted nouns, each form by plural category (Russian "other" is the form for fractions). */
export const nouns = {
  orders: {
    en: { one: 'order', other: 'orders' },
    ru: { one: 'заказ', few: 'заказа', many: 'заказов', other: 'заказа' },
  },
  customers: {
    en: { one: 'customer', other: 'customers' },
    ru: { one: 'клиент', few: 'клиента', many: 'клиентов', other: 'клиента' },
  },
  days: {
    en: { one: 'day', other: 'days' },
    ru: { one: 'день', few: 'дня', many: 'дней', other: 'дня' },
  },
  months: {
    en: { one: 'month', other: 'months' },
    ru: { one: 'месяц', few: 'месяца', many: 'месяцев', other: 'месяца' },
  },
  outliers: {
    en: { one: 'outlier', other: 'outliers' },
    ru: { one: 'выброс', few: 'выброса', many: 'выбросов', other: 'выброса' },
  },
  members: {
    en: { one: 'member', other: 'members' },
    ru: { one: 'участник', few: 'участника', many: 'участников', other: 'участника' },
  },
} as const satisfies Record<string, Record<Lang, WordForms>>;

/** A count with its noun in the viewer's language: "3 заказа", "1 order"; a mean: "2,3 заказа". */
export function countOf(
  n: number,
  noun: keyof typeof nouns,
  lang: Lang,
  fractionDigits = 0,
): string {
  return formatCount(n, nouns[noun][lang], lang, fractionDigits);
}
