// Russian and English, chosen from the Telegram user's language_code (English otherwise).
import { type Lang, langOf } from '@retention/contracts';
import { readLaunch } from './launch-params';
import { useMe } from './me';

export { type Lang, langOf };

/** The language of the launch data, for screens shown before (or instead of) `/me`. */
export function launchLang(): Lang {
  try {
    return langOf(readLaunch().params.tgWebAppData?.user?.language_code);
  } catch {
    // No launch params: a plain browser.
    return langOf(navigator.language);
  }
}

export function useLang(): Lang {
  return langOf(useMe().data?.user.languageCode);
}

const texts = {
  dashboard: { en: 'Retention dashboard', ru: 'Удержание клиентов' },
  orders: { en: 'Orders', ru: 'Заказы' },
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
  audience: { en: 'Audience', ru: 'Аудитория' },
  audiencesLink: { en: 'Audiences ›', ru: 'Аудитории ›' },
  share: { en: 'Share ↗', ru: 'Поделиться ↗' },
  fullscreen: { en: 'Full screen', ru: 'Во весь экран' },
  exitFullscreen: { en: 'Exit full screen', ru: 'Выйти из полноэкранного режима' },
  addToHomeScreen: { en: 'Add to home screen', ru: 'На главный экран' },
  sharePreparing: { en: 'Preparing…', ru: 'Готовим…' },
  saveAudience: { en: 'Save as audience', ru: 'Сохранить как аудиторию' },
  saveAudienceTitle: {
    en: 'Save these customers as an audience',
    ru: 'Сохранить этих клиентов как аудиторию',
  },
  audienceName: { en: 'Name', ru: 'Название' },
  audienceNameNeeded: { en: 'Give the audience a name.', ru: 'Дайте аудитории название.' },
  live: { en: 'Live', ru: 'Живая' },
  liveHint: {
    en: 'follows the data: customers join and leave as it changes',
    ru: 'следует за данными: клиенты входят и выходят по мере их изменения',
  },
  snapshot: { en: 'Snapshot', ru: 'Снимок' },
  snapshotHint: { en: 'these customers, as they are now', ru: 'эти клиенты, как сейчас' },
  saved: { en: 'Saved', ru: 'Сохранено' },
  dashboardForThem: { en: 'Dashboard for them ›', ru: 'Дашборд по ним ›' },
  all: { en: 'All', ru: 'Все' },
  valueAtRisk: { en: 'Value at risk', ru: 'Под угрозой' },
  loading: { en: 'Loading…', ru: 'Загрузка…' },
  retry: { en: 'Retry', ru: 'Повторить' },
  noData: { en: 'No data for this selection.', ru: 'Нет данных для этого выбора.' },
  customer: { en: 'Customer', ru: 'Клиент' },
  customers: { en: 'Customers', ru: 'Клиенты' },
  findCustomer: { en: 'Find a customer', ru: 'Найти клиента' },
  searchPlaceholder: {
    en: 'Name, phone, email or id',
    ru: 'Имя, телефон, почта или номер клиента',
  },
  noCustomersMatch: { en: 'No customer matches.', ru: 'Никто не найден.' },
  noCustomers: { en: 'No customers yet.', ru: 'Клиентов пока нет.' },
  noCustomersHere: { en: 'No customers here.', ru: 'Здесь нет клиентов.' },
  ofTotal: { en: 'of', ru: 'из' },
  previousPage: { en: 'Previous', ru: 'Назад' },
  nextPage: { en: 'Next', ru: 'Дальше' },
  behindHow: {
    en: 'Exactly the customers the dashboard counted, for the same dates and filters.',
    ru: 'Ровно те клиенты, которых посчитал дашборд, за те же даты и с теми же фильтрами.',
  },
  openList: { en: 'Show the customers', ru: 'Показать клиентов' },
  revenue: { en: 'Revenue', ru: 'Выручка' },
  atRiskOf: { en: 'At risk', ru: 'Под угрозой ухода' },
  scored: { en: 'scored', ru: 'оценено' },
  valueAtRiskOf: { en: 'value at risk', ru: 'ценность под угрозой' },
  downloadCsv: { en: 'Download CSV', ru: 'Скачать CSV' },
  copyCsv: { en: 'Copy', ru: 'Копировать' },
  copied: { en: 'Copied', ru: 'Скопировано' },
  csvHint: {
    en: 'This Telegram app cannot save files: copy the list instead.',
    ru: 'Это приложение Telegram не сохраняет файлы: скопируйте список.',
  },
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
  reopenTitle: { en: 'Please reopen the app', ru: 'Откройте приложение заново' },
  reopenText: {
    en: 'Your sign-in is no longer valid: close this app and open it again from the bot.',
    ru: 'Вход больше не действителен: закройте приложение и откройте его снова из бота.',
  },
  deniedTitle: { en: 'Access denied', ru: 'Нет доступа' },
  unreachableTitle: { en: 'Server unreachable', ru: 'Сервер недоступен' },
  unreachableText: {
    en: 'The server cannot be reached. Check the connection and try again.',
    ru: 'Сервер не отвечает. Проверьте соединение и попробуйте ещё раз.',
  },
  failedTitle: { en: 'Something went wrong', ru: 'Что-то пошло не так' },
  tryAgain: { en: 'Try again', ru: 'Повторить' },
  offers: { en: 'Offers', ru: 'Предложения' },
  myOffers: { en: 'My offers', ru: 'Мои предложения' },
  noOffers: { en: 'No offers yet.', ru: 'Предложений пока нет.' },
  offerCode: { en: 'Your code', ru: 'Ваш код' },
  howToUse: { en: 'Give this code when you order.', ru: 'Назовите этот код при заказе.' },
  validUntil: { en: 'valid until', ru: 'действует до' },
  validFrom: { en: 'valid from', ru: 'действует с' },
  status_active: { en: 'active', ru: 'активно' },
  status_upcoming: { en: 'not started', ru: 'ещё не началось' },
  status_expired: { en: 'expired', ru: 'истекло' },
  status_redeemed: { en: 'used', ru: 'использовано' },
  loyalty: { en: 'Loyalty status', ru: 'Статус' },
  loyaltyNext: { en: 'more to reach', ru: 'до статуса' },
  loyaltyTop: { en: 'the highest status', ru: 'высший статус' },
  loyaltyBasis: { en: 'spent in the last 12 months', ru: 'покупки за последние 12 месяцев' },
  support: { en: 'Support', ru: 'Поддержка' },
  supportHours: { en: 'Hours', ru: 'Часы работы' },
  noSupport: {
    en: 'Support contacts have not been set up yet.',
    ru: 'Контакты поддержки пока не указаны.',
  },
  contactSupport: { en: 'Message support', ru: 'Написать в поддержку' },
  tags: { en: 'Tags', ru: 'Метки' },
  noTags: { en: 'No tags.', ru: 'Меток нет.' },
  notes: { en: 'Notes', ru: 'Заметки' },
  noNotes: { en: 'No notes yet.', ru: 'Заметок пока нет.' },
  history: { en: 'Changes', ru: 'Изменения' },
  actions: { en: 'Actions', ru: 'Действия' },
  assignOffer: { en: 'Assign offer', ru: 'Назначить предложение' },
  pickOffer: { en: 'Choose an offer', ru: 'Выберите предложение' },
  addTag: { en: 'Add tag', ru: 'Добавить метку' },
  removeTag: { en: 'Remove tag', ru: 'Удалить метку' },
  newTag: { en: 'New tag', ru: 'Новая метка' },
  newNote: { en: 'Write a note…', ru: 'Напишите заметку…' },
  saveNote: { en: 'Save note', ru: 'Сохранить заметку' },
  confirm: { en: 'Confirm', ru: 'Подтвердить' },
  cancel: { en: 'Cancel', ru: 'Отмена' },
  confirmAssign: { en: 'Assign this offer?', ru: 'Назначить предложение?' },
  confirmTag: { en: 'Add this tag?', ru: 'Добавить метку?' },
  confirmUntag: { en: 'Remove this tag?', ru: 'Удалить метку?' },
  confirmNote: { en: 'Save this note?', ru: 'Сохранить заметку?' },
  done: { en: 'Saved', ru: 'Сохранено' },
  delivery: { en: 'delivery', ru: 'доставка' },
  'action_offer.assign': { en: 'offer assigned', ru: 'назначено предложение' },
  'action_customer.tag.add': { en: 'tag added', ru: 'добавлена метка' },
  'action_customer.tag.remove': { en: 'tag removed', ru: 'удалена метка' },
  'action_customer.note.add': { en: 'note added', ru: 'добавлена заметка' },
} as const;

export type TextKey = keyof typeof texts;

export function t(key: TextKey, lang: Lang): string {
  return texts[key][lang];
}

/** The text for a key made at run time (e.g. from a server value), or `fallback`. */
export function textOr(key: string, lang: Lang, fallback: string): string {
  return key in texts ? texts[key as TextKey][lang] : fallback;
}
