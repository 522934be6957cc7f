import type { Filters } from '@retention/contracts';
import { blockTitles } from '@retention/contracts';
import { useState } from 'react';
import { Link } from 'wouter';
import { BlockState } from '../../../components/block-state';
import { ShareButton } from '../../../components/share-button';
import { formatPeriod, formatValue } from '../../../lib/format';
import { t, useLang } from '../../../lib/i18n';
import { behindPath } from '../../../lib/paths';
import { type RetentionReport, useReport } from '../api/reports';
import { HowComputed } from './how-computed';

type Variant = 'share' | 'onOrAfterShare' | 'revenueShare';
type Cell = RetentionReport['cohorts'][number]['cells'][number];

const variants: { key: Variant; en: string; ru: string }[] = [
  { key: 'share', en: 'In period', ru: 'В периоде' },
  { key: 'onOrAfterShare', en: 'In or after', ru: 'В периоде и позже' },
  { key: 'revenueShare', en: 'Revenue', ru: 'Выручка' },
];

/** The cohort size column: customers in the cohort. */
const sizeHead = { en: 'n', ru: 'чел.' };
type Picked = Record<
  'cohort' | 'back' | 'size' | 'share' | 'later' | 'laterShare' | 'revenue',
  string
> & {
  k: number;
};
/** A tapped cell's numbers, each with its label. */
const pickedText = {
  en: (p: Picked) =>
    `Cohort ${p.cohort}, period ${p.k}: ${p.back} of ${p.size} ordered (${p.share}); in period ${p.k} or later ${p.later} (${p.laterShare}); revenue ${p.revenue}.`,
  ru: (p: Picked) =>
    `Когорта ${p.cohort}, период ${p.k}: заказали ${p.back} из ${p.size} (${p.share}); в периоде ${p.k} или позже ${p.later} (${p.laterShare}); выручка ${p.revenue}.`,
};
/** Below this many customers a cohort's rates swing on one person: greyed, not coloured. */
export const minCohortSize = 20;
const smallNote = {
  en: `Cohorts of fewer than ${minCohortSize} customers are greyed: too few for a steady rate.`,
  ru: `Когорты меньше ${minCohortSize} клиентов серые: слишком мало для устойчивой доли.`,
};

/**
 * Cohorts by first order (rows) against periods since (columns); tap a cell for its numbers
 * and the customers behind them.
 */
export function CohortHeatmap({ filters }: { filters: Filters }) {
  const lang = useLang();
  const report = useReport('retention', filters);
  const [variant, setVariant] = useState<Variant>('share');
  const [picked, setPicked] = useState<{ cohort: string; size: number; cell: Cell } | null>(null);
  return (
    <section className="block" data-testid="block-cohorts">
      <h2>
        {blockTitles.cohorts[lang]}
        <ShareButton block="cohorts" filters={filters} />
      </h2>
      <div className="filters" style={{ padding: '0 0 8px' }}>
        {variants.map((v) => (
          <button
            key={v.key}
            type="button"
            aria-pressed={variant === v.key}
            onClick={() => setVariant(v.key)}
          >
            {v[lang]}
          </button>
        ))}
      </div>
      <BlockState query={report} empty={(r) => r.cohorts.length === 0}>
        {(r) => {
          const width = Math.max(...r.cohorts.map((c) => c.cells.length));
          const offsets = Array.from({ length: width }, (_, k) => k);
          return (
            <>
              <div className="heatmap-scroll">
                <table className="heatmap" data-testid="cohort-table">
                  <thead>
                    <tr>
                      <th />
                      <th>{sizeHead[lang]}</th>
                      {offsets.map((k) => (
                        <th key={k}>{k}</th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {r.cohorts.map((c) => (
                      <tr
                        key={c.period.start}
                        className={c.size < minCohortSize ? 'cohort-small' : undefined}
                      >
                        <th>{formatPeriod(c.period.start, lang)}</th>
                        <td className="hint">{c.size}</td>
                        {c.cells.map((cell) => {
                          const v = cell[variant];
                          const heat = v === null || c.size < minCohortSize ? 0 : Math.min(1, v);
                          return (
                            <td
                              key={cell.k}
                              className="heat"
                              style={{ '--heat': heat } as React.CSSProperties}
                            >
                              <button
                                type="button"
                                onClick={() =>
                                  setPicked({ cohort: c.period.start, size: c.size, cell })
                                }
                                data-testid={`cohort-cell-${c.period.start}-${cell.k}`}
                              >
                                {v === null ? '' : Math.round(v * 100)}
                              </button>
                            </td>
                          );
                        })}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              {picked && (
                <p className="hint" data-testid="cohort-picked">
                  {pickedText[lang]({
                    cohort: formatPeriod(picked.cohort, lang),
                    k: picked.cell.k,
                    back: formatValue(picked.cell.customers, 'int', lang),
                    size: formatValue(picked.size, 'int', lang),
                    share: formatValue(picked.cell.share, 'pct', lang),
                    later: formatValue(picked.cell.onOrAfter, 'int', lang),
                    laterShare: formatValue(picked.cell.onOrAfterShare, 'pct', lang),
                    revenue: formatValue(picked.cell.revenue, 'money', lang),
                  })}
                </p>
              )}
              {picked && (
                <p className="hint cohort-lists">
                  {(['cohort', 'cohortOnOrAfter'] as const).map((kind) => {
                    const range = { ...filters, from: r.definition.from, to: r.definition.to };
                    const cell = { cohort: picked.cohort, k: picked.cell.k };
                    const n = kind === 'cohort' ? picked.cell.customers : picked.cell.onOrAfter;
                    return (
                      <Link
                        key={kind}
                        href={behindPath(kind, range, { target: cell })}
                        data-testid={`cohort-list-${kind}`}
                      >
                        {`${t('openList', lang)}: ${formatValue(n, 'int', lang)}${kind === 'cohort' ? '' : lang === 'ru' ? ' (и позже)' : ' (or later)'}`}
                      </Link>
                    );
                  })}
                </p>
              )}
              {r.cohorts.some((c) => c.size < minCohortSize) && (
                <p className="hint" data-testid="cohort-small-note">
                  {smallNote[lang]}
                </p>
              )}
              <HowComputed definition={r.definition} />
            </>
          );
        }}
      </BlockState>
    </section>
  );
}
