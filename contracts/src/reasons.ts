// Why the server refused a request or a model could not train, in both languages. The server
// sends the English text as the error's `message` (for logs and API callers) and the key with
// its values as `reason`, so the Mini App and the bot show it in the viewer's language. Values
// are shown as they come (ISO dates, names as the business wrote them).
import type { Lang } from './lang.ts';

type Texts = { en: string; ru: string };

export const reasons = {
  // The range of a report (server/src/analytics/periods.ts).
  notADate: {
    en: '{name} must be a date like 2024-01-31, got "{value}"',
    ru: '{name}: нужна дата вида 2024-01-31, получено «{value}»',
  },
  dateOutOfBounds: {
    en: '{name} must be between 1900-01-01 and 2099-12-31, got {value}',
    ru: '{name}: дата должна быть между 1900-01-01 и 2099-12-31, получено {value}',
  },
  fromAfterTo: {
    en: 'from ({from}) is after to ({to})',
    ru: 'начало периода ({from}) позже его конца ({to})',
  },
  fromAfterToday: {
    en: 'from ({from}) is after today ({today})',
    ru: 'начало периода ({from}) позже сегодняшнего дня ({today})',
  },
  tooManyWeeks: {
    en: '{from}..{to} is {count} weeks; at most {max} fit one request — use a shorter range or granularity=month',
    ru: 'в периоде {from}..{to} недель: {count}, а в один запрос помещается не больше {max}; сократите период или выберите месяцы',
  },
  tooManyMonths: {
    en: '{from}..{to} is {count} months; at most {max} fit one request — use a shorter range or granularity=month',
    ru: 'в периоде {from}..{to} месяцев: {count}, а в один запрос помещается не больше {max}; сократите период',
  },
  // The filters of a report (server/src/analytics/selection.ts, auth/scope.ts).
  unknownRegion: {
    en: 'unknown region "{value}"; known: {known}',
    ru: 'нет региона «{value}»; есть: {known}',
  },
  unknownChannel: {
    en: 'unknown channel "{value}"; known: {known}',
    ru: 'нет канала «{value}»; есть: {known}',
  },
  unknownPlan: {
    en: 'unknown plan "{value}"; known: {known}',
    ru: 'нет тарифа «{value}»; есть: {known}',
  },
  unknownRegionNone: {
    en: 'unknown region "{value}"; there are none',
    ru: 'нет региона «{value}»; в данных регионов нет',
  },
  unknownChannelNone: {
    en: 'unknown channel "{value}"; there are none',
    ru: 'нет канала «{value}»; в данных каналов нет',
  },
  unknownPlanNone: {
    en: 'unknown plan "{value}"; there are none',
    ru: 'нет тарифа «{value}»; в данных тарифов нет',
  },
  unknownSegment: {
    en: 'unknown segment "{value}"; RFM segments: {known}',
    ru: 'нет сегмента «{value}»; RFM-сегменты: {known}',
  },
  unknownSegmentOrModel: {
    en: 'unknown segment "{value}"; RFM segments: {known}, or a segment of the latest segmentation run',
    ru: 'нет сегмента «{value}»; RFM-сегменты: {known} или сегмент последней сегментации',
  },
  outsideScope: {
    en: 'your access is limited to region {region}',
    ru: 'ваш доступ ограничен регионом {region}',
  },
  notTelegramUserId: {
    en: '{id} is not a Telegram user id',
    ru: '{id} — не идентификатор пользователя Telegram',
  },
  // Who may do what (403), and staff roles (server/src/auth/).
  needsRole: {
    en: 'this needs the role {roles}; you are {role}',
    ru: 'это доступно ролям {roles}; ваша роль — {role}',
  },
  badRegionLabel: {
    en: 'a region must be 1 to 100 characters with no control characters',
    ru: 'регион — от 1 до 100 символов без управляющих символов',
  },
  noStaffRegionYet: {
    en: 'no customer has the region "{region}" (no customer has a region yet)',
    ru: 'ни у одного клиента нет региона «{region}» (регионов у клиентов пока нет)',
  },
  noStaffRegion: {
    en: 'no customer has the region "{region}"; regions: {regions}',
    ru: 'ни у одного клиента нет региона «{region}»; регионы: {regions}',
  },
  ownRoleChange: {
    en: 'you cannot change your own role',
    ru: 'свою роль изменить нельзя',
  },
  ownRoleRevoke: {
    en: 'you cannot revoke your own role',
    ru: 'свою роль отозвать нельзя',
  },
  // Alert and digest settings (server/src/alerts/settings.ts).
  badDigest: {
    en: 'digest must be off, daily or weekly',
    ru: 'сводка: off (выключена), daily (ежедневно) или weekly (еженедельно)',
  },
  badDigestTime: {
    en: 'the digest time must be a time like 09:30 (00:00-23:59)',
    ru: 'время сводки — в виде 09:30 (от 00:00 до 23:59)',
  },
  badQuietHours: {
    en: 'quiet hours must be a time like 09:30 (00:00-23:59)',
    ru: 'тихие часы — в виде 09:30 (от 00:00 до 23:59)',
  },
  badWeekday: {
    en: 'the weekday must be 1 (Monday) to 7 (Sunday)',
    ru: 'день недели — от 1 (понедельник) до 7 (воскресенье)',
  },
  badTimeZone: {
    en: 'the time zone must be an IANA zone like Europe/Berlin',
    ru: 'часовой пояс — зона IANA, например Europe/Moscow',
  },
  badBlock: {
    en: 'the block must be one of {blocks}',
    ru: 'блок — один из: {blocks}',
  },
  badChurnRateAlert: {
    en: 'the churn rate must be above 0 and below 100',
    ru: 'доля оттока — больше 0 и меньше 100',
  },
  badChurnProbabilityAlert: {
    en: 'the churn probability must be above 0 and below 100',
    ru: 'вероятность ухода — больше 0 и меньше 100',
  },
  badAlertAmount: {
    en: 'the amount must be a number from 0',
    ru: 'сумма — число от 0',
  },
  // Screenshots and load (server/src/screenshots/, analytics/report-pool.ts).
  chromiumMissing: {
    en: 'screenshots need Chromium at {path}: install it (apt-get install -y chromium) or set CHROMIUM_PATH',
    ru: 'для скриншотов нужен Chromium по пути {path}: установите его (apt-get install -y chromium) или задайте CHROMIUM_PATH',
  },
  blockFailed: {
    en: 'the {block} block could not load: {error}',
    ru: 'блок {block} не загрузился: {error}',
  },
  blockRenderFailed: {
    en: 'could not render the {block} block: {error}',
    ru: 'не удалось отрисовать блок {block}: {error}',
  },
  shareNeedsBot: {
    en: 'sharing needs the bot (BOT_TOKEN, BOT_MODE) and Chromium for the picture',
    ru: 'для отправки в чат нужны бот (BOT_TOKEN, BOT_MODE) и Chromium для картинки',
  },
  shareNeedsPublicUrl: {
    en: 'sharing needs PUBLIC_URL: Telegram fetches the picture from there',
    ru: 'для отправки в чат нужен PUBLIC_URL: Telegram берёт картинку оттуда',
  },
  shareFailed: {
    en: 'Telegram did not prepare the message: {error}',
    ru: 'Telegram не подготовил сообщение: {error}',
  },
  screenshotsBusy: {
    en: '{waiting} pictures are being made already: try again in a minute',
    ru: 'уже готовятся {waiting} картинок: повторите через минуту',
  },
  screenshotsOff: {
    en: 'screenshots are not set up here',
    ru: 'скриншоты здесь не настроены',
  },
  reportsBusy: {
    en: 'Too many reports are being computed; retry in a few seconds.',
    ru: 'Сейчас считается слишком много отчётов; повторите через несколько секунд.',
  },
  // What the caller may not see, or what is not there (404).
  customerNotFound: { en: 'customer {id} not found', ru: 'клиент {id} не найден' },
  offerNotFound: { en: 'offer {id} not found', ru: 'предложение {id} не найдено' },
  campaignNotFound: { en: 'campaign {id} not found', ru: 'кампания {id} не найдена' },
  sharedImageNotFound: {
    en: 'no shared picture {id}: it has expired or never existed',
    ru: 'картинки {id} нет: срок её хранения истёк или её не было',
  },
  audienceNotFound: { en: 'audience {id} not found', ru: 'аудитория {id} не найдена' },
  audienceNameTaken: {
    en: 'an audience named "{name}" already exists',
    ru: 'аудитория «{name}» уже есть',
  },
  tooManyAudiences: {
    en: 'there are already {max} audiences: delete one you no longer use',
    ru: 'аудиторий уже {max}: удалите ненужную',
  },
  audienceNotYours: {
    en: 'audience {id} was saved by someone else: only they or an admin can delete it',
    ru: 'аудиторию {id} сохранил другой пользователь: удалить её может он или администратор',
  },
  jobNotFound: { en: 'job {id} not found', ru: 'задача {id} не найдена' },
  apiKeyNotFound: { en: 'API key "{id}" not found', ru: 'API-ключ «{id}» не найден' },
  // Campaigns (server/src/campaigns/).
  percentOffMissing: {
    en: 'offer.percentOff is required for a percent discount',
    ru: 'для скидки в процентах укажите процент',
  },
  amountOffMissing: {
    en: 'offer.amountOff is required for an amount discount',
    ru: 'для скидки суммой укажите сумму',
  },
  giftMissing: {
    en: 'offer.gift (what is given) is required for a gift',
    ru: 'для подарка укажите, что дарится',
  },
  endBeforeStart: { en: 'endAt must be after startAt', ru: 'конец должен быть позже начала' },
  endInPast: { en: 'endAt must be in the future', ru: 'конец должен быть в будущем' },
  noTargetCustomers: {
    en: 'the target has no customers',
    ru: 'под условия не попал ни один клиент',
  },
  oneTargetCustomer: {
    en: 'the target has one customer: there is nobody left for a control group',
    ru: 'под условия попал один клиент: для контрольной группы никого не остаётся',
  },
  campaignNotRunning: {
    en: 'campaign {id} is {status}: only a running campaign can be paused or stopped',
    ru: 'кампания {id} — {status}: приостановить или остановить можно только идущую кампанию',
  },
  campaignNotPaused: {
    en: 'campaign {id} is {status}: only a paused campaign can be resumed',
    ru: 'кампания {id} — {status}: возобновить можно только приостановленную кампанию',
  },
  offerCodeTaken: {
    en: 'an offer with code {code} exists already; choose another code',
    ru: 'предложение с кодом {code} уже есть; выберите другой код',
  },
  noChurnModelForTarget: {
    en: 'no churn model has run yet, so there is no churn risk to target: npm run train -- --only churn',
    ru: 'модель оттока ещё не обучалась, поэтому отбирать по риску оттока нельзя: npm run train -- --only churn',
  },
  noClvModelForTarget: {
    en: 'no CLV model has run yet, so there is no value at risk to target: npm run train -- --only clv',
    ru: 'модель CLV ещё не обучалась, поэтому отбирать по ценности под риском нельзя: npm run train -- --only clv',
  },
  // A customer's offers (server/src/services/customer-offers.ts).
  offerEnded: {
    en: 'offer {code} ended on {day}; it cannot be assigned',
    ru: 'предложение {code} закончилось {day}; назначить его нельзя',
  },
  offerHeld: {
    en: 'customer {customer} already has offer {code} (code {held})',
    ru: 'у клиента {customer} уже есть предложение {code} (код {held})',
  },
  // Models the data cannot support (server/src/ml/, ml/src/).
  noPrices: {
    en: 'no product prices up to {asOf}: nothing to estimate',
    ru: 'нет цен товаров по {asOf}: оценивать нечего',
  },
  segmentsTooFew: {
    en: 'segmentation needs at least {needed} customers with orders up to {asOf}; found {found}',
    ru: 'для сегментации нужно не меньше {needed} клиентов с заказами по {asOf}; найдено {found}',
  },
  clvTooFew: {
    en: 'CLV needs purchase histories of at least {needed} customers up to {asOf}; found {found}',
    ru: 'для CLV нужны истории покупок не меньше {needed} клиентов по {asOf}; найдено {found}',
  },
  clvTooFewRepeat: {
    en: 'Gamma-Gamma needs at least 2 repeat customers with spend, got {found}',
    ru: 'для модели трат (Gamma-Gamma) нужно не меньше 2 повторных покупателей; найдено {found}',
  },
  churnNoOrders: {
    en: 'the churn model needs order history from at least {days} days before {asOf} (W = {w}): there are no orders',
    ru: 'модели оттока нужна история заказов не меньше {days} дней до {asOf} (W = {w}): заказов нет',
  },
  churnHistoryShort: {
    en: 'the churn model needs order history from at least {days} days before {asOf} (W = {w}): orders start on {first}',
    ru: 'модели оттока нужна история заказов не меньше {days} дней до {asOf} (W = {w}): заказы начинаются {first}',
  },
  churnTooFewTraining: {
    en: 'the churn model needs at least {min} customers who churned and {min} who stayed among the training snapshots (customers active on {day}); found {churned} and {kept}',
    ru: 'модели оттока нужно не меньше {min} ушедших и {min} оставшихся клиентов в обучающих срезах (активные на {day}); найдено {churned} и {kept}',
  },
  churnTooFewEvaluation: {
    en: 'the churn model needs at least {min} customers who churned and {min} who stayed among the evaluation snapshot (customers active on {day}); found {churned} and {kept}',
    ru: 'модели оттока нужно не меньше {min} ушедших и {min} оставшихся клиентов в проверочном срезе (активные на {day}); найдено {churned} и {kept}',
  },
  churnTooFewValidation: {
    en: 'the churn model needs at least {min} customers who churned and {min} who stayed among the validation customers (customers active on the training cutoffs); found {churned} and {kept}',
    ru: 'модели оттока нужно не меньше {min} ушедших и {min} оставшихся клиентов среди отложенных для подбора (активные на обучающих срезах); найдено {churned} и {kept}',
  },
  recsTooManyProducts: {
    en: 'recommendations handle up to {max} products; the catalogue has {count}',
    ru: 'рекомендации работают не больше чем с {max} товарами; в каталоге {count}',
  },
  recsTooFew: {
    en: 'recommendations need purchases of at least 20 customers up to {asOf}',
    ru: 'для рекомендаций нужны покупки не меньше 20 клиентов по {asOf}',
  },
} satisfies Record<string, Texts>;

