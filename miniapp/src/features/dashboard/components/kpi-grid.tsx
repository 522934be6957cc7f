import {
  countKpis,
  type Filters,
  type KpiEntry,
  kpiCatalogue,
  kpiLabel,
} from '@retention/contracts';
import { Link } from 'wouter';
import { formatDelta, formatValue, type Kind } from '../../../lib/format';
import { type Lang, t, useLang } from '../../../lib/i18n';
import { behindPath, isListKind } from '../../../lib/paths';
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
  href,
}: {
  label: string;
  kpi: Kpi;
  kind: Kind;
  good: 'up' | 'down';
  lang: Lang;
  testId: string;
  /** Where tapping the card leads: the customers behind the number. */
  href?: string | undefined;
}) {
  const body = (
    <>
      <div className="kpi-label">
        {label}
        {href && <span aria-hidden="true"> ›</span>}
      </div>
      <div className="kpi-value" data-testid={`${testId}-value`}>
        {formatValue(kpi.value, kind, lang)}
      </div>
      <div className={`kpi-delta ${tone(kpi, good)}`}>
        {formatDelta(kpi.delta, kind, lang)} {t('vsPrevious', lang)}
      </div>
    </>
  );
  return href ? (
    <Link href={href} className="kpi kpi-link" data-testid={testId} title={t('openList', lang)}>
      {body}
    </Link>
  ) : (
    <div className="kpi" data-testid={testId}>
      {body}
    </div>
  );
}

/**
 * The KPI cards. Given the filters, the cards that count customers open their list, for the
 * range the report was counted on.
 */
export function KpiGrid({ report, filters }: { report: DashboardReport; filters?: Filters }) {
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
          href={
            filters && isListKind(c.key) && (countKpis as readonly string[]).includes(c.key)
              ? behindPath(c.key, { ...filters, ...report.period })
              : undefined
          }
        />
      ))}
    </div>
  );
}
