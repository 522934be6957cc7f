import { blockTitles, countOf, type Filters, type ListKind, nameFor } from '@retention/contracts';
import { Link } from 'wouter';
import { BlockState } from '../../../components/block-state';
import { ShareButton } from '../../../components/share-button';
import { formatValue } from '../../../lib/format';
import { t, useLang } from '../../../lib/i18n';
import { behindPath } from '../../../lib/paths';
import { noModelText } from '../../live/model-state';
import { useTraining } from '../../live/use-live-updates';
import { useReport } from '../api/reports';
import { HowComputed } from './how-computed';

const words = {
  en: {
    rfm: 'RFM segments',
    sinceLast: 'since the last order',
    drill: 'Show this segment',
    clear: 'All segments',
  },
  ru: {
    rfm: 'RFM-сегменты',
    sinceLast: 'с последнего заказа',
    drill: 'Показать сегмент',
    clear: 'Все сегменты',
  },
};

/**
 * Model segments with their profiles and the RFM segments; tapping one filters the dashboard,
 * tapping its count opens its customers.
 */
export function SegmentsBlock({
  filters,
  onPick,
}: {
  filters: Filters;
  onPick: (segment: string | undefined) => void;
}) {
  const lang = useLang();
  const w = words[lang];
  // The segment filter would leave only that segment here: the block shows them all.
  const { segment: _picked, ...others } = filters;
  const model = useReport('segments', others);
  const training = useTraining('segments');
  const rfm = useReport('rfm', others);
  const row = (
    kind: ListKind,
    key: string,
    customers: number,
    detail: string,
    share: number | null,
  ) => (
    <div key={key} className="segment-line">
      <button
        type="button"
        className="risk-row segment-row"
        aria-pressed={filters.segment === key}
        onClick={() => onPick(filters.segment === key ? undefined : key)}
        data-testid={`segment-${key}`}
      >
        <span>
          {nameFor(key, lang)}
          <span className="risk-reasons" style={{ display: 'block' }}>
            {detail}
          </span>
        </span>
        <span className="risk-figures">{formatValue(share, 'pct', lang)}</span>
      </button>
      <Link
        href={behindPath(kind, others, { target: { name: key } })}
        className="count-link"
        aria-label={`${t('openList', lang)}: ${countOf(customers, 'customers', lang)}`}
        data-testid={`segment-list-${key}`}
      >
        {countOf(customers, 'customers', lang)} ›
      </Link>
    </div>
  );
  return (
    <section className="block" data-testid="block-segments">
      <h2>
        {blockTitles.segments[lang]}
        <ShareButton block="segments" filters={filters} />
      </h2>
      <BlockState
        query={model}
        empty={(r) => (r.run ? r.segments.length === 0 : noModelText('segments', training, lang))}
      >
        {(r) => (
          <>
            {r.segments.map((s) =>
              row(
                'segment',
                s.name,
                s.customers,
                [
                  countOf(s.meanOrders, 'orders', lang, 1),
                  `${countOf(Math.round(s.meanDaysSinceLastOrder), 'days', lang)} ${w.sinceLast}`,
                  countOf(s.outliers, 'outliers', lang),
                ].join(' · '),
                s.share,
              ),
            )}
            <HowComputed definition={r.definition} />
          </>
        )}
      </BlockState>
      <h2 style={{ marginTop: 12 }}>{w.rfm}</h2>
      <BlockState query={rfm} empty={(r) => r.segments.length === 0}>
        {(r) => (
          <>
            {r.segments.map((s) =>
              row(
                'rfmSegment',
                s.slug,
                s.customers,
                `${t('revenue', lang)} ${formatValue(s.revenue, 'money', lang)}`,
                s.share,
              ),
            )}
            <HowComputed definition={r.definition} />
          </>
        )}
      </BlockState>
    </section>
  );
}
