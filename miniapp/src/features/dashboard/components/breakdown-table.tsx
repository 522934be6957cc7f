import type { Filters } from '@retention/contracts';
import { kpiByKey, kpiLabel, nameFor } from '@retention/contracts';
import { useState } from 'react';
import { BlockState } from '../../../components/block-state';
import { ShareButton } from '../../../components/share-button';
import { formatValue } from '../../../lib/format';
import { type Lang, t, useLang } from '../../../lib/i18n';
import { type BreakdownReport, useReport } from '../api/reports';
import { HowComputed } from './how-computed';

type By = BreakdownReport['definition']['by'];

type Row = Omit<BreakdownReport['rows'][number], 'key'>;

const titles: Record<By, Record<Lang, string>> = {
  region: { en: 'Summary by region', ru: 'Сводка по регионам' },
  channel: { en: 'Summary by channel', ru: 'Сводка по каналам' },
  segment: { en: 'Summary by RFM segment', ru: 'Сводка по RFM-сегментам' },
};
const none = { en: '(not set)', ru: '(не указан)' };

function Cells({ row, lang }: { row: Row; lang: Lang }) {
  return (
    <>
      <td>{formatValue(row.activeAtEnd, 'int', lang)}</td>
      <td>{formatValue(row.newCustomers, 'int', lang)}</td>
      <td>{formatValue(row.churnedCustomers, 'int', lang)}</td>
      <td>{formatValue(row.revenue, 'money', lang)}</td>
      <td>{formatValue(row.arpu, 'money', lang)}</td>
    </>
  );
}

/** Region, acquisition channel or RFM segment rows with totals, for the selected range. The
 * API's churn rate here is over the whole range (it passes 100% over a year), so the table
 * shows counts; the per-period rate is on the KPI cards and the trend. */
export function BreakdownTable({ filters }: { filters: Filters }) {
  const lang = useLang();
  const [by, setBy] = useState<By>('region');
  const report = useReport('breakdown', filters, `by=${by}`);
  return (
    <section className="block" data-testid="block-breakdown">
      <h2>
        {titles[by][lang]}
        <ShareButton block="breakdown" filters={filters} />
      </h2>
      <div className="filters" style={{ padding: '0 0 8px' }}>
        {(['region', 'channel', 'segment'] as const).map((b) => (
          <button key={b} type="button" aria-pressed={by === b} onClick={() => setBy(b)}>
            {t(b, lang)}
          </button>
        ))}
      </div>
      <BlockState query={report} empty={(r) => r.rows.length === 0}>
        {(r) => (
          <>
            <div className="heatmap-scroll">
              <table className="summary" data-testid="breakdown-table">
                <thead>
                  <tr>
                    <th />
                    <th>{kpiLabel(kpiByKey.activeAtEnd, lang)}</th>
                    <th>{kpiLabel(kpiByKey.newCustomers, lang)}</th>
                    <th>{kpiLabel(kpiByKey.churnedCustomers, lang)}</th>
                    <th>{kpiLabel(kpiByKey.revenue, lang)}</th>
                    <th>{kpiLabel(kpiByKey.arpu, lang)}</th>
                  </tr>
                </thead>
                <tbody>
                  {r.rows.map((row) => (
                    <tr key={row.key ?? ''}>
                      {by === 'segment' ? (
                        <th>{row.key === null ? none[lang] : nameFor(row.key, lang)}</th>
                      ) : (
                        <th translate={row.key === null ? undefined : 'no'}>
                          {row.key ?? none[lang]}
                        </th>
                      )}
                      <Cells row={row} lang={lang} />
                    </tr>
                  ))}
                  <tr className="summary-total">
                    <th>Σ</th>
                    <Cells row={r.total} lang={lang} />
                  </tr>
                </tbody>
              </table>
            </div>
            <HowComputed definition={r.definition} />
          </>
        )}
      </BlockState>
    </section>
  );
}
