import { formatDelta, formatValue, type Kind } from '../../../lib/format';
import { type Lang, type TextKey, t, useLang } from '../../../lib/i18n';
import type { DashboardReport, Kpi } from '../api/reports';
import './dashboard.css';

/** Which KPIs the dashboard shows, how to format them, and which way is good. */
const cards: { key: TextKey; kind: Kind; good: 'up' | 'down' }[] = [
  { key: 'activeAtEnd', kind: 'int', good: 'up' },
  { key: 'newCustomers', kind: 'int', good: 'up' },
  { key: 'churnedCustomers', kind: 'int', good: 'down' },
  { key: 'churnRate', kind: 'pct', good: 'down' },
  { key: 'retentionRate', kind: 'pct', good: 'up' },
  { key: 'revenue', kind: 'money', good: 'up' },
  { key: 'arpu', kind: 'money', good: 'up' },
  { key: 'aov', kind: 'money', good: 'up' },
  { key: 'nrr', kind: 'pct', good: 'up' },
  { key: 'grr', kind: 'pct', good: 'up' },
];

function tone(kpi: Kpi, good: 'up' | 'down'): string {
  const d = Number(kpi.delta);
  if (kpi.delta === null || !Number.isFinite(d) || d === 0) return 'flat';
  return d > 0 === (good === 'up') ? 'good' : 'bad';
}

export function KpiCard({
  label,
  kpi,
  kind,
  good,
  lang,
  testId,
}: {
  label: string;
  kpi: Kpi;
  kind: Kind;
  good: 'up' | 'down';
  lang: Lang;
  testId: string;
}) {
  return (
    <div className="kpi" data-testid={testId}>
      <div className="kpi-label">{label}</div>
      <div className="kpi-value" data-testid={`${testId}-value`}>
        {formatValue(kpi.value, kind, lang)}
      </div>
      <div className={`kpi-delta ${tone(kpi, good)}`}>
        {formatDelta(kpi.delta, kind, lang)} {t('vsPrevious', lang)}
      </div>
    </div>
  );
}

export function KpiGrid({ report }: { report: DashboardReport }) {
  const lang = useLang();
  // NRR/GRR only mean something where contracts exist.
  const shown = cards.filter(
    (c) =>
      report.kpis[c.key] &&
      !(c.kind === 'pct' && ['nrr', 'grr'].includes(c.key) && report.kpis[c.key]?.value === null),
  );
  return (
    <div className="kpi-grid">
      {shown.map((c) => (
        <KpiCard
          key={c.key}
          label={t(c.key, lang)}
          kpi={report.kpis[c.key] as Kpi}
          kind={c.kind}
          good={c.good}
          lang={lang}
          testId={`kpi-${c.key}`}
        />
      ))}
    </div>
  );
}
