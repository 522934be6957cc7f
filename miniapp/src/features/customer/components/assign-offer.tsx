import { useState } from 'react';
import { errorMessage } from '../../../lib/api-client';
import { formatDate } from '../../../lib/format';
import { t, useLang } from '../../../lib/i18n';
import { useAssignableOffers } from '../api/offers';
import { ActionError } from './action-error';
import { useConfirmedAction } from './use-confirmed-action';

/** An admin picks a valid offer and assigns it after confirming. */
export function AssignOffer({ customerId, held }: { customerId: number; held: string[] }) {
  const lang = useLang();
  const offers = useAssignableOffers(true);
  const [picked, setPicked] = useState('');
  const action = useConfirmedAction(customerId);
  const offer = offers.data?.items.find((o) => String(o.id) === picked);
  const choices = offers.data?.items.filter((o) => !held.includes(o.code)) ?? [];

  const assign = async () => {
    if (!offer) return;
    const detail = `${offer.title} (${offer.code}), ${t('validUntil', lang)} ${formatDate(offer.validTo, lang)}`;
    const saved = await action.run(
      { kind: 'assign-offer', offerId: offer.id },
      t('confirmAssign', lang),
      detail,
    );
    if (saved) setPicked('');
  };
  return (
    <section className="block" data-testid="assign-offer">
      <h2>{t('assignOffer', lang)}</h2>
      <div className="action-row">
        <select
          value={picked}
          onChange={(e) => setPicked(e.target.value)}
          data-testid="offer-picker"
          disabled={offers.isPending}
        >
          <option value="">
            {offers.isError ? errorMessage(offers.error, lang) : t('pickOffer', lang)}
          </option>
          {choices.map((o) => (
            <option key={o.id} value={o.id} translate="no">
              {o.title} · {o.code}
            </option>
          ))}
        </select>
        <button
          type="button"
          disabled={!offer || action.busy}
          onClick={() => void assign()}
          data-testid="offer-assign"
        >
          {t('assignOffer', lang)}
        </button>
      </div>
      <ActionError error={action.error} />
    </section>
  );
}
