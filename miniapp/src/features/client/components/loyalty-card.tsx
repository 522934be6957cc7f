import { nameFor } from '@retention/contracts';
import { formatValue } from '../../../lib/format';
import { t, useLang } from '../../../lib/i18n';
import type { Loyalty } from '../../customer/api/get-customer';

/** The client's tier, and how much more it takes to reach the next one. */
export function LoyaltyCard({ loyalty }: { loyalty: Loyalty }) {
  const lang = useLang();
  const { next } = loyalty;
  const spend = Number(loyalty.spend);
  const share = next ? Math.min(1, spend / next.from) : 1;
  return (
    <section className="block" data-testid="loyalty">
      <h2>{t('loyalty', lang)}</h2>
      <div className="loyalty-tier" data-testid="loyalty-tier">
        {nameFor(loyalty.tier, lang)}
      </div>
      <div className="progress" aria-hidden="true">
        <div style={{ width: `${Math.round(share * 100)}%` }} />
      </div>
      <p className="hint" data-testid="loyalty-next">
        {next
          ? `${formatValue(next.remaining, 'money', lang)} ${t('loyaltyNext', lang)} ${nameFor(next.tier, lang)}`
          : t('loyaltyTop', lang)}
        <br />
        {formatValue(loyalty.spend, 'money', lang)} {t('loyaltyBasis', lang)}
      </p>
    </section>
  );
}
