// Russian and English, chosen from the Telegram user's language_code (English otherwise).
import { useMe } from '../features/me/api/get-me';

export type Lang = 'en' | 'ru';

export function langOf(code: string | null | undefined): Lang {
  return code?.toLowerCase().startsWith('ru') ? 'ru' : 'en';
}

export function useLang(): Lang {
  return langOf(useMe().data?.user.languageCode);
}

const texts = {
  dashboard: { en: 'Retention dashboard', ru: 'Удержание клиентов' },
  activeAtEnd: { en: 'Active customers', ru: 'Активные клиенты' },
  newCustomers: { en: 'New customers', ru: 'Новые клиенты' },
  churnedCustomers: { en: 'Churned', ru: 'Ушли' },
  churnRate: { en: 'Churn rate', ru: 'Отток' },
  retentionRate: { en: 'Retention', ru: 'Удержание' },
  revenue: { en: 'Revenue', ru: 'Выручка' },
  arpu: { en: 'ARPU', ru: 'ARPU' },
  aov: { en: 'Average order', ru: 'Средний чек' },
  orders: { en: 'Orders', ru: 'Заказы' },
  nrr: { en: 'NRR', ru: 'NRR' },
  grr: { en: 'GRR', ru: 'GRR' },
  simpleLtv: { en: 'LTV', ru: 'LTV' },
  vsPrevious: { en: 'vs previous', ru: 'к прошлому' },
  howComputed: { en: 'How is this computed?', ru: 'Как считается?' },
  period: { en: 'Period', ru: 'Период' },
  from: { en: 'From', ru: 'С' },
  to: { en: 'To', ru: 'По' },
  months3: { en: '3 months', ru: '3 мес.' },
  months6: { en: '6 months', ru: '6 мес.' },
  months12: { en: '12 months', ru: '12 мес.' },
  week: { en: 'Weeks', ru: 'Недели' },
  month: { en: 'Months', ru: 'Месяцы' },
  region: { en: 'Region', ru: 'Регион' },
  channel: { en: 'Channel', ru: 'Канал' },
  segment: { en: 'Segment', ru: 'Сегмент' },
  all: { en: 'All', ru: 'Все' },
  trends: { en: 'Churn and active customers', ru: 'Отток и активные клиенты' },
  atRisk: { en: 'Customers at risk', ru: 'Клиенты под угрозой ухода' },
  valueAtRisk: { en: 'Value at risk', ru: 'Под угрозой' },
  noChurnModel: { en: 'No churn model has been trained yet.', ru: 'Модель оттока ещё не обучена.' },
  loading: { en: 'Loading…', ru: 'Загрузка…' },
  retry: { en: 'Retry', ru: 'Повторить' },
  noData: { en: 'No data for this selection.', ru: 'Нет данных для этого выбора.' },
  customer: { en: 'Customer', ru: 'Клиент' },
  churnRisk: { en: 'Churn risk', ru: 'Риск ухода' },
  pAlive: { en: 'P(alive)', ru: 'P(активен)' },
  clv: { en: 'CLV, 12 months', ru: 'CLV, 12 мес.' },
  segmentLabel: { en: 'Segment', ru: 'Сегмент' },
  recentOrders: { en: 'Recent orders', ru: 'Последние заказы' },
  myStats: { en: 'My purchases', ru: 'Мои покупки' },
  memberSince: { en: 'Customer since', ru: 'Клиент с' },
  spent: { en: 'Spent', ru: 'Потрачено' },
  lastOrder: { en: 'Last order', ru: 'Последний заказ' },
  recommendations: { en: 'Recommended for you', ru: 'Рекомендуем вам' },
  recommendationsFor: { en: 'Recommended products', ru: 'Рекомендуемые товары' },
  notActive: { en: 'not active', ru: 'неактивен' },
} as const;

export type TextKey = keyof typeof texts;

export function t(key: TextKey, lang: Lang): string {
  return texts[key][lang];
}
