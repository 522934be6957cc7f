import { useState } from 'react';
import { errorMessage } from '../lib/api-client';
import { t, useLang } from '../lib/i18n';
import { canSaveFiles, haptic, saveTextFile } from '../lib/native';

/**
 * A list as CSV. `load` fetches it with the app's authorization (a plain link, or the SDK's
 * downloadFile, would reach the server without it); it is then saved as a file where the
 * client lets a page save one, and otherwise shown for copying.
 */
export function CsvExport({ load, fileName }: { load: () => Promise<string>; fileName: string }) {
  const lang = useLang();
  const [csv, setCsv] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [copied, setCopied] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const fetchText = async (): Promise<string | null> => {
    setError(null);
    setBusy(true);
    try {
      return await load();
    } catch (e) {
      haptic.error();
      setError(errorMessage(e, lang));
      return null;
    } finally {
      setBusy(false);
    }
  };

  const download = async () => {
    const text = await fetchText();
    if (text === null) return;
    if (canSaveFiles()) {
      saveTextFile(text, fileName);
      haptic.success();
    } else {
      setCsv(text);
    }
  };

  const copy = async () => {
    const text = csv ?? (await fetchText());
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
          {t('downloadCsv', lang)}
        </button>
        <button type="button" className="secondary" disabled={busy} onClick={() => void copy()}>
          {copied ? t('copied', lang) : t('copyCsv', lang)}
        </button>
      </div>
      {error && (
        <p className="action-error" role="alert">
          {error}
        </p>
      )}
      {csv !== null && (
        <>
          <p className="hint">{t('csvHint', lang)}</p>
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
