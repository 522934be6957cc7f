import type { Filters } from '@retention/contracts';
import { Link } from 'wouter';
import { BlockState } from '../../../components/block-state';
import { formatValue } from '../../../lib/format';
import { type Lang, t, useLang } from '../../../lib/i18n';
import { noModelText } from '../../live/model-state';
import { useTraining } from '../../live/use-live-updates';
import { useReport } from '../api/reports';
import { HowComputed } from './how-computed';

type Operating = { share: number; precision: number | null; recall: number | null };

/** Who "at risk" is, and how right it was on customers the model did not see. */
function operatingText(o: Operating, lang: Lang): string {
  const pct = (v: number | null) => (v === null ? '—' : formatValue(v, 'pct', lang));
  return lang === 'ru'
    ? `В риске — ${pct(o.share)} активных клиентов с наибольшей вероятностью ухода (AT_RISK_SHARE). На отложенных данных из них ушли ${pct(o.precision)}; это ${pct(o.recall)} всех ушедших.`
    : `At risk: the ${pct(o.share)} of active customers most likely to leave (AT_RISK_SHARE). On held-out data ${pct(o.precision)} of them left; they were ${pct(o.recall)} of all who left.`;
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
        empty={(r) => (r.model ? r.customers.length === 0 : noModelText('churn', training, lang))}
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
            {r.model?.operating && (
              <p className="hint" data-testid="at-risk-operating">
                {operatingText(r.model.operating.heldOut, lang)}
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
                  <div translate="no">{c.name ?? `#${c.id}`}</div>
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
