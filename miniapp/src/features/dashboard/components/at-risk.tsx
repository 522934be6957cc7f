import {
  blockTitles,
  type ChurnRiskReport,
  churnBaselineNames,
  churnTreeNames,
  type Filters,
  localeOf,
} from '@retention/contracts';
import { Link } from 'wouter';
import type { z } from 'zod';
import { BlockState } from '../../../components/block-state';
import { ShareButton } from '../../../components/share-button';
import { formatValue } from '../../../lib/format';
import { type Lang, t, useLang } from '../../../lib/i18n';
import { behindPath } from '../../../lib/paths';
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

type Card = NonNullable<z.infer<typeof ChurnRiskReport>['model']>;

/** Which model scores, how right it was held out, and whether the trees beat the simple rules. */
export function modelText(m: Card, lang: Lang): string | null {
  const v = m.verdict;
  if (!v || !m.baselines) return null;
  // Three places: two AUCs 0.004 apart must not both read 0.72 (or the loser read higher).
  const auc = (x: number) =>
    x.toLocaleString(localeOf(lang), { minimumFractionDigits: 3, maximumFractionDigits: 3 });
  const margin = (x: number) => x.toLocaleString(localeOf(lang), { maximumFractionDigits: 3 });
  const tree = m.models[v.bestTree].rocAuc;
  const rule = m.baselines[v.bestBaseline].rocAuc;
  const treeName = churnTreeNames[v.bestTree][lang];
  const ruleName = churnBaselineNames[v.bestBaseline][lang];
  if (lang === 'ru') {
    return v.treeServes
      ? `Оценивает ${treeName}: ROC-AUC ${auc(tree)} на отложенных клиентах, выше лучшего простого правила («${ruleName}», ${auc(rule)}) на ${margin(v.lift)}.`
      : `Оценивает простое правило «${ruleName}»: ROC-AUC ${auc(rule)} на отложенных клиентах. Модели на деревьях (${treeName}, ${auc(tree)}) не лучше него на ${margin(v.minLift)}, как нужно, чтобы их использовать.`;
  }
  return v.treeServes
    ? `Scoring: ${treeName}, ROC-AUC ${auc(tree)} on held-out customers, above the best simple rule (${ruleName}, ${auc(rule)}) by ${margin(v.lift)}.`
    : `Scoring: the simple rule "${ruleName}", ROC-AUC ${auc(rule)} on held-out customers. The tree models (${treeName}, ${auc(tree)}) are not ${margin(v.minLift)} better, as they must be to serve.`;
}

/** The customers most likely to leave, by value at risk, each opening the customer card. */
export function AtRiskBlock({ filters }: { filters: Filters }) {
  const lang = useLang();
  const training = useTraining('churn');
  const { region, channel, segment, audience } = filters;
  // The latest model's scores over the filters: no range applies.
  const scope: Filters = { granularity: 'month', region, channel, segment, audience };
  const report = useReport('churn-risk', scope, 'sort=value&pageSize=10');
  return (
    <section className="block" data-testid="block-at-risk">
      <h2>
        {blockTitles['at-risk'][lang]}
        <ShareButton block="at-risk" filters={filters} />
      </h2>
      <BlockState
        query={report}
        empty={(r) => (r.model ? r.customers.length === 0 : noModelText('churn', training, lang))}
      >
        {(r) => (
          <>
            {r.totals && (
              <p className="hint" data-testid="at-risk-totals">
                {t('atRiskOf', lang)}:{' '}
                <Link
                  href={behindPath('atRisk', scope)}
                  className="count-link"
                  data-testid="at-risk-list"
                >
                  {formatValue(r.totals.atRisk, 'int', lang)} ›
                </Link>{' '}
                · {t('scored', lang)}: {formatValue(r.totals.customers, 'int', lang)} ·{' '}
                {t('valueAtRiskOf', lang)}: {formatValue(r.totals.valueAtRisk, 'money', lang)}
              </p>
            )}
            {r.model && modelText(r.model, lang) && (
              <p className="hint" data-testid="at-risk-model">
                {modelText(r.model, lang)}
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
