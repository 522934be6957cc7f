import { BlockState } from '../../../components/block-state';
import { Stat } from '../../../components/stat';
import { formatDate, formatValue } from '../../../lib/format';
import { t, useLang } from '../../../lib/i18n';
import { useCustomer } from '../../customer/api/get-customer';
import { OfferList } from '../../customer/components/offer-list';
import { RecommendationsBlock } from '../../customer/components/recommendations-block';
import { LiveBadge } from '../../live/live-badge';
import { LoyaltyCard } from './loyalty-card';
import { SupportBlock } from './support-block';

/** A client's own view: their stats, status, offers and recommendations. Nobody else's. */
export function ClientPage({ customerId }: { customerId: number }) {
  const lang = useLang();
  const card = useCustomer(customerId);
  return (
    <main className="page" data-testid="client-view">
      <LiveBadge />
      <BlockState query={card}>
        {(c) => (
          <>
            <h1 className="page-title" translate={c.name ? 'no' : undefined}>
              {c.name ?? t('myStats', lang)}
            </h1>
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
            <LoyaltyCard loyalty={c.loyalty} />
          </>
        )}
      </BlockState>
      <OfferList customerId={customerId} staff={false} />
      <RecommendationsBlock customerId={customerId} />
      <SupportBlock />
    </main>
  );
}
