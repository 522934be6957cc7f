import { nameFor, orderStatuses, wordFor } from '@retention/contracts';
import { BlockState } from '../../../components/block-state';
import { Stat } from '../../../components/stat';
import { formatDate, formatValue } from '../../../lib/format';
import { t, useLang } from '../../../lib/i18n';
import { useMe } from '../../../lib/me';
import { useBackButton } from '../../../lib/native';
import { type CustomerCard, useCustomer } from '../api/get-customer';
import { useCustomerOffers } from '../api/offers';
import { AssignOffer } from './assign-offer';
import { HistoryBlock } from './history-block';
import { NotesBlock } from './notes-block';
import { OfferList } from './offer-list';
import { RecommendationsBlock } from './recommendations-block';
import { TagsBlock } from './tags-block';

function Scores({ score }: { score: NonNullable<CustomerCard['score']> }) {
  const lang = useLang();
  return (
    <section className="block" data-testid="customer-scores">
      <div className="kpi-grid" style={{ padding: 0 }}>
        <Stat
          label={t('churnRisk', lang)}
          value={
            // The churn model scores customers active on its day only.
            score.churnProbability === null
              ? t('notActive', lang)
              : formatValue(score.churnProbability, 'pct', lang)
          }
          testId="customer-churn"
        />
        <Stat label={t('clv', lang)} value={formatValue(score.clv, 'money', lang)} />
        <Stat label={t('pAlive', lang)} value={formatValue(score.pAlive, 'pct', lang)} />
        <Stat label={t('segmentLabel', lang)} value={nameFor(score.segment, lang)} small />
      </div>
      {score.reasons.length > 0 && (
        <ul data-testid="customer-reasons">
          {score.reasons.map((r) => (
            <li key={r.group}>{r[lang]}</li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Orders({ orders }: { orders: CustomerCard['recentOrders'] }) {
  const lang = useLang();
  return (
    <section className="block">
      <h2>{t('recentOrders', lang)}</h2>
      {orders.map((o) => (
        <div key={o.id} className="risk-row">
          <span>{formatDate(o.placedAt, lang)}</span>
          <span className="hint">{wordFor(orderStatuses, o.status, lang)}</span>
          <span>{formatValue(o.total, 'money', lang)}</span>
        </div>
      ))}
    </section>
  );
}

/** A customer's card for staff; admins also act on it (offers, tags, notes). */
export function CustomerPage({ id }: { id: number }) {
  const lang = useLang();
  useBackButton('/');
  const card = useCustomer(id);
  const offers = useCustomerOffers(id);
  const admin = useMe().data?.role === 'admin';
  return (
    <main className="page" data-testid="customer-card">
      <BlockState query={card}>
        {(c) => (
          <>
            <h1 className="page-title" data-testid="customer-name" translate="no">
              {c.name ?? `${t('customer', lang)} #${c.id}`}
            </h1>
            <p className="hint" style={{ margin: '0 12px' }}>
              <span translate="no">
                {[c.region, c.acquisitionChannel].filter(Boolean).map((v) => `${v} · `)}
              </span>
              {`${t('loyalty', lang)}: ${nameFor(c.loyalty.tier, lang)}`}
            </p>
            {c.score && <Scores score={c.score} />}
            <TagsBlock customerId={id} tags={c.tags ?? []} admin={admin} />
            <Orders orders={c.recentOrders} />
          </>
        )}
      </BlockState>
      <OfferList customerId={id} staff />
      {admin && (
        <AssignOffer customerId={id} held={offers.data?.items.map((o) => o.offer.code) ?? []} />
      )}
      <RecommendationsBlock customerId={id} title="recommendationsFor" />
      {card.data?.notes && <NotesBlock customerId={id} notes={card.data.notes} admin={admin} />}
      {card.data?.history && <HistoryBlock history={card.data.history} />}
    </main>
  );
}
