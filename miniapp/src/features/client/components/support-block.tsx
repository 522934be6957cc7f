import { openTelegramLink } from '@telegram-apps/sdk-react';
import { BlockState } from '../../../components/block-state';
import { t, useLang } from '../../../lib/i18n';
import { useMainButton } from '../../../lib/native';
import { useSupport } from '../api/get-support';

/** How to reach the business; "message support" is the client screen's MainButton. */
export function SupportBlock() {
  const lang = useLang();
  const support = useSupport();
  const username = support.data?.telegram;
  useMainButton(
    username
      ? {
          text: t('contactSupport', lang),
          onClick: () => openTelegramLink.ifAvailable(`https://t.me/${username}`),
        }
      : null,
  );
  return (
    <section className="block" data-testid="support">
      <h2>{t('support', lang)}</h2>
      <BlockState
        query={support}
        empty={(s) => (!s.telegram && !s.email && !s.phone ? t('noSupport', lang) : false)}
      >
        {(s) => (
          <ul className="plain-list support-list">
            {s.telegram && (
              <li>
                Telegram: <a href={`https://t.me/${s.telegram}`}>@{s.telegram}</a>
              </li>
            )}
            {s.email && (
              <li>
                E-mail: <a href={`mailto:${s.email}`}>{s.email}</a>
              </li>
            )}
            {s.phone && (
              <li>
                {lang === 'ru' ? 'Телефон' : 'Phone'}:{' '}
                <a href={`tel:${s.phone.replace(/[^\d+]/g, '')}`}>{s.phone}</a>
              </li>
            )}
            {s.hours && (
              <li className="hint">
                {t('supportHours', lang)}: {s.hours}
              </li>
            )}
          </ul>
        )}
      </BlockState>
    </section>
  );
}
