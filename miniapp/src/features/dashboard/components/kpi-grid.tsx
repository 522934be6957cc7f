import { type KpiEntry, kpiCatalogue, kpiLabel } from '@retention/contracts';
import { formatDelta, formatValue, type Kind } from '../../../lib/format';
import { type Lang, t, useLang } from '../../../lib/i18n';
import type { DashboardReport, Kpi } from '../api/reports';
import './dashboard.css';

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
  // The catalogue's order; NRR/GRR only where contracts exist (hideWhenEmpty).
  const shown = (kpiCatalogue as readonly KpiEntry[]).filter(
    (c) => report.kpis[c.key] && !(c.hideWhenEmpty && report.kpis[c.key]?.value === null),
  );
  return (
    <div className="kpi-grid">
      {shown.map((c) => (
        <KpiCard
          key={c.key}
          label={kpiLabel(c, lang)}
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
