import { useState } from 'react';
import { errorMessage } from '../../../lib/api-client';
import { t, useLang } from '../../../lib/i18n';
import { confirmAction, haptic } from '../../../lib/native';
import { type CustomerAction, useCustomerAction } from '../api/customer-actions';

/**
 * Runs an admin's change after Telegram's confirmation popup, with haptics for the outcome
 * and the server's reason when it refuses. `run` resolves true when the change was saved.
 */
export function useConfirmedAction(customerId: number) {
  const lang = useLang();
  const mutation = useCustomerAction(customerId);
  const [error, setError] = useState<string | null>(null);

  async function run(action: CustomerAction, question: string, detail: string): Promise<boolean> {
    setError(null);
    const ok = await confirmAction({
      title: question,
      message: detail,
      ok: t('confirm', lang),
      cancel: t('cancel', lang),
      destructive: action.kind === 'remove-tag',
    });
    if (!ok) return false;
    try {
      await mutation.mutateAsync(action);
      haptic.success();
      return true;
    } catch (e) {
      haptic.error();
      setError(errorMessage(e, lang));
      return false;
    }
  }

  return { run, error, busy: mutation.isPending };
}
