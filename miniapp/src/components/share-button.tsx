import { type BlockName, type Filters, filtersToSearch } from '@retention/contracts';
import { shareMessage } from '@telegram-apps/sdk-react';
import { useState } from 'react';
import { api, errorMessage } from '../lib/api-client';
import { t, useLang } from '../lib/i18n';
import { useMe } from '../lib/me';
import { haptic } from '../lib/native';
import './share-button.css';

/**
 * Sends a dashboard block to a chat: the server prepares it as a message (its picture with
 * title, range and filters), then Telegram's share dialog opens with it. Hidden in clients
 * without shareMessage (before Mini Apps 8.0) and in the demo (no bot).
 */
export function ShareButton({ block, filters }: { block: BlockName; filters: Filters }) {
  const lang = useLang();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  // The demo has no bot to prepare the message.
  const demo = useMe().data?.demo ?? false;
  if (demo || !shareMessage.isAvailable()) return null;
  const share = async () => {
    setProblem(null);
    setBusy(true);
    try {
      const body = Object.fromEntries(new URLSearchParams(filtersToSearch(filters)));
      const prepared = await api.post<{ id: string }>('/share', { block, ...body });
      await shareMessage(prepared.id);
      haptic.success();
    } catch (e) {
      haptic.error();
      setProblem(errorMessage(e, lang));
    } finally {
      setBusy(false);
    }
  };
  return (
    <span className="share">
      <button
        type="button"
        className="share-button"
        data-testid={`share-${block}`}
        aria-busy={busy}
        disabled={busy}
        onClick={share}
      >
        {busy ? t('sharePreparing', lang) : t('share', lang)}
      </button>
      {problem && (
        <span className="action-error share-problem" role="alert">
          {problem}
        </span>
      )}
    </span>
  );
}
