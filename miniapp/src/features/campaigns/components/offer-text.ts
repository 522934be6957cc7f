import { formatValue } from '../../../lib/format';
import type { Lang } from '../../../lib/i18n';
import type { Campaign } from '../api/types';

/** What the offer gives, briefly: "−15%", "−500.00", "Gift: a tote bag". */
export function offerBenefit(offer: Campaign['offer'], lang: Lang): string {
  switch (offer.kind) {
    case 'discount_percent':
      return `−${offer.percentOff ?? '?'}%`;
    case 'discount_amount':
      return `−${formatValue(offer.amountOff, 'money', lang)}`;
    case 'gift':
      return `${lang === 'ru' ? 'Подарок' : 'Gift'}: ${offer.gift ?? '—'}`;
  }
}
