import { blockTitles, type Filters, localeOf } from '@retention/contracts';
import { BlockState } from '../../../components/block-state';
import { ShareButton } from '../../../components/share-button';
import { Stat } from '../../../components/stat';
import { formatValue } from '../../../lib/format';
import type { Lang } from '../../../lib/i18n';
import { useLang } from '../../../lib/i18n';
import { type ClvCard, useClvCard, useReport } from '../api/reports';
import { HowComputed } from './how-computed';

const words = {
  en: {
    ltv: 'Simple LTV',
    arpu: 'Monthly ARPU',
    churn: 'Monthly churn',
    k: 'Periods since first order',
    retention: 'Retained',
    cumulative: 'Revenue per customer',
  },
  ru: {
    ltv: 'Простой LTV',
    arpu: 'ARPU в месяц',
    churn: 'Отток в месяц',
    k: 'Периодов с первого заказа',
    retention: 'Удержано',
    cumulative: 'Выручка на клиента',
  },
};

/**
 * How the CLV model's last forecast did: its holdout against what happened and against each
 * customer's own past rate, and whether seasons were found. Null before a checked run.
 */
export function clvCheckText(card: ClvCard, lang: Lang): string | null {
  const h = card.holdout;
  const s = card.seasonality;
  if (!h || !s) return null;
  const locale = localeOf(lang);
  const n = (v: number) => Math.round(v).toLocaleString(locale);
  // Signed, with a real minus, "%" as each language writes it.
  const bias = (v: number | null) =>
    v === null
      ? '—'
      : `${v > 0 ? '+' : v < 0 ? '−' : ''}${Math.abs(v).toLocaleString(locale, { maximumFractionDigits: 1 })}${lang === 'ru' ? ' %' : '%'}`;
  const rho = (v: number | null) =>
    v === null
      ? '—'
      : v.toLocaleString(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const pc = (v: number | null) =>
    v === null ? '—' : v.toLocaleString(locale, { style: 'percent', maximumFractionDigits: 0 });
  const best = h.seasonal ?? h.model;
  const top =
    best.topDecile === null
      ? ''
      : lang === 'ru'
        ? ` 10% клиентов, которых модель ставит выше всех, сделали ${pc(best.topDecile)} этих покупок (у прежнего темпа — ${pc(h.naiveRate.topDecile)}).`
        : ` The 10% of customers it ranks highest made ${pc(best.topDecile)} of those purchases (the past rate's top 10%: ${pc(h.naiveRate.topDecile)}).`;
  if (lang === 'ru') {
    const seasons = s.detected
      ? 'Найдена годовая сезонность: прогнозы учитывают её.'
      : `Сезонность не проверена (данных за ${s.months} мес., нужно 24): прогноз на пик сезона может ошибаться.`;
    return `Проверка CLV на последних ${h.horizonDays} днях: модель ждала ${n(best.expected)} дней с покупками (${bias(best.biasPct)}), было ${n(h.actual)}; прежний темп каждого клиента дал бы ${n(h.naiveRate.expected)} (${bias(h.naiveRate.biasPct)}). Ранговая корреляция по клиентам: модель ${rho(best.spearman)}, прежний темп ${rho(h.naiveRate.spearman)}.${top} ${seasons}`;
  }
  const seasons = s.detected
    ? 'An annual pattern was found: forecasts are scaled by it.'
    : `Seasons not checked (${s.months} months of data; needs 24): a forecast over a peak season may be off.`;
  return `CLV checked on the last ${h.horizonDays} days: the model expected ${n(best.expected)} purchase days (${bias(best.biasPct)}), ${n(h.actual)} happened; each customer's past rate would have said ${n(h.naiveRate.expected)} (${bias(h.naiveRate.biasPct)}). Rank correlation per customer: model ${rho(best.spearman)}, past rate ${rho(h.naiveRate.spearman)}.${top} ${seasons}`;
}

/** The cohort-weighted retention curve next to cumulative revenue per customer, and simple LTV. */
export function LtvBlock({ filters }: { filters: Filters }) {
  const lang = useLang();
  const w = words[lang];
  const curve = useReport('retention-curve', filters);
  const ltv = useReport('ltv', filters);
  const clv = useClvCard();
  const clvCheck = clv.data ? clvCheckText(clv.data, lang) : null;
  return (
    <section className="block" data-testid="block-ltv">
      <h2>
        {blockTitles.ltv[lang]}
        <ShareButton block="ltv" filters={filters} />
      </h2>
      <BlockState query={ltv}>
        {(l) => (
          <div className="kpi-grid" style={{ padding: 0 }}>
            <Stat
              label={w.ltv}
              value={l.simple.ltv === null ? '—' : formatValue(l.simple.ltv, 'money', lang)}
              testId="simple-ltv"
            />
            <Stat label={w.arpu} value={formatValue(l.simple.monthlyArpu, 'money', lang)} />
            <Stat label={w.churn} value={formatValue(l.simple.monthlyChurnRate, 'pct', lang)} />
          </div>
        )}
      </BlockState>
      {ltv.data?.simple.reason && <p className="hint">{ltv.data.simple.reason}</p>}
      {clvCheck && (
        <p className="hint" data-testid="clv-check">
          {clvCheck}
        </p>
      )}
      <BlockState query={curve} empty={(c) => c.points.length === 0}>
        {(c) => {
          const revenue = new Map(
            (ltv.data?.historical ?? []).map((h) => [h.k, h.cumulativeRevenuePerCustomer]),
          );
          return (
            <>
              <div className="heatmap-scroll">
                <table className="summary wrap-head" data-testid="ltv-table">
                  <thead>
                    <tr>
                      <th>{w.k}</th>
                      <th>{w.retention}</th>
                      <th>{w.cumulative}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {c.points.map((p) => (
                      <tr key={p.k}>
                        <th>{p.k}</th>
                        <td>
                          <span
                            className="bar"
                            style={{ width: `${Math.round((p.retention ?? 0) * 60)}px` }}
                          />
                          {formatValue(p.retention, 'pct', lang)}
                        </td>
                        <td>{formatValue(revenue.get(p.k) ?? null, 'money', lang)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <HowComputed definition={c.definition} />
            </>
          );
        }}
      </BlockState>
    </section>
  );
}
