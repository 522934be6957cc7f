import { formatDate } from '../../../lib/format';
import { t, textOr, useLang } from '../../../lib/i18n';
import type { CustomerCard } from '../api/get-customer';

/** The audited changes to this customer, newest first, as the server recorded them. */
export function HistoryBlock({ history }: { history: NonNullable<CustomerCard['history']> }) {
  const lang = useLang();
  if (history.length === 0) return null;
  return (
    <section className="block" data-testid="customer-history">
      <h2>{t('history', lang)}</h2>
      {history.map((h) => (
        <div key={h.id} className="risk-row">
          <span>{textOr(`action_${h.action}`, lang, h.action)}</span>
          <span className="hint">
            {h.actorRole} · {formatDate(h.at, lang)}
          </span>
        </div>
      ))}
    </section>
  );
}
