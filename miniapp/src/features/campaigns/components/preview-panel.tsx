import type { UseQueryResult } from '@tanstack/react-query';
import { Stat } from '../../../components/stat';
import { errorMessage } from '../../../lib/api-client';
import { formatValue } from '../../../lib/format';
import { useLang } from '../../../lib/i18n';
import type { Preview } from '../api/types';
import { useWords } from '../words';

/** Who the target reaches before launch: sizes, reach in Telegram, value at risk. */
export function PreviewPanel({
  preview,
  stale,
}: {
  preview: UseQueryResult<Preview>;
  /** The form changed and its preview is not asked for yet: the numbers are the last ones. */
  stale: boolean;
}) {
  const lang = useLang();
  const w = useWords();
  const p = preview.data;
  const counting = stale || preview.isFetching;
  const int = (n: number) => formatValue(n, 'int', lang);
  return (
    <section className="block" data-testid="campaign-preview" aria-busy={counting}>
      <h2>
        {w.preview}
        {counting && <span className="hint"> · {w.previewing}</span>}
      </h2>
      {preview.isError && (
        <p className="action-error" role="alert" data-testid="preview-error">
          {errorMessage(preview.error, lang)}
        </p>
      )}
      {!p && !preview.isError && <p className="hint">{w.previewFirst}</p>}
      {p && !preview.isError && (
        <div className={`kpi-grid preview-grid${counting ? ' stale' : ''}`}>
          <Stat label={w.size} value={int(p.size)} testId="preview-size" />
          <Stat label={w.treatment} value={int(p.treatment)} testId="preview-treatment" />
          <Stat label={w.control} value={int(p.control)} testId="preview-control" />
          <Stat label={w.withTelegram} value={int(p.withTelegram)} testId="preview-telegram" />
          <Stat label={w.optedOut} value={int(p.optedOut)} testId="preview-opted-out" />
          <Stat
            label={w.withoutTelegram}
            value={int(p.withoutTelegram)}
            testId="preview-no-telegram"
          />
          <Stat
            label={w.valueAtRisk}
            value={formatValue(p.valueAtRisk, 'money', lang)}
            testId="preview-value-at-risk"
          />
          <Stat
            label={w.expectedChurners}
            value={formatValue(p.expectedChurners, 'int', lang)}
            testId="preview-expected-churners"
          />
          {p.averageChurnProbability !== null && (
            <Stat
              label={w.averageChurn}
              value={formatValue(p.averageChurnProbability, 'pct', lang)}
              testId="preview-average-churn"
            />
          )}
        </div>
      )}
    </section>
  );
}
