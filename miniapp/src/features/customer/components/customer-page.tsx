import { backButton } from '@telegram-apps/sdk-react';
import { useEffect } from 'react';
import { useLocation } from 'wouter';
import { BlockState } from '../../../components/block-state';
import { formatDate, formatValue } from '../../../lib/format';
import { t, useLang } from '../../../lib/i18n';
import { useCustomer, useRecommendations } from '../api/get-customer';

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
  const recs = useRecommendations(id);
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
                  <div className="kpi">
                    <div className="kpi-label">{t('churnRisk', lang)}</div>
                    <div className="kpi-value" data-testid="customer-churn">
                      {formatValue(c.score.churnProbability, 'pct', lang)}
                    </div>
                  </div>
                  <div className="kpi">
                    <div className="kpi-label">{t('clv', lang)}</div>
                    <div className="kpi-value">{formatValue(c.score.clv, 'money', lang)}</div>
                  </div>
                  <div className="kpi">
                    <div className="kpi-label">{t('pAlive', lang)}</div>
                    <div className="kpi-value">{formatValue(c.score.pAlive, 'pct', lang)}</div>
                  </div>
                  <div className="kpi">
                    <div className="kpi-label">{t('segmentLabel', lang)}</div>
                    <div className="kpi-value" style={{ fontSize: 16 }}>
                      {c.score.segment ?? '—'}
                    </div>
                  </div>
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
      <section className="block">
        <h2>{t('recommendations', lang)}</h2>
        <BlockState query={recs} empty={(r) => r.items.length === 0 && (r.message ?? true)}>
          {(r) => (
            <ul>
              {r.items.map((i) => (
                <li key={i.id}>
                  {i.name} <span className="hint">{i.category}</span>
                </li>
              ))}
            </ul>
          )}
        </BlockState>
      </section>
    </main>
  );
}
