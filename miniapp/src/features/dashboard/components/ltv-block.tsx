import type { Filters } from '@retention/contracts';
import { BlockState } from '../../../components/block-state';
import { Stat } from '../../../components/stat';
import { formatValue } from '../../../lib/format';
import { useLang } from '../../../lib/i18n';
import { useReport } from '../api/reports';
import { HowComputed } from './how-computed';

const words = {
  en: {
    title: 'Retention curve and LTV',
    ltv: 'Simple LTV',
    arpu: 'Monthly ARPU',
    churn: 'Monthly churn',
    k: 'Periods since first order',
    retention: 'Retained',
    cumulative: 'Revenue per customer',
  },
  ru: {
    title: 'Кривая удержания и LTV',
    ltv: 'Простой LTV',
    arpu: 'ARPU в месяц',
    churn: 'Отток в месяц',
    k: 'Периодов с первого заказа',
    retention: 'Удержано',
    cumulative: 'Выручка на клиента',
  },
};

/** The cohort-weighted retention curve next to cumulative revenue per customer, and simple LTV. */
export function LtvBlock({ filters }: { filters: Filters }) {
  const lang = useLang();
  const w = words[lang];
  const curve = useReport('retention-curve', filters);
  const ltv = useReport('ltv', filters);
  return (
    <section className="block" data-testid="block-ltv">
      <h2>{w.title}</h2>
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
