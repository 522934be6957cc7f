import { deliveryStates as deliveryWords, wordFor } from '@retention/contracts';
import { formatValue } from '../../../lib/format';
import { useLang } from '../../../lib/i18n';
import { type Campaign, deliveryStates } from '../api/types';

/** The delivery states that have anyone in them, as chips: "sent 120 · no Telegram 14". */
export function DeliveryCounts({ delivery }: { delivery: Campaign['delivery'] }) {
  const lang = useLang();
  const shown = deliveryStates.filter((s) => (delivery[s] ?? 0) > 0);
  if (shown.length === 0) return <span className="hint">—</span>;
  return (
    <span className="chip-list">
      {shown.map((s) => (
        <span key={s} className="chip" data-testid={`delivery-${s}`}>
          {wordFor(deliveryWords, s, lang)} {formatValue(delivery[s] ?? 0, 'int', lang)}
        </span>
      ))}
    </span>
  );
}
