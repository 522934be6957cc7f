import { ErrorScreen } from '../components/error-screen';
import type { StartResult } from './start-app';

type StartFailureProps = { result: Exclude<StartResult, { status: 'ready' }> };

const title = 'Open this app from the Telegram bot';
const reload = { label: 'Try again', onClick: () => window.location.reload() };

function firstLine(text: string): string {
  return text.split('\n', 1)[0] ?? text;
}

/** What a user sees when the app could not sign them in at start-up. */
export function StartFailure({ result }: StartFailureProps) {
  if (result.status === 'failed') {
    return (
      <ErrorScreen
        title="The app could not start"
        message={firstLine(result.error.message)}
        action={reload}
      />
    );
  }
  const { cause } = result;
  if (cause.serverUnreachable) {
    return (
      <ErrorScreen
        title={title}
        message="The server cannot be reached. Check that it is running, then try again."
        action={reload}
      />
    );
  }
  if (cause.status === 404) {
    return (
      <ErrorScreen
        title={title}
        message="It signs you in with your Telegram account, so it only works inside Telegram."
      />
    );
  }
  if (cause.status === 403) {
    return (
      <ErrorScreen
        title="Open the link from the server’s start log"
        message="In demo mode the server signs you in only through the link it printed when it started (it ends in ?demo=…)."
      />
    );
  }
  return <ErrorScreen title={title} message={`Demo mode is not available: ${cause.message}`} />;
}
