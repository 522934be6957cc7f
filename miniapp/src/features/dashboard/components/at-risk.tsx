import type { Filters } from '@retention/contracts';
import { Link } from 'wouter';
import { BlockState } from '../../../components/block-state';
import { formatValue } from '../../../lib/format';
import { type Lang, t, useLang } from '../../../lib/i18n';
import { useTraining } from '../../live/use-live-updates';
import { useReport } from '../api/reports';
import { HowComputed } from './how-computed';

/** Why there is no churn model to show: never trained, training now, or its run failed. */
function noModelText(training: ReturnType<typeof useTraining>, lang: Lang): string {
  if (training?.status === 'training') return t('churnModelTraining', lang);
  if (training?.status === 'failed')
    return `${t('churnModelFailed', lang)}: ${training.error ?? '—'}`;
  return t('noChurnModel', lang);
}

/** The customers most likely to leave, by value at risk, each opening the customer card. */
export function AtRiskBlock({ filters }: { filters: Filters }) {
  const lang = useLang();
  const training = useTraining('churn');
  const { region, channel, segment } = filters;
  const report = useReport(
    'churn-risk',
    { granularity: 'month', region, channel, segment },
    'sort=value&pageSize=10',
  );
  return (
    <section className="block" data-testid="block-at-risk">
      <h2>{t('atRisk', lang)}</h2>
      <BlockState
        query={report}
        empty={(r) => (r.model ? r.customers.length === 0 : noModelText(training, lang))}
      >
        {(r) => (
          <>
            {r.totals && (
              <p className="hint" data-testid="at-risk-totals">
                {formatValue(r.totals.atRisk, 'int', lang)} /{' '}
                {formatValue(r.totals.customers, 'int', lang)} · {t('valueAtRisk', lang)}{' '}
                {formatValue(r.totals.valueAtRisk, 'money', lang)}
              </p>
            )}
            {r.customers.map((c) => (
              <Link
                key={c.id}
                href={`/customers/${c.id}`}
                className="risk-row"
                data-testid="at-risk-row"
              >
                <div>
                  <div>{c.name ?? `#${c.id}`}</div>
                  <div className="risk-reasons">{c.reasons.map((x) => x[lang]).join('; ')}</div>
                </div>
                <div className="risk-figures">
                  <div>{formatValue(c.probability, 'pct', lang)}</div>
                  <div className="hint">{formatValue(c.valueAtRisk, 'money', lang)}</div>
                </div>
              </Link>
            ))}
            <HowComputed definition={r.definition} />
          </>
        )}
      </BlockState>
    </section>
  );
}
