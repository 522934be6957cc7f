import {
  type CountKpi,
  filtersFromSearch,
  filtersToSearch,
  kpiCatalogue,
  kpiLabel,
} from '@retention/contracts';
import { useLocation, useSearch } from 'wouter';
import { BlockState } from '../../../components/block-state';
import { formatDateRange } from '../../../lib/format';
import { t, useLang } from '../../../lib/i18n';
import { useBackButton } from '../../../lib/native';
import { behindPath } from '../../../lib/paths';
import { useCustomersBehind } from '../api/customers-behind';
import { CustomerRow, ListCount, Pager } from './customer-row';
import './customers.css';

/** The customers behind a dashboard count; each opens their card, Back returns to the dashboard. */
export function BehindPage({ kpi }: { kpi: CountKpi }) {
  const lang = useLang();
  const raw = useSearch();
  const filters = filtersFromSearch(raw);
  const page = Math.max(1, Math.floor(Number(new URLSearchParams(raw).get('page'))) || 1);
  useBackButton(`/?${filtersToSearch(filters)}`);
  const [, navigate] = useLocation();
  const list = useCustomersBehind(kpi, filters, page);
  const entry = kpiCatalogue.find((k) => k.key === kpi);
  return (
    <main className="page" data-testid="behind-page" aria-busy={list.isFetching}>
      <h1 className="page-title">{entry ? kpiLabel(entry, lang) : kpi}</h1>
      <BlockState query={list} empty={(l) => l.items.length === 0}>
        {(l) => {
          const info = {
            page: l.page,
            pageSize: l.pageSize,
            shown: l.items.length,
            total: l.total,
          };
          const scope = [filters.region, filters.channel, filters.segment].filter(Boolean);
          return (
            <>
              <p className="hint customers-count" data-testid="behind-period">
                {formatDateRange(l.period.from, l.period.to, lang)}
                {scope.length > 0 && ` · ${scope.join(' · ')}`}
              </p>
              <ListCount {...info} />
              <ul className="customers-list" data-testid="customers-list">
                {l.items.map((c) => (
                  <CustomerRow
                    key={c.id}
                    c={{
                      id: c.id,
                      name: c.name,
                      facts: [c.region, c.channel, c.externalId],
                      orders: c.orders,
                      revenue: c.revenue,
                      lastOrder: c.lastOrderDay,
                    }}
                  />
                ))}
              </ul>
              <Pager
                {...info}
                go={(p) => navigate(behindPath(kpi, filters, p), { replace: true })}
              />
              <p className="hint customers-count">{t('behindHow', lang)}</p>
            </>
          );
        }}
      </BlockState>
    </main>
  );
}
