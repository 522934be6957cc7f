// How each metric is computed, in words and in both languages: every report returns the keys
// of its definitions (and the English text), and the Mini App shows them under "how is this
// computed" next to the number. DESIGN.md is the reference; these say the same in short.
import type { Words } from './vocabulary.ts';

export const definitions = {
  active: {
    en: 'Active on a day: a completed order in the W days up to and including it, or a live contract. Active at start = active on the day before the period; at end = on its last day.',
    ru: 'Активен в день: выполненный заказ за W дней по этот день включительно или действующий договор. Активные на начало = активные накануне периода; на конец = в его последний день.',
  },
  churn: {
    en: 'Churned: was active and is not. Churn date = last order + W days (or contract end). Churn rate of a period = customers whose churn date falls in it ÷ customers active at its start; retention rate = 1 − churn rate.',
    ru: 'Ушёл: был активен и перестал. Дата ухода = последний заказ + W дней (или конец договора). Отток периода = клиенты, чья дата ухода попала в период ÷ активные на его начало; удержание = 1 − отток.',
  },
  dashboardChurn: {
    en: 'On the dashboard the range spans several periods: its churn rate is the mean per week or month, Σ churned ÷ Σ active at the start of each period.',
    ru: 'На дашборде диапазон охватывает несколько периодов: его отток — среднее по неделям или месяцам, Σ ушедших ÷ Σ активных на начало каждого периода.',
  },
  newCustomers: {
    en: 'New: first completed order or first contract start in the period.',
    ru: 'Новые: первый выполненный заказ или начало первого договора в периоде.',
  },
  revenue: {
    en: 'Revenue and orders: completed orders only (pending, cancelled and returned are left out), by the day they were placed in the business time zone. AOV = revenue ÷ orders; ARPU = revenue ÷ customers active in the period.',
    ru: 'Выручка и заказы: только выполненные заказы (ожидающие, отменённые и возвращённые не учитываются), по дню оформления в часовом поясе бизнеса. Средний чек = выручка ÷ заказы; ARPU = выручка ÷ клиенты, активные в периоде.',
  },
  revenueRetention: {
    en: 'NRR / GRR (contract customers): monthly contract amounts of the customers live at the period opening, on its last day, with expansion (NRR) and capped at each customer’s starting amount (GRR), ÷ their amounts at the opening.',
    ru: 'NRR / GRR (клиенты с договорами): месячные суммы договоров клиентов, действовавших на начало периода, в его последний день, с расширением (NRR) и не выше начальной суммы каждого клиента (GRR), ÷ их суммы на начало.',
  },
  cohorts: {
    en: 'Cohort = customers whose first completed order falls in period c. Cell (c, k) = share of the cohort with an order in period c + k; "on or after" = an order in c + k or later; revenue variant = cohort revenue in c + k ÷ in c.',
    ru: 'Когорта = клиенты, чей первый выполненный заказ пришёлся на период c. Ячейка (c, k) = доля когорты с заказом в периоде c + k; «в периоде и позже» = заказ в c + k или позже; вариант по выручке = выручка когорты в c + k ÷ в c.',
  },
  curve: {
    en: 'Retention curve: for each k, Σ over cohorts of customers ordering in c + k ÷ Σ of their sizes, over cohorts whose period c + k is a whole period inside the range.',
    ru: 'Кривая удержания: для каждого k — Σ по когортам клиентов с заказом в c + k ÷ Σ их размеров, по когортам, у которых период c + k целиком внутри диапазона.',
  },
  historicalLtv: {
    en: 'Historical LTV: mean cumulative revenue per customer through k periods after the first order, over cohorts old enough (c + k a whole period inside the range).',
    ru: 'Исторический LTV: средняя накопленная выручка на клиента за k периодов после первого заказа, по когортам достаточного возраста (c + k — целый период внутри диапазона).',
  },
  simpleLtv: {
    en: 'Simple LTV = monthly ARPU × gross margin ÷ monthly churn rate, pooled over the whole months of the range (undefined when nobody churned).',
    ru: 'Простой LTV = месячный ARPU × валовая маржа ÷ месячный отток, по целым месяцам диапазона (не определён, если никто не ушёл).',
  },
  rfm: {
    en: 'RFM as of the range end over customers with a completed order: recency = days since the last order, frequency = orders, monetary = revenue. Scores 1-5 by percent rank (quintiles; equal values share a score; recent = 5). Segments from the recency × frequency scores.',
    ru: 'RFM на конец диапазона по клиентам с выполненным заказом: давность = дней с последнего заказа, частота = заказы, деньги = выручка. Баллы 1–5 по процентильному рангу (квинтили; равные значения получают один балл; недавние = 5). Сегменты — по баллам давности × частоты.',
  },
  lifecycle: {
    en: 'Per period: new = first order ever; returning = ordered in this and the previous period; resurrecting = ordered now, not in the previous period, but before; dormant = ordered in the previous period, not in this one. Quick ratio = (new + resurrecting) ÷ dormant.',
    ru: 'По периодам: новые = первый заказ в жизни; вернувшиеся = заказывали в этом и предыдущем периоде; воскресшие = заказали сейчас, не в предыдущем периоде, но раньше; уснувшие = заказывали в предыдущем периоде, но не в этом. Коэффициент восполнения = (новые + воскресшие) ÷ уснувшие.',
  },
  stickiness: {
    en: 'Stickiness = average daily active customers (with at least one behaviour event that day) over the period ÷ customers with an event in the 30 days ending on its last day (DAU/MAU).',
    ru: 'Вовлечённость = среднее число клиентов, активных за день (хотя бы одно событие в этот день), за период ÷ клиенты с событием за 30 дней по его последний день (DAU/MAU).',
  },
  campaigns: {
    en: 'Per campaign overlapping the range, from its start to its end (or today): redemption = redeemed ÷ targeted; retention = share of members with a completed order; revenue per member. Uplift = target − control with a 95% normal interval (Wald for retention, Welch for revenue). Incremental revenue = revenue uplift per member × targeted members; cost = the redeemed offers’ value (a percent discount: order total × p ÷ (100 − p); an amount; a gift’s cost); ROI = (incremental revenue − cost) ÷ cost.',
    ru: 'По каждой кампании, пересекающей диапазон, от её начала до конца (или сегодня): использование = использовали ÷ целевые; удержание = доля участников с выполненным заказом; выручка на участника. Эффект = целевая − контрольная с 95% нормальным интервалом (Вальда для удержания, Уэлча для выручки). Дополнительная выручка = эффект по выручке на участника × участники целевой группы; стоимость = ценность использованных предложений (скидка в процентах: сумма заказа × p ÷ (100 − p); сумма; стоимость подарка); ROI = (дополнительная выручка − стоимость) ÷ стоимость.',
  },
  segments: {
    en: 'Segments of the latest segmentation run: k-means on standardised recency, orders, revenue, tenure, order value and event days (90), k chosen by silhouette, named from the centroids. Outliers: DBSCAN noise on the same features (minPts = 12, eps = 90th percentile of the distance to the 12th neighbour). Sizes and figures are today’s, over your selection.',
    ru: 'Сегменты последнего запуска сегментации: k-средних по стандартизованным давности, заказам, выручке, стажу, среднему чеку и дням с событиями (90), k выбрано по силуэту, названия — по центроидам. Выбросы: шум DBSCAN по тем же признакам (minPts = 12, eps = 90-й процентиль расстояния до 12-го соседа). Размеры и показатели — на сегодня, по вашему выбору.',
  },
  churnRisk: {
    en: 'Churn risk: the probability that a customer active today places no order in the next H days (CHURN_HORIZON_DAYS, default W) and holds no live contract at their end, from the newest churn model run. Candidates: a random forest and gradient-boosted trees, and the simple rules they must beat (days since the last order, number of order days, RFM rank sum, logistic regression on RFM), all fitted on customers active before the as-of day and compared on customers active H days before it (labelled by what happened next, which none of them saw). The better tree serves only if its held-out ROC-AUC beats the best rule’s by 0.02; otherwise that rule serves. Probabilities are Platt-calibrated. The card also scores the model against the dashboard’s churn (no order and no live contract for W days, within the next W days). Reasons: the feature groups that raise the customer’s probability most against a typical retained customer. Value at risk = probability × 12-month CLV of the newest CLV run. Filters select customers as today.',
    ru: 'Риск ухода: вероятность того, что клиент, активный сегодня, не сделает ни одного заказа в ближайшие H дней (CHURN_HORIZON_DAYS, по умолчанию W) и к их концу у него не будет действующего договора, по последней модели оттока. Кандидаты: случайный лес и градиентный бустинг, а также простые правила, которые они должны превзойти (дни с последнего заказа, число дней с заказами, сумма рангов RFM, логистическая регрессия по RFM); все обучены на клиентах, активных до даты расчёта, и сравниваются на клиентах, активных за H дней до неё (с разметкой по тому, что случилось дальше и чего ни одна модель не видела). Лучшая модель на деревьях работает, только если её ROC-AUC на отложенных данных выше, чем у лучшего правила, на 0,02; иначе работает это правило. Вероятности откалиброваны по Платту. Карточка модели показывает и её качество по оттоку, как его считает сводка (ни заказа, ни действующего договора W дней, в ближайшие W дней). Причины: группы признаков, сильнее всего повышающие вероятность клиента по сравнению с типичным оставшимся клиентом. Под угрозой = вероятность × CLV за 12 месяцев последнего расчёта CLV. Фильтры отбирают клиентов на сегодня.',
  },
  breakdown: {
    en: 'Summary of the range per region, acquisition channel or RFM segment, with totals; each customer counts in one row.',
    ru: 'Итоги диапазона по регионам, каналам привлечения или RFM-сегментам, с суммой; каждый клиент учитывается в одной строке.',
  },
} as const satisfies Record<string, Words>;

export type DefinitionKey = keyof typeof definitions;
export const definitionKeys = Object.keys(definitions) as DefinitionKey[];
