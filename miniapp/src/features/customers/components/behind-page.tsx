import {
  blockTitles,
  filtersFromSearch,
  filtersToSearch,
  kpiCatalogue,
  kpiLabel,
  type ListKind,
  nameFor,
  undatedKinds,
} from '@retention/contracts';
import { useLocation, useSearch } from 'wouter';
import { BlockState } from '../../../components/block-state';
import { CsvExport } from '../../../components/csv-export';
import { SaveAudience } from '../../../components/save-audience';
import { listDefinition } from '../../../lib/audiences';
import { formatDateRange, formatPeriod } from '../../../lib/format';
import { type Lang, t, useLang } from '../../../lib/i18n';
import { useBackButton } from '../../../lib/native';
import { behindPath, type ListTarget, targetOf } from '../../../lib/paths';

import { getCustomersBehindCsv, useCustomersBehind } from '../api/customers-behind';
import { CustomerList, pageParam } from './customer-list';
import './customers.css';

const titles = {
  cohort: { en: 'Back in period', ru: 'Вернулись в периоде' },
  cohortOnOrAfter: { en: 'Back in or after period', ru: 'Вернулись в периоде или позже' },
  of: { en: 'cohort', ru: 'когорта' },
  segment: { en: 'Segment', ru: 'Сегмент' },
  rfmSegment: { en: 'RFM segment', ru: 'RFM-сегмент' },
  rfmCell: { en: 'RFM cell', ru: 'Ячейка RFM' },
  campaignTargeted: { en: 'Targeted', ru: 'Целевая группа' },
  campaignControl: { en: 'Control group', ru: 'Контрольная группа' },
  campaignRedeemed: { en: 'Redeemed the offer', ru: 'Воспользовались предложением' },
  audience: { en: 'Audience', ru: 'Аудитория' },
};

/** What the list is of, in words: the KPI, the cohort cell, the segment, the campaign's group. */
function titleOf(
  kind: ListKind,
  target: ListTarget,
  named: { campaign?: string | undefined; audience?: string | null | undefined },
  lang: Lang,
) {
  const { cohort, k, name, r, f } = target;
  switch (kind) {
    case 'cohort':
    case 'cohortOnOrAfter':
      return `${titles[kind][lang]} ${k ?? ''} · ${titles.of[lang]} ${formatPeriod(String(cohort), lang)}`;
    case 'segment':
    case 'rfmSegment':
      return `${titles[kind][lang]}: ${nameFor(String(name), lang)}`;
    case 'rfmCell':
      return `${titles.rfmCell[lang]}: R ${r} · F ${f}`;
    case 'atRisk':
      return blockTitles['at-risk'][lang];
    case 'campaignTargeted':
    case 'campaignControl':
    case 'campaignRedeemed':
      return named.campaign ? `${titles[kind][lang]} · ${named.campaign}` : titles[kind][lang];
    case 'selected':
      return named.audience ? `${titles.audience[lang]}: ${named.audience}` : t('customers', lang);
    default: {
      const entry = kpiCatalogue.find((x) => x.key === kind);
      return entry ? kpiLabel(entry, lang) : kind;
    }
  }
}

/** The customers behind a number; each opens their card, Back returns to the dashboard. */
export function BehindPage({ kind }: { kind: ListKind }) {
  const lang = useLang();
  const raw = useSearch();
  const filters = filtersFromSearch(raw);
  const search = new URLSearchParams(raw);
  const target = targetOf(kind, search);
  const page = pageParam(search);
  useBackButton(`/?${filtersToSearch(filters)}`);
  const [, navigate] = useLocation();
  const list = useCustomersBehind(kind, filters, target, page);
  const title = titleOf(
    kind,
    target,
    { campaign: list.data?.campaign?.name, audience: list.data?.definition.filters.audience },
    lang,
  );
  return (
    <main className="page" data-testid="behind-page">
      <h1 className="page-title">{title}</h1>
      <BlockState query={list}>
        {(l) => {
          const audience = kind === 'selected' ? null : l.definition.filters.audience;
          const scope = [filters.region, filters.channel, filters.segment, audience].filter(
            Boolean,
          );
          const period = undatedKinds.includes(kind)
            ? []
            : [formatDateRange(l.period.from, l.period.to, lang)];
          return (
            <>
              <p className="hint customers-count" data-testid="behind-period">
                {[...period, ...scope].join(' · ')}
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
                  navigate(behindPath(kind, filters, { target, page: p }), { replace: true })
                }
              />
              <div className="customers-export">
                <CsvExport
                  load={() => getCustomersBehindCsv(kind, filters, target)}
                  fileName={`customers-${kind}-${l.period.from}-${l.period.to}.csv`}
                />
              </div>
              <p className="hint customers-count">{t('behindHow', lang)}</p>
              <SaveAudience list={listDefinition(kind, filters, target)} suggestedName={title} />
            </>
          );
        }}
      </BlockState>
    </main>
  );
}
