import { countOf, type Filters, nameFor } from '@retention/contracts';
import { BlockState } from '../../../components/block-state';
import { formatValue } from '../../../lib/format';
import { useLang } from '../../../lib/i18n';
import { noModelText } from '../../live/model-state';
import { useTraining } from '../../live/use-live-updates';
import { useReport } from '../api/reports';
import { HowComputed } from './how-computed';

const words = {
  en: {
    title: 'Segments',
    rfm: 'RFM segments',
    sinceLast: 'since the last order',
    drill: 'Show this segment',
    clear: 'All segments',
  },
  ru: {
    title: 'Сегменты',
    rfm: 'RFM-сегменты',
    sinceLast: 'с последнего заказа',
    drill: 'Показать сегмент',
    clear: 'Все сегменты',
  },
};

/** Model segments with their profiles and the RFM segments; tapping one filters the dashboard. */
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
  const row = (key: string, name: string, detail: string, share: number | null) => (
    <button
      key={key}
      type="button"
      className="risk-row segment-row"
      aria-pressed={filters.segment === key}
      onClick={() => onPick(filters.segment === key ? undefined : key)}
      data-testid={`segment-${key}`}
    >
      <span>
        {name}
        <span className="risk-reasons" style={{ display: 'block' }}>
          {detail}
        </span>
      </span>
      <span className="risk-figures">{formatValue(share, 'pct', lang)}</span>
    </button>
  );
  return (
    <section className="block" data-testid="block-segments">
      <h2>{w.title}</h2>
      <BlockState
        query={model}
        empty={(r) => (r.run ? r.segments.length === 0 : noModelText('segments', training, lang))}
      >
        {(r) => (
          <>
            {r.segments.map((s) =>
              row(
                s.name,
                nameFor(s.name, lang),
                [
                  countOf(s.customers, 'customers', lang),
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
                s.slug,
                nameFor(s.slug, lang),
                `${countOf(s.customers, 'customers', lang)} · ${formatValue(s.revenue, 'money', lang)}`,
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
