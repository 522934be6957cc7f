// The bot's texts in English and Russian, chosen from the user's language_code.
export type Lang = 'en' | 'ru';

export function langOf(code: string | undefined): Lang {
  return code?.toLowerCase().startsWith('ru') ? 'ru' : 'en';
}

const texts = {
  greetAdmin: {
    en: 'You are an admin: the retention dashboard and customer tools are in the app and here.',
    ru: 'Вы администратор: дашборд удержания и инструменты по клиентам — в приложении и здесь.',
  },
  greetManager: {
    en: 'You are a manager: the retention dashboard is in the app.',
    ru: 'Вы менеджер: дашборд удержания — в приложении.',
  },
  greetClient: {
    en: 'Your orders, loyalty status and personal offers are in the app.',
    ru: 'Ваши заказы, статус и персональные предложения — в приложении.',
  },
  greetUnknown: {
    en: 'This bot serves the customers and staff of the business. If you are a customer, share your phone number to link your account. Staff: ask an admin to grant you a role.',
    ru: 'Этот бот для клиентов и сотрудников компании. Если вы клиент, поделитесь номером телефона, чтобы привязать аккаунт. Сотрудникам: попросите администратора выдать роль.',
  },
  hello: { en: 'Hello', ru: 'Здравствуйте' },
  openApp: { en: 'Open the app', ru: 'Открыть приложение' },
  openDashboard: { en: 'Open the dashboard', ru: 'Открыть дашборд' },
  openCard: { en: 'Open the card', ru: 'Открыть карточку' },
  sharePhone: { en: 'Share my phone number', ru: 'Поделиться номером' },
  linked: {
    en: 'Thank you! Your account is linked to your customer record',
    ru: 'Спасибо! Аккаунт привязан к вашей карточке клиента',
  },
  notLinked: {
    en: 'We could not find a customer with this phone number. If you have ordered from us, please contact support.',
    ru: 'Не нашли клиента с этим номером. Если вы делали у нас заказы, напишите в поддержку.',
  },
  notOwnContact: {
    en: 'Please share your own number with the button below.',
    ru: 'Пожалуйста, поделитесь своим номером кнопкой ниже.',
  },
  alreadyKnown: { en: 'Your account is already linked.', ru: 'Ваш аккаунт уже привязан.' },
  refused: {
    en: 'This command is not available to you.',
    ru: 'Эта команда вам недоступна.',
  },
  cancelled: { en: 'Cancelled.', ru: 'Отменено.' },
  nothingToCancel: { en: 'Nothing to cancel.', ru: 'Нечего отменять.' },
  failed: {
    en: 'Something went wrong on our side. Please try again later.',
    ru: 'У нас что-то пошло не так. Попробуйте позже.',
  },
  kpiTitle: { en: 'Retention', ru: 'Удержание' },
  vsPrevious: { en: 'vs', ru: 'к' },
  activeAtEnd: { en: 'Active customers', ru: 'Активные клиенты' },
  newCustomers: { en: 'New', ru: 'Новые' },
  churnedCustomers: { en: 'Churned', ru: 'Ушли' },
  churnRate: { en: 'Churn rate', ru: 'Отток' },
  retentionRate: { en: 'Retention', ru: 'Удержание' },
  revenue: { en: 'Revenue', ru: 'Выручка' },
  arpu: { en: 'ARPU', ru: 'ARPU' },
  aov: { en: 'Average order', ru: 'Средний чек' },
  nrr: { en: 'NRR', ru: 'NRR' },
  days7: { en: '7 days', ru: '7 дней' },
  days30: { en: '30 days', ru: '30 дней' },
  days90: { en: '90 days', ru: '90 дней' },
  customerUsage: {
    en: 'Send /customer followed by an id, phone, e-mail or name, e.g. /customer 42',
    ru: 'Отправьте /customer и id, телефон, e-mail или имя, например /customer 42',
  },
  usersUsage: {
    en: 'Send /users followed by a phone, e-mail or name to search, e.g. /users Smith',
    ru: 'Отправьте /users и телефон, e-mail или имя для поиска, например /users Иванов',
  },
  noCustomers: { en: 'No customer matches', ru: 'Нет клиентов по запросу' },
  found: { en: 'Found', ru: 'Найдено' },
  notFound: { en: 'No customer', ru: 'Нет клиента' },
  orders: { en: 'orders', ru: 'заказов' },
  spent: { en: 'spent', ru: 'потрачено' },
  lastOrder: { en: 'last order', ru: 'последний заказ' },
  segment: { en: 'Segment', ru: 'Сегмент' },
  churnRisk: { en: 'Churn risk', ru: 'Риск ухода' },
  atRisk: { en: 'at risk', ru: 'под угрозой' },
  notActive: { en: 'not active', ru: 'неактивен' },
  pAlive: { en: 'P(alive)', ru: 'P(активен)' },
  clv: { en: 'CLV, 12 months', ru: 'CLV, 12 мес.' },
  loyalty: { en: 'Loyalty', ru: 'Статус' },
  tags: { en: 'Tags', ru: 'Метки' },
  recentOrders: { en: 'Recent orders', ru: 'Последние заказы' },
  noScores: { en: 'No model scores yet.', ru: 'Оценок моделей пока нет.' },
  prev: { en: '‹ Back', ru: '‹ Назад' },
  next: { en: 'More ›', ru: 'Ещё ›' },
  myStats: { en: 'Your purchases', ru: 'Ваши покупки' },
  noOffers: { en: 'You have no offers right now.', ru: 'Сейчас у вас нет предложений.' },
  yourOffers: { en: 'Your offers', ru: 'Ваши предложения' },
  code: { en: 'code', ru: 'код' },
  validUntil: { en: 'valid until', ru: 'до' },
  support: { en: 'Support', ru: 'Поддержка' },
  noSupport: {
    en: 'Support contacts have not been set up yet.',
    ru: 'Контакты поддержки пока не указаны.',
  },
  hours: { en: 'Hours', ru: 'Часы работы' },
  recommendations: { en: 'Recommended for you', ru: 'Рекомендуем вам' },
  recommendationsFor: { en: 'Recommended for', ru: 'Рекомендации для' },
  noRecommendations: { en: 'No recommendations yet.', ru: 'Рекомендаций пока нет.' },
  recsUsage: {
    en: 'Send /recommendations followed by a customer id, e.g. /recommendations 42',
    ru: 'Отправьте /recommendations и id клиента, например /recommendations 42',
  },
  products: { en: 'Products', ru: 'Товары' },
  noProducts: { en: 'No product matches', ru: 'Нет товаров по запросу' },
  help: { en: 'What I can do for you:', ru: 'Что я умею:' },
  cmdStart: { en: 'open the app', ru: 'открыть приложение' },
  cmdHelp: { en: 'this list', ru: 'этот список' },
  cmdCancel: { en: 'stop what is in progress', ru: 'прервать текущее действие' },
  cmdAnalytics: { en: 'KPI summary with deltas', ru: 'сводка KPI с изменениями' },
  cmdCustomer: { en: 'a customer’s card by id, phone, e-mail or name', ru: 'карточка клиента' },
  cmdUsers: { en: 'search customers', ru: 'поиск клиентов' },
  cmdRecommendations: { en: 'product recommendations', ru: 'рекомендации товаров' },
  cmdProducts: { en: 'search the catalogue', ru: 'поиск по каталогу' },
  cmdStats: { en: 'your purchases and status', ru: 'ваши покупки и статус' },
  cmdOffers: { en: 'your personal offers', ru: 'ваши предложения' },
  cmdSupport: { en: 'how to reach us', ru: 'как с нами связаться' },
} as const;

export type TextKey = keyof typeof texts;

export function t(key: TextKey, lang: Lang): string {
  return texts[key][lang];
}
