import { t, useLang } from '../../../lib/i18n';
import type { Definition } from '../api/reports';

/** "How is this computed?": the server's definition of the block's numbers, unabridged. */
export function HowComputed({ definition }: { definition: Definition }) {
  const lang = useLang();
  return (
    <details>
      <summary>{t('howComputed', lang)}</summary>
      <p>{definition.text}</p>
      <p>
        W = {definition.windowDays} · {definition.from} – {definition.to} · {definition.timeZone}
      </p>
    </details>
  );
}
