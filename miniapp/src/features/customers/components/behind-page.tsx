import {
  filtersFromSearch,
  filtersToSearch,
  kpiCatalogue,
  kpiLabel,
  type ListKind,
} from '@retention/contracts';
import { useLocation, useSearch } from 'wouter';
import { BlockState } from '../../../components/block-state';
import { CsvExport } from '../../../components/csv-export';
import { formatDateRange, formatPeriod } from '../../../lib/format';
import { type Lang, t, useLang } from '../../../lib/i18n';
import { useBackButton } from '../../../lib/native';
import { behindPath, type CohortCell, cellOf } from '../../../lib/paths';
import { getCustomersBehindCsv, useCustomersBehind } from '../api/customers-behind';
import { CustomerList, pageParam } from './customer-list';
import './customers.css';

const cohortTitle = {
  cohort: { en: 'Back in period', ru: 'Вернулись в периоде' },
  cohortOnOrAfter: { en: 'Back in or after period', ru: 'Вернулись в периоде или позже' },
  of: { en: 'cohort', ru: 'когорта' },
};

/** What the list is of: the KPI's name, or the cohort cell in words. */
function titleOf(kind: ListKind, cell: CohortCell | undefined, lang: Lang): string {
  if (kind === 'cohort' || kind === 'cohortOnOrAfter') {
    const where = cell
      ? ` ${cell.k} · ${cohortTitle.of[lang]} ${formatPeriod(cell.cohort, lang)}`
      : '';
    return `${cohortTitle[kind][lang]}${where}`;
  }
  const entry = kpiCatalogue.find((k) => k.key === kind);
  return entry ? kpiLabel(entry, lang) : kind;
}

/** The customers behind a number; each opens their card, Back returns to the dashboard. */
export function BehindPage({ kind }: { kind: ListKind }) {
  const lang = useLang();
  const raw = useSearch();
  const filters = filtersFromSearch(raw);
  const search = new URLSearchParams(raw);
  const cell = cellOf(search);
  const page = pageParam(search);
  useBackButton(`/?${filtersToSearch(filters)}`);
  const [, navigate] = useLocation();
  const list = useCustomersBehind(kind, filters, cell, page);
  return (
    <main className="page" data-testid="behind-page" aria-busy={list.isFetching}>
      <h1 className="page-title">{titleOf(kind, cell, lang)}</h1>
      <BlockState query={list}>
        {(l) => {
          const scope = [filters.region, filters.channel, filters.segment].filter(Boolean);
          return (
            <>
              <p className="hint customers-count" data-testid="behind-period">
                {formatDateRange(l.period.from, l.period.to, lang)}
                {scope.length > 0 && ` · ${scope.join(' · ')}`}
              </p>
              <CustomerList
                list={l}
                rows={l.items.map((c) => ({
                  id: c.id,
                  name: c.name,
                  facts: [c.region, c.channel, c.externalId],
                  orders: c.orders,
                  revenue: c.revenue,
                  lastOrder: c.lastOrderDay,
                }))}
                go={(p) =>
                  navigate(behindPath(kind, filters, { cell, page: p }), { replace: true })
                }
              />
              <div className="customers-export">
                <CsvExport
                  load={() => getCustomersBehindCsv(kind, filters, cell)}
                  fileName={`customers-${kind}-${l.period.from}-${l.period.to}.csv`}
                />
              </div>
              <p className="hint customers-count">{t('behindHow', lang)}</p>
            </>
          );
        }}
      </BlockState>
    </main>
  );
}
