import type { Filters } from '@retention/contracts';
import { BlockState } from '../../../components/block-state';
import { formatValue } from '../../../lib/format';
import { useLang } from '../../../lib/i18n';
import { useReport } from '../api/reports';
import { HowComputed } from './how-computed';

const words = {
  en: {
    title: 'Segments',
    rfm: 'RFM segments',
    orders: 'orders',
    days: 'days since last order',
    outliers: 'outliers',
    drill: 'Show this segment',
    clear: 'All segments',
  },
  ru: {
    title: 'Сегменты',
    rfm: 'RFM-сегменты',
    orders: 'заказов',
    days: 'дней с последнего заказа',
    outliers: 'выбросов',
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
      <BlockState query={model} empty={(r) => r.segments.length === 0 && (r.message ?? true)}>
        {(r) => (
          <>
            {r.segments.map((s) =>
              row(
                s.name,
                s.name,
                `${formatValue(s.customers, 'int', lang)} · ${s.meanOrders.toFixed(1)} ${w.orders} · ${Math.round(s.meanDaysSinceLastOrder)} ${w.days} · ${s.outliers} ${w.outliers}`,
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
                s.name,
                `${formatValue(s.customers, 'int', lang)} · ${formatValue(s.revenue, 'money', lang)}`,
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
