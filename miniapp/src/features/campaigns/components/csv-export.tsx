import { useState } from 'react';
import { errorMessage } from '../../../lib/api-client';
import { useLang } from '../../../lib/i18n';
import { canSaveFiles, haptic, saveTextFile } from '../../../lib/native';
import { getUnreachableCsv } from '../api/get-unreachable';
import { useWords } from '../words';

/**
 * The unreachable list as CSV. It is fetched with the app's authorization (a plain link, or
 * the SDK's downloadFile, would reach the server without it), then saved as a file where the
 * client lets a page save one, and otherwise shown for copying.
 */
export function CsvExport({ campaignId }: { campaignId: number }) {
  const w = useWords();
  const lang = useLang();
  const [csv, setCsv] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [copied, setCopied] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const load = async (): Promise<string | null> => {
    setError(null);
    setBusy(true);
    try {
      return await getUnreachableCsv(campaignId);
    } catch (e) {
      haptic.error();
      setError(errorMessage(e, lang));
      return null;
    } finally {
      setBusy(false);
    }
  };

  const download = async () => {
    const text = await load();
    if (text === null) return;
    if (canSaveFiles()) {
      saveTextFile(text, `campaign-${campaignId}-other-channels.csv`);
      haptic.success();
    } else {
      setCsv(text);
    }
  };

  const copy = async () => {
    const text = csv ?? (await load());
    if (text === null) return;
    try {
      await navigator.clipboard.writeText(text);
      setCopied(true);
      haptic.success();
    } catch {
      // No clipboard access in this webview: the text is there to select by hand.
      setCsv(text);
    }
  };

  return (
    <div className="csv-export">
      <div className="action-row">
        <button
          type="button"
          disabled={busy}
          onClick={() => void download()}
          data-testid="csv-download"
        >
          {w.downloadCsv}
        </button>
        <button type="button" className="secondary" disabled={busy} onClick={() => void copy()}>
          {copied ? w.copied : w.copyCsv}
        </button>
      </div>
      {error && (
        <p className="action-error" role="alert">
          {error}
        </p>
      )}
      {csv !== null && (
        <>
          <p className="hint">{w.csvHint}</p>
          <textarea
            className="note-editor csv-text"
            readOnly
            value={csv}
            onFocus={(e) => e.currentTarget.select()}
            data-testid="csv-text"
          />
        </>
      )}
    </div>
  );
}
