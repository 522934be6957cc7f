// The bot's texts in English and Russian, chosen from the user's language_code.
import { blockLabels, isBlockName, type Lang, reasonOr } from '@retention/contracts';
import type { Refused } from './services.ts';

export { type Lang, langOf } from '@retention/contracts';

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
  dataEnds: {
    en: 'Data ends {day}: shown as of that day (setting AS_OF).',
    ru: 'Данные заканчиваются {day}: показано на этот день (настройка AS_OF).',
  },
  days7: { en: '7 days', ru: '7 дней' },
  days30: { en: '30 days', ru: '30 дней' },
  days90: { en: '90 days', ru: '90 дней' },
  customerUsage: {
    en: 'Send /customer followed by an id, phone, e-mail or name, e.g. /customer 42',
    ru: 'Отправьте /customer и id, телефон, e-mail или имя, например /customer 42',
  },
  usersUsage: {
    en: 'Send /find followed by a phone, e-mail or name to search, e.g. /find Smith',
    ru: 'Отправьте /find и телефон, e-mail или имя для поиска, например /find Иванов',
  },
  noCustomers: { en: 'No customer matches', ru: 'Нет клиентов по запросу' },
  found: { en: 'Found', ru: 'Найдено' },
  notFound: { en: 'No customer', ru: 'Нет клиента' },
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
  allAsCsv: { en: '📄 All as CSV', ru: '📄 Все в CSV' },
  preparingCsv: { en: 'Preparing the file…', ru: 'Готовлю файл…' },
  csvFirstRows: { en: 'the file holds the first', ru: 'в файле первые' },
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
  offersOff: {
    en: 'You will get no more offer messages. /start_offers turns them back on.',
    ru: 'Больше не будем присылать предложения. /start_offers включит их снова.',
  },
  offersOn: {
    en: 'Offer messages are on. /stop_offers turns them off.',
    ru: 'Предложения включены. /stop_offers отключит их.',
  },
  alreadySo: { en: '(It already was.)', ru: '(Так уже было.)' },
  offerForYou: { en: 'an offer for you:', ru: 'предложение для вас:' },
  discount: { en: 'Discount', ru: 'Скидка' },
  gift: { en: 'Gift', ru: 'Подарок' },
  tapForCode: {
    en: 'Tap “Get my code” for your personal code and give it with your next order.',
    ru: 'Нажмите «Получить код» — назовите персональный код при следующем заказе.',
  },
  stopOffersHint: {
    en: '/stop_offers: no more offer messages.',
    ru: '/stop_offers — больше не присылать предложения.',
  },
  getCode: { en: 'Get my code', ru: 'Получить код' },
  yourCode: { en: 'Your personal code', ru: 'Ваш персональный код' },
  offerNotFound: {
    en: 'This offer is not available to you.',
    ru: 'Это предложение вам недоступно.',
  },
  offerUsed: { en: 'already used', ru: 'уже использован' },
  offerEnded: { en: 'the offer has ended', ru: 'срок предложения истёк' },
  cmdStopOffers: { en: 'no more offer messages', ru: 'не присылать предложения' },
  cmdStartOffers: { en: 'offer messages back on', ru: 'снова присылать предложения' },
  rendering: { en: 'Rendering the screenshot…', ru: 'Готовлю скриншот…' },
  noScreenshot: { en: 'No screenshot:', ru: 'Скриншота не будет:' },
  assignOffer: { en: 'Assign offer', ru: 'Назначить предложение' },
  addTag: { en: 'Add tag', ru: 'Добавить метку' },
  addNote: { en: 'Add note', ru: 'Добавить заметку' },
  chooseOffer: { en: 'Choose an offer for', ru: 'Выберите предложение для' },
  noAssignable: { en: 'There are no valid offers to assign.', ru: 'Нет действующих предложений.' },
  confirmAssign: { en: 'Assign', ru: 'Назначить' },
  to: { en: 'to', ru: 'клиенту' },
  confirm: { en: 'Confirm', ru: 'Подтвердить' },
  cancel: { en: 'Cancel', ru: 'Отмена' },
  assigned: { en: 'Assigned. Personal code', ru: 'Назначено. Персональный код' },
  refusedBecause: { en: 'Not done:', ru: 'Не сделано:' },
  askTag: {
    en: 'Send the tag to add (letters, digits, spaces, _ or -), or /cancel.',
    ru: 'Отправьте метку (буквы, цифры, пробелы, _ или -) или /cancel.',
  },
  askNote: { en: 'Send the note, or /cancel.', ru: 'Отправьте текст заметки или /cancel.' },
  sendText: { en: 'Please send text, or /cancel.', ru: 'Отправьте текст или /cancel.' },
  tryAgain: { en: 'Send another, or /cancel.', ru: 'Отправьте другое или /cancel.' },
  tagAdded: { en: 'Tag added to', ru: 'Метка добавлена клиенту' },
  noteAdded: { en: 'Note added to', ru: 'Заметка добавлена клиенту' },
  grantUsage: {
    en: 'Send /grant <Telegram user id> admin, or /grant <id> manager [Region].',
    ru: 'Отправьте /grant <id пользователя Telegram> admin или /grant <id> manager [Регион].',
  },
  notTelegramId: {
    en: 'Not done: not a Telegram user id (a whole number from 1 to 9007199254740991)',
    ru: 'Не выполнено: это не id пользователя Telegram (целое число от 1 до 9007199254740991)',
  },
  revokeUsage: {
    en: 'Send /revoke <Telegram user id>.',
    ru: 'Отправьте /revoke <id пользователя Telegram>.',
  },
  confirmGrant: { en: 'Make user', ru: 'Назначить пользователя' },
  confirmRevoke: { en: 'Take the staff role away from user', ru: 'Снять роль с пользователя' },
  asRole: { en: 'a', ru: 'ролью' },
  allRegions: { en: 'every region', ru: 'все регионы' },
  done: { en: 'Done.', ru: 'Готово.' },
  cmdGrant: { en: 'grant a staff role', ru: 'выдать роль сотрудника' },
  cmdRevoke: { en: 'revoke a staff role', ru: 'снять роль сотрудника' },
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
  // /alerts
  cmdAlerts: { en: 'digests and alerts', ru: 'сводки и оповещения' },
  alertsTitle: { en: '🔔 Digests and alerts', ru: '🔔 Сводки и оповещения' },
  digestLabel: { en: 'Digest', ru: 'Сводка' },
  digestOff: { en: 'off', ru: 'выключена' },
  digestDaily: { en: 'daily', ru: 'ежедневно' },
  digestWeekly: { en: 'weekly', ru: 'еженедельно' },
  weekdaysShort: { en: 'Mon,Tue,Wed,Thu,Fri,Sat,Sun', ru: 'Пн,Вт,Ср,Чт,Пт,Сб,Вс' },
  screenshotLabel: { en: 'Screenshot', ru: 'Скриншот' },
  none: { en: 'none', ru: 'нет' },
  quietLabel: { en: 'Quiet hours', ru: 'Тихие часы' },
  churnAlertLabel: { en: 'Churn rate above', ru: 'Отток выше' },
  highValueLabel: { en: 'High-value customer at risk', ru: 'Ценный клиент под угрозой' },
  probabilityFrom: { en: 'churn probability from', ru: 'вероятность ухода от' },
  valueFrom: { en: 'CLV or value at risk from', ru: 'CLV или ценность под угрозой от' },
  failuresLabel: { en: 'Import and ingestion failures', ru: 'Ошибки импорта и загрузки' },
  switchedOn: { en: 'on', ru: 'вкл.' },
  switchedOff: { en: 'off', ru: 'выкл.' },
  btnOff: { en: 'Off', ru: 'Выкл.' },
  btnDaily: { en: 'Daily', ru: 'Ежедневно' },
  btnWeekly: { en: 'Weekly', ru: 'Еженедельно' },
  btnQuiet: { en: '🌙 Quiet hours', ru: '🌙 Тихие часы' },
  btnChurn: { en: '📉 Churn rate alert', ru: '📉 Порог оттока' },
  btnHighValue: { en: '💎 High-value alert', ru: '💎 Ценные клиенты' },
  btnFailures: { en: '❗ Failures', ru: '❗ Ошибки' },
  btnTest: { en: '📬 Send me a test digest now', ru: '📬 Прислать тестовую сводку' },
  btnType: { en: '⌨️ Type', ru: '⌨️ Ввести' },
  chooseTime: { en: 'Digest time:', ru: 'Время сводки:' },
  chooseWeekday: { en: 'Day of the weekly digest:', ru: 'День еженедельной сводки:' },
  chooseBlock: { en: 'Block pictured in the digest:', ru: 'Блок для скриншота в сводке:' },
  chooseQuiet: {
    en: 'Quiet hours (alerts wait until they end):',
    ru: 'Тихие часы (оповещения ждут их окончания):',
  },
  askDigestTime: {
    en: 'Send the digest time as HH:MM, e.g. 08:30, or /cancel.',
    ru: 'Отправьте время сводки в виде ЧЧ:ММ, например 08:30, или /cancel.',
  },
  askQuiet: {
    en: 'Send quiet hours as HH:MM-HH:MM, e.g. 22:00-07:00, or "off" for none, or /cancel.',
    ru: 'Отправьте тихие часы в виде ЧЧ:ММ-ЧЧ:ММ, например 22:00-07:00, «нет» — без них, или /cancel.',
  },
  askChurnRate: {
    en: 'Send the churn rate in % above which to alert you, e.g. 5, or "off", or /cancel.',
    ru: 'Отправьте порог оттока в %, например 5, или «нет», или /cancel.',
  },
  askProbability: {
    en: 'Send the churn probability in % from which a high-value customer is alerted, e.g. 70, or "off", or /cancel.',
    ru: 'Отправьте вероятность ухода в %, с которой оповещать о ценном клиенте, например 70, или «нет», или /cancel.',
  },
  askHighValue: {
    en: 'Now the CLV or value at risk from which a customer counts as high value, e.g. 1000.',
    ru: 'Теперь CLV или ценность под угрозой, с которой клиент считается ценным, например 1000.',
  },
  badTime: { en: 'that is not a time like 08:30', ru: 'это не время вида 08:30' },
  badQuiet: { en: 'that is not like 22:00-07:00', ru: 'это не похоже на 22:00-07:00' },
  badNumber: { en: 'that is not a number', ru: 'это не число' },
  saved: { en: 'Saved.', ru: 'Сохранено.' },
  preparingDigest: { en: 'Preparing the digest…', ru: 'Готовлю сводку…' },
} as const;

export type TextKey = keyof typeof texts;

export function t(key: TextKey, lang: Lang): string {
  return texts[key][lang];
}

/** A dashboard block's name on a button (its id when it is none of the known blocks). */
export function blockLabel(block: string, lang: Lang): string {
  return isBlockName(block) ? blockLabels[block][lang] : block;
}

/** A user's words quoted as the language quotes: “…” in English, «…» in Russian. */
export function quoted(text: string, lang: Lang): string {
  return lang === 'ru' ? `«${text}»` : `“${text}”`;
}

/** The server's reason for a refusal, in the user's language where it has one. */
export function reasonIn(r: Refused, lang: Lang): string {
  return reasonOr(r.because, r.reason, lang);
}

/** "Not done: <the server's reason>". */
export function refusedText(r: Refused, lang: Lang): string {
  return `${t('refusedBecause', lang)} ${reasonIn(r, lang)}`;
}
