// The texts of digests and alerts, in the staff member's language (en unless known ru).
import { formatAmount, formatValue, type Lang } from '@retention/contracts';

export type { Lang };

const texts = {
  daily: { en: 'Daily digest', ru: 'Ежедневная сводка' },
  weekly: { en: 'Weekly digest', ru: 'Еженедельная сводка' },
  test: { en: 'Test digest', ru: 'Тестовая сводка' },
  topAtRisk: { en: 'At-risk customers by value', ru: 'Клиенты под угрозой по ценности' },
  noChurnModel: { en: 'No churn model has run yet.', ru: 'Модель оттока ещё не обучена.' },
  noneAtRisk: { en: 'none', ru: 'нет' },
  risk: { en: 'risk', ru: 'риск' },
  valueAtRisk: { en: 'value at risk', ru: 'ценность под угрозой' },
  campaigns: { en: 'Campaigns', ru: 'Кампании' },
  noCampaigns: { en: 'none ran in this period', ru: 'в этот период не было' },
  sent: { en: 'sent', ru: 'отправлено' },
  redeemed: { en: 'redeemed', ru: 'использовано' },
  uplift: { en: 'retention uplift', ru: 'прирост удержания' },
  noScreenshot: { en: 'No screenshot:', ru: 'Скриншота не будет:' },
  churnAlert: { en: '⚠️ Churn rate alert', ru: '⚠️ Отток выше порога' },
  churnAlertBody: {
    en: 'The churn rate of {period} is {value}, above your threshold of {threshold}.',
    ru: 'Отток за {period} — {value}, выше вашего порога {threshold}.',
  },
  highValueAlert: {
    en: '⚠️ High-value customers at risk (churn probability ≥ {threshold})',
    ru: '⚠️ Ценные клиенты под угрозой (вероятность ухода ≥ {threshold})',
  },
  failureAlert: { en: '❗ Data loading failed', ru: '❗ Ошибка загрузки данных' },
  import: { en: 'CSV import', ru: 'Импорт CSV' },
  api: { en: 'Ingestion API', ru: 'API загрузки' },
  region: { en: 'Region', ru: 'Регион' },
} as const;

export type AlertTextKey = keyof typeof texts;

export function say(key: AlertTextKey, lang: Lang, vars: Record<string, string> = {}): string {
  return texts[key][lang].replace(/\{(\w+)\}/g, (_, k: string) => vars[k] ?? `{${k}}`);
}

/** A share as the bot writes rates (0.123 → 12.3%). */
export const pct = (fraction: number, lang: Lang) => formatValue(fraction, 'pct', lang);

/** A sum with cents, in the business's currency when it has one (CURRENCY). */
export const money = (v: string | number, lang: Lang, currency: string | null) =>
  formatAmount(Number(v), lang, currency, 2);