export type ReasonKey = keyof typeof reasons;

/** A reason: its key and the values its text names. */
export interface Reason {
  key: ReasonKey;
  params: Record<string, string | number>;
}

export const isReasonKey = (key: unknown): key is ReasonKey =>
  typeof key === 'string' && Object.hasOwn(reasons, key);

/** The reason's text in `lang`, its `{name}`s filled in (a value not given stays `{name}`). */
export function reasonText(reason: Reason, lang: Lang): string {
  return reasons[reason.key][lang].replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(reason.params, name) ? String(reason.params[name]) : whole,
  );
}

/** The reason in `lang` where there is one, else the text that came with it (as it came). */
export function reasonOr(reason: Reason | null | undefined, text: string, lang: Lang): string {
  return reason ? reasonText(reason, lang) : text;
}

/**
 * An error that knows its reason: its message is the English text. The server's and the ML
 * package's refusals throw it, so the reason reaches the viewer whatever layer refused.
 */
export class ReasonError extends Error {
  readonly reason: Reason;

  constructor(key: ReasonKey, params: Record<string, string | number> = {}) {
    const reason = { key, params };
    super(reasonText(reason, 'en'));
    this.reason = reason;
  }
}

/** The reason an error carries, if it is a ReasonError (also across threads, as plain data). */
export function reasonOf(error: unknown): Reason | null {
  const r = (error as { reason?: unknown } | null)?.reason as Partial<Reason> | undefined;
  if (!r || !isReasonKey(r.key) || typeof r.params !== 'object' || r.params === null) return null;
  return { key: r.key, params: r.params };
}
