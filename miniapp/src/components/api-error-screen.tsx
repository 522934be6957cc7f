import { errorMessage, isApiError } from '../lib/api-client';
import { launchLang, t } from '../lib/i18n';
import { ErrorScreen } from './error-screen';

type ApiErrorScreenProps = { error: Error; onRetry: () => void };

/** Shows a failed request with the server's own reason; retry only where it can help. */
export function ApiErrorScreen({ error, onRetry }: ApiErrorScreenProps) {
  const lang = launchLang();
  const status = isApiError(error) ? error.status : undefined;
  const retry = { label: t('tryAgain', lang), onClick: onRetry };

  if (status === 401) {
    // initData older than the server accepts: only reopening the app renews it.
    return (
      <ErrorScreen
        title={t('reopenTitle', lang)}
        message={`${t('reopenText', lang)} (${error.message})`}
      />
    );
  }
  if (status === 403) {
    return <ErrorScreen title={t('deniedTitle', lang)} message={errorMessage(error, lang)} />;
  }
  if (isApiError(error) && error.serverUnreachable) {
    return (
      <ErrorScreen
        title={t('unreachableTitle', lang)}
        message={t('unreachableText', lang)}
        action={retry}
      />
    );
  }
  const message = errorMessage(error, lang);
  return <ErrorScreen title={t('failedTitle', lang)} message={message} action={retry} />;
}
