import { BlockState } from '../../../components/block-state';
import { Stat } from '../../../components/stat';
import { formatDate, formatValue } from '../../../lib/format';
import { t, useLang } from '../../../lib/i18n';
import { useCustomer } from '../../customer/api/get-customer';
import { RecommendationsBlock } from '../../customer/components/recommendations-block';
import { LiveBadge } from '../../live/live-badge';

/** A client's own view: their stats and what we recommend. Nothing about anyone else. */
export function ClientPage({ customerId }: { customerId: number }) {
  const lang = useLang();
  const card = useCustomer(customerId);
  return (
    <main className="page" data-testid="client-view">
      <LiveBadge />
      <BlockState query={card}>
        {(c) => (
          <>
            <h1 className="page-title">{c.name ?? t('myStats', lang)}</h1>
            <div className="kpi-grid">
              <Stat
                label={t('memberSince', lang)}
                value={formatDate(c.signupAt ?? c.stats.firstOrderAt, lang)}
                small
              />
              <Stat
                label={t('orders', lang)}
                value={formatValue(c.stats.orders, 'int', lang)}
                testId="client-orders"
              />
              <Stat
                label={t('spent', lang)}
                value={formatValue(c.stats.revenue, 'money', lang)}
                testId="client-spent"
              />
              <Stat
                label={t('lastOrder', lang)}
                value={formatDate(c.stats.lastOrderAt, lang)}
                small
              />
            </div>
          </>
        )}
      </BlockState>
      <RecommendationsBlock customerId={customerId} />
    </main>
  );
}
