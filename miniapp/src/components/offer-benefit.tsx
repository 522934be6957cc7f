// What an offer gives, briefly, the same on the customer card and the campaign screens.
import { formatValue } from '../lib/format';
import type { Lang } from '../lib/i18n';

interface Offer {
  kind: 'discount_percent' | 'discount_amount' | 'gift';
  percentOff: number | null;
  amountOff: string | number | null;
  gift: string | null;
}

const giftWord = { en: 'Gift', ru: 'Подарок' };

/** "−15%", "−500.00 ₽", "Gift: a tote bag", as text (a popup's message). */
export function offerBenefit(offer: Offer, lang: Lang): string {
  switch (offer.kind) {
    case 'discount_percent':
      return `−${offer.percentOff ?? '?'}%`;
    case 'discount_amount':
      return `−${formatValue(offer.amountOff, 'money', lang)}`;
    case 'gift':
      return `${giftWord[lang]}: ${offer.gift ?? '—'}`;
  }
}

/** The same on a screen, with the gift's name marked as the business's own words. */
export function OfferBenefit({ offer, lang }: { offer: Offer; lang: Lang }) {
  if (offer.kind !== 'gift') return <>{offerBenefit(offer, lang)}</>;
  return (
    <>
      {giftWord[lang]}: <span translate="no">{offer.gift ?? '—'}</span>
    </>
  );
}
