import { BlockState } from '../../../components/block-state';
import { formatDate, formatValue } from '../../../lib/format';
import { t, useLang } from '../../../lib/i18n';
import { useCustomer, useRecommendations } from '../../customer/api/get-customer';
import { LiveBadge } from '../../live/live-badge';

/** A client's own view: their stats and what we recommend. Nothing about anyone else. */
export function ClientPage({ customerId }: { customerId: number }) {
  const lang = useLang();
  const card = useCustomer(customerId);
  const recs = useRecommendations(customerId);
  return (
    <main className="page" data-testid="client-view">
      <LiveBadge />
      <BlockState query={card}>
        {(c) => (
          <>
            <h1 className="page-title">{c.name ?? t('myStats', lang)}</h1>
            <div className="kpi-grid">
              <div className="kpi">
                <div className="kpi-label">{t('memberSince', lang)}</div>
                <div className="kpi-value" style={{ fontSize: 16 }}>
                  {formatDate(c.signupAt ?? c.stats.firstOrderAt, lang)}
                </div>
              </div>
              <div className="kpi">
                <div className="kpi-label">{t('orders', lang)}</div>
                <div className="kpi-value" data-testid="client-orders">
                  {formatValue(c.stats.orders, 'int', lang)}
                </div>
              </div>
              <div className="kpi">
                <div className="kpi-label">{t('spent', lang)}</div>
                <div className="kpi-value" data-testid="client-spent">
                  {formatValue(c.stats.revenue, 'money', lang)}
                </div>
              </div>
              <div className="kpi">
                <div className="kpi-label">{t('lastOrder', lang)}</div>
                <div className="kpi-value" style={{ fontSize: 16 }}>
                  {formatDate(c.stats.lastOrderAt, lang)}
                </div>
              </div>
            </div>
          </>
        )}
      </BlockState>
      <section className="block">
        <h2>{t('recommendations', lang)}</h2>
        <BlockState query={recs} empty={(r) => r.items.length === 0 && (r.message ?? true)}>
          {(r) => (
            <ul data-testid="client-recommendations">
              {r.items.map((i) => (
                <li key={i.id}>{i.name}</li>
              ))}
            </ul>
          )}
        </BlockState>
      </section>
    </main>
  );
}
