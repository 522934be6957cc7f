import { definitions } from '@retention/contracts';
import { formatDateRange } from '../../../lib/format';
import { t, useLang } from '../../../lib/i18n';
import type { Definition } from '../api/reports';

/** "How is this computed?": the definitions of the block's numbers, unabridged, in the viewer's language. */
export function HowComputed({ definition }: { definition: Definition }) {
  const lang = useLang();
  return (
    <details>
      <summary>{t('howComputed', lang)}</summary>
      <p>{definition.keys.map((key) => definitions[key][lang]).join(' ')}</p>
      <p>
        W = {definition.windowDays} · {formatDateRange(definition.from, definition.to, lang)} ·{' '}
        {definition.timeZone}
      </p>
    </details>
  );
}
