import { ErrorScreen } from '../components/error-screen';
import { parseDemoLang } from '../features/demo/api/create-demo-session';
import { errorMessage } from '../lib/api-client';
import { type Lang, launchLang } from '../lib/i18n';
import type { StartResult } from './start-app';

type StartFailureProps = { result: Exclude<StartResult, { status: 'ready' }> };

const words = {
  title: { en: 'Open this app from the Telegram bot', ru: 'Откройте приложение из Telegram-бота' },
  retry: { en: 'Try again', ru: 'Повторить' },
  failed: { en: 'The app could not start', ru: 'Приложение не запустилось' },
  unreachable: {
    en: 'The server cannot be reached. Check that it is running, then try again.',
    ru: 'Сервер недоступен. Проверьте, что он запущен, и повторите.',
  },
  outsideTelegram: {
    en: 'It signs you in with your Telegram account, so it only works inside Telegram.',
    ru: 'Вход выполняется через ваш аккаунт Telegram, поэтому приложение работает только внутри Telegram.',
  },
  demoLinkTitle: {
    en: 'Open the link from the server’s start log',
    ru: 'Откройте ссылку из журнала запуска сервера',
  },
  demoLink: {
    en: 'In demo mode the server signs you in only through the link it printed when it started (it ends in ?demo=…).',
    ru: 'В демо-режиме сервер впускает только по ссылке, которую он вывел при запуске (она заканчивается на ?demo=…).',
  },
  demoUnavailable: { en: 'Demo mode is not available', ru: 'Демо-режим недоступен' },
  noSignIn: {
    en: 'Telegram did not send sign-in data. Open the app from the bot’s menu.',
    ru: 'Telegram не передал данные для входа. Откройте приложение из меню бота.',
  },
} satisfies Record<string, Record<Lang, string>>;

/** Telegram's language inside Telegram; in a plain browser the demo's `?lang=`, else the browser's. */
function failureLang(): Lang {
  const asked = new URLSearchParams(window.location.search).get('lang');
  return asked === null ? launchLang() : parseDemoLang(asked);
}

function firstLine(text: string): string {
  return text.split('\n', 1)[0] ?? text;
}

/** What a user sees when the app could not sign them in at start-up, in their language. */
export function StartFailure({ result }: StartFailureProps) {
  const lang = failureLang();
  const w = (key: keyof typeof words) => words[key][lang];
  const reload = { label: w('retry'), onClick: () => window.location.reload() };
  if (result.status === 'failed') {
    return (
      <ErrorScreen
        title={w('failed')}
        message={firstLine(errorMessage(result.error, lang))}
        action={reload}
      />
    );
  }
  if (result.status === 'no-sign-in') {
    return <ErrorScreen title={w('failed')} message={w('noSignIn')} action={reload} />;
  }
  const { cause } = result;
  if (cause.serverUnreachable) {
    return <ErrorScreen title={w('title')} message={w('unreachable')} action={reload} />;
  }
  if (cause.status === 404)
    return <ErrorScreen title={w('title')} message={w('outsideTelegram')} />;
  if (cause.status === 403) {
    return <ErrorScreen title={w('demoLinkTitle')} message={w('demoLink')} />;
  }
  const why = `${w('demoUnavailable')}: ${errorMessage(cause, lang)}`;
  return <ErrorScreen title={w('title')} message={why} />;
}
