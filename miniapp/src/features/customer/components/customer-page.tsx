import { backButton } from '@telegram-apps/sdk-react';
import { useEffect } from 'react';
import { useLocation } from 'wouter';
import { BlockState } from '../../../components/block-state';
import { Stat } from '../../../components/stat';
import { formatDate, formatValue } from '../../../lib/format';
import { t, useLang } from '../../../lib/i18n';
import { useCustomer } from '../api/get-customer';
import { RecommendationsBlock } from './recommendations-block';

/** Telegram's BackButton on a nested screen, going back to the dashboard. */
function useBackButton(to: string) {
  const [, navigate] = useLocation();
  useEffect(() => {
    if (!backButton.mount.isAvailable()) return;
    backButton.mount();
    backButton.show();
    const off = backButton.onClick(() => navigate(to));
    return () => {
      off();
      backButton.hide();
    };
  }, [navigate, to]);
}

export function CustomerPage({ id }: { id: number }) {
  const lang = useLang();
  useBackButton('/');
  const card = useCustomer(id);
  return (
    <main className="page" data-testid="customer-card">
      <BlockState query={card}>
        {(c) => (
          <>
            <h1 className="page-title" data-testid="customer-name">
              {c.name ?? `${t('customer', lang)} #${c.id}`}
            </h1>
            <p className="hint" style={{ margin: '0 12px' }}>
              {[c.region, c.acquisitionChannel].filter(Boolean).join(' · ')}
            </p>
            {c.score && (
              <section className="block" data-testid="customer-scores">
                <div className="kpi-grid" style={{ padding: 0 }}>
                  <Stat
                    label={t('churnRisk', lang)}
                    value={
                      // The churn model scores customers active on its day only.
                      c.score.churnProbability === null
                        ? t('notActive', lang)
                        : formatValue(c.score.churnProbability, 'pct', lang)
                    }
                    testId="customer-churn"
                  />
                  <Stat label={t('clv', lang)} value={formatValue(c.score.clv, 'money', lang)} />
                  <Stat
                    label={t('pAlive', lang)}
                    value={formatValue(c.score.pAlive, 'pct', lang)}
                  />
                  <Stat label={t('segmentLabel', lang)} value={c.score.segment ?? '—'} small />
                </div>
                {c.score.reasons.length > 0 && (
                  <ul data-testid="customer-reasons">
                    {c.score.reasons.map((r) => (
                      <li key={r.group}>{r[lang]}</li>
                    ))}
                  </ul>
                )}
              </section>
            )}
            <section className="block">
              <h2>{t('recentOrders', lang)}</h2>
              {c.recentOrders.map((o) => (
                <div key={o.id} className="risk-row">
                  <span>{formatDate(o.placedAt, lang)}</span>
                  <span className="hint">{o.status}</span>
                  <span>{formatValue(o.total, 'money', lang)}</span>
                </div>
              ))}
            </section>
          </>
        )}
      </BlockState>
      <RecommendationsBlock customerId={id} title="recommendationsFor" />
    </main>
  );
}
