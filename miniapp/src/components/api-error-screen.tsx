import { isApiError } from '../lib/api-client';
import { ErrorScreen } from './error-screen';

type ApiErrorScreenProps = { error: Error; onRetry: () => void };

/** Shows a failed request with the server's own reason; retry only where it can help. */
export function ApiErrorScreen({ error, onRetry }: ApiErrorScreenProps) {
  const status = isApiError(error) ? error.status : undefined;
  const retry = { label: 'Try again', onClick: onRetry };

  if (status === 401) {
    // Usually initData older than the server accepts: only reopening the app renews it.
    return (
      <ErrorScreen
        title="Please reopen the app"
        message={`Your sign-in is no longer valid: close this app and open it again from the bot. (${error.message})`}
      />
    );
  }
  if (status === 403) return <ErrorScreen title="Access denied" message={error.message} />;
  if (isApiError(error) && error.serverUnreachable) {
    return (
      <ErrorScreen
        title="Server unreachable"
        message="The server cannot be reached. Check the connection and try again."
        action={retry}
      />
    );
  }
  return <ErrorScreen title="Something went wrong" message={error.message} action={retry} />;
}
