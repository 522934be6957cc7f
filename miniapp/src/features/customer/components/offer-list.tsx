import { deliveryStates, wordFor } from '@retention/contracts';
import { BlockState } from '../../../components/block-state';
import { OfferBenefit } from '../../../components/offer-benefit';
import { formatDate } from '../../../lib/format';
import { type Lang, type TextKey, t, useLang } from '../../../lib/i18n';
import { type CustomerOffer, useCustomerOffers, useRecordOpens } from '../api/offers';
import './customer.css';

function OfferItem({ item, staff, lang }: { item: CustomerOffer; staff: boolean; lang: Lang }) {
  const { offer } = item;
  const usable = item.status === 'active' || item.status === 'upcoming';
  return (
    <li className={`offer ${usable ? '' : 'offer-past'}`} data-testid={`offer-${offer.code}`}>
      <div className="offer-head">
        <strong translate="no">{offer.title}</strong>
        <span className={`chip chip-${item.status}`}>
          {t(`status_${item.status}` as TextKey, lang)}
        </span>
      </div>
      <div className="offer-benefit">
        <OfferBenefit offer={offer} lang={lang} />
      </div>
      {offer.description && (
        <p className="hint" translate="no">
          {offer.description}
        </p>
      )}
      <p className="hint">
        {item.status === 'upcoming'
          ? `${t('validFrom', lang)} ${formatDate(offer.validFrom, lang)}, `
          : ''}
        {t('validUntil', lang)} {formatDate(offer.validTo, lang)}
      </p>
      {usable && (
        <div className="offer-code">
          <span className="hint">{t('offerCode', lang)}</span>
          <code data-testid="offer-code">{item.code}</code>
          <span className="hint">
            {t('howToUse', lang)} <span translate="no">{offer.terms ?? ''}</span>
          </span>
        </div>
      )}
      {staff && (
        <p className="hint">
          {t('delivery', lang)}: {wordFor(deliveryStates, item.deliveryState, lang)}
        </p>
      )}
    </li>
  );
}

/** A customer's offers with their codes and how to use them; staff also see delivery. */
export function OfferList({ customerId, staff }: { customerId: number; staff: boolean }) {
  const lang = useLang();
  const offers = useCustomerOffers(customerId);
  // Only the client's own sight of an offer counts as opening it.
  useRecordOpens(customerId, staff ? undefined : offers.data?.items);
  return (
    <section className="block" data-testid="offers">
      <h2>{t(staff ? 'offers' : 'myOffers', lang)}</h2>
      <BlockState
        query={offers}
        empty={(o) => (o.items.length === 0 ? t('noOffers', lang) : false)}
      >
        {(o) => (
          <ul className="plain-list">
            {o.items.map((item) => (
              <OfferItem key={item.assignmentId} item={item} staff={staff} lang={lang} />
            ))}
          </ul>
        )}
      </BlockState>
    </section>
  );
}
